# Bug: treats the tracks as half-open [l, r), so a track ending in the frame where another starts is missed.
import sys
from bisect import bisect_right


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    starts = sorted(map(int, data[1:1 + 2 * n:2]))
    ends = sorted(map(int, data[2:2 + 2 * n:2]))
    events = sorted([(s, 1) for s in starts] + [(e, -1) for e in ends])
    best = active = 0
    for _, delta in events:
        active += delta
        best = max(best, active)
    disjoint = sum(bisect_right(ends, s) for s in starts)
    print(best, n * (n - 1) // 2 - disjoint)


main()
