# Recomputes every window's sum of squares from scratch: O(n * w).
import sys
from math import sqrt


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, w = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    best, best_start = -1, 0
    for s in range(n - w + 1):
        total = 0
        for i in range(s, s + w):
            total += a[i] * a[i]
        if total > best:
            best, best_start = total, s
    print(f"{sqrt(best / w):.6f} {best_start + 1}")


main()
