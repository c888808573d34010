import sys
from bisect import bisect_left


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    starts = sorted(map(int, data[1:1 + 2 * n:2]))
    ends = sorted(map(int, data[2:2 + 2 * n:2]))
    # Most tracks in one frame: sweep the sorted starts and ends; a track ending in frame x is still visible
    # when another starts in frame x, so at equal frames starts come first.
    best = active = 0
    e = 0
    for s in starts:
        while ends[e] < s:
            e += 1
            active -= 1
        active += 1
        if active > best:
            best = active
    # Pairs that share no frame: track i ends strictly before track j starts.
    disjoint = sum(bisect_left(ends, s) for s in starts)
    print(best, n * (n - 1) // 2 - disjoint)


main()
