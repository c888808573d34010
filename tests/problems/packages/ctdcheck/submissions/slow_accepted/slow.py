import time

a, b = map(int, input().split())
end = time.process_time() + 0.2
while time.process_time() < end:
    pass
print(a + b)
