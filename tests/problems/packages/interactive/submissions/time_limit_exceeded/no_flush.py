import sys

lo, hi = 1, 100
while True:
    mid = (lo + hi) // 2
    sys.stdout.write(f"{mid}\n")  # never flushed: the judge waits for a guess that does not come
    reply = sys.stdin.readline().strip()
    if reply == "correct":
        break
    if reply == "lower":
        hi = mid - 1
    else:
        lo = mid + 1
