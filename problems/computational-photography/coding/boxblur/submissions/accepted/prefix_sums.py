import sys
from itertools import accumulate
from operator import add


def main() -> None:
    data = sys.stdin.buffer.read().split()
    h, w, r = int(data[0]), int(data[1]), int(data[2])
    values = list(map(int, data[3:3 + h * w]))
    # prefix[i][j] = sum of the pixels in rows < i and columns < j
    prefix = [[0] * (w + 1)]
    for i in range(h):
        row = [0]
        row.extend(accumulate(values[i * w:(i + 1) * w]))
        prefix.append(list(map(add, prefix[-1], row)))
    lo = [max(0, j - r) for j in range(w)]
    hi = [min(w, j + r + 1) for j in range(w)]
    widths = [b - a for a, b in zip(lo, hi)]
    out = []
    for i in range(h):
        top = prefix[max(0, i - r)]
        bottom = prefix[min(h, i + r + 1)]
        rows = min(h, i + r + 1) - max(0, i - r)
        out.append(" ".join(map(str, [
            (bottom[b] - bottom[a] - top[b] + top[a]) // (rows * cw)
            for a, b, cw in zip(lo, hi, widths)
        ])))
    sys.stdout.write("\n".join(out) + "\n")


main()
