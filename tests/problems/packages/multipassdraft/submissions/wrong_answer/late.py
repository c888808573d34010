x = int(input())
print(x + 1 if x < 99 else x)
