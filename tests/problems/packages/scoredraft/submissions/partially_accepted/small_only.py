n = int(input())
values = list(map(int, input().split()))
print(sum(values) if n <= 3 else 0)
