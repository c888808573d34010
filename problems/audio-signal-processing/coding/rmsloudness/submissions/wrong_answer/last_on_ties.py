# Uses >= when updating the maximum, so it reports the last loudest window instead of the first.
import sys
from math import sqrt


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, w = int(data[0]), int(data[1])
    sq = [v * v for v in map(int, data[2:2 + n])]
    window = sum(sq[:w])
    best, best_start = window, 0
    for s in range(1, n - w + 1):
        window += sq[s + w - 1] - sq[s - 1]
        if window >= best:
            best, best_start = window, s
    print(f"{sqrt(best / w):.6f} {best_start + 1}")


main()
