# Tests the sign with `x < 0`, so a step from 0 to a negative sample (or back) counts as a crossing.
import sys
from bisect import bisect_left


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, q = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    cross = [i + 1 for i in range(n - 1) if (a[i] < 0) != (a[i + 1] < 0)]
    out = []
    pos = 2 + n
    for _ in range(q):
        l = int(data[pos])
        r = int(data[pos + 1])
        pos += 2
        lo = bisect_left(cross, l)
        hi = bisect_left(cross, r) - 1
        if lo > hi:
            out.append(f"0 {r - l + 1}")
            continue
        best = max(cross[lo] - l + 1, r - cross[hi])
        for j in range(lo, hi):
            best = max(best, cross[j + 1] - cross[j])
        out.append(f"{hi - lo + 1} {best}")
    sys.stdout.write("\n".join(out) + "\n")


main()
