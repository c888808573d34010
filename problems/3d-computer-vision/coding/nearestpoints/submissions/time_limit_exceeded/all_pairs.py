# Compares every pair: O(n^2).
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    vals = list(map(int, data[1:1 + 3 * n]))
    pts = list(zip(vals[0::3], vals[1::3], vals[2::3]))
    best = None
    for i in range(n):
        x, y, z = pts[i]
        for j in range(i + 1, n):
            qx, qy, qz = pts[j]
            d = (x - qx) ** 2 + (y - qy) ** 2 + (z - qz) ** 2
            if best is None or d < best:
                best = d
    print(best)


main()
