import sys
from bisect import bisect_left


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, q = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    # crossing positions i (1-based): a_i * a_{i+1} < 0
    cross = [i + 1 for i in range(n - 1) if a[i] * a[i + 1] < 0]
    k = len(cross)
    # sparse table over the gaps between consecutive crossings (lengths of interior pieces)
    gaps = [cross[j + 1] - cross[j] for j in range(k - 1)]
    table = [gaps]
    span = 1
    while 2 * span <= len(gaps):
        prev = table[-1]
        table.append(list(map(max, prev[:len(prev) - span], prev[span:])))
        span *= 2
    out = []
    pos = 2 + n
    for _ in range(q):
        l = int(data[pos])
        r = int(data[pos + 1])
        pos += 2
        lo = bisect_left(cross, l)
        hi = bisect_left(cross, r) - 1  # crossings with l <= c < r are cross[lo..hi]
        if lo > hi:
            out.append(f"0 {r - l + 1}")
            continue
        best = max(cross[lo] - l + 1, r - cross[hi])
        if hi > lo:  # interior pieces: gaps[lo .. hi-1]
            length = hi - lo
            level = length.bit_length() - 1
            row = table[level]
            best = max(best, row[lo], row[hi - (1 << level)])
        out.append(f"{hi - lo + 1} {best}")
    sys.stdout.write("\n".join(out) + "\n")


main()
