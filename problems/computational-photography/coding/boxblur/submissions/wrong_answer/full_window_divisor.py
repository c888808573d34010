# Bug: divides by the full window size (2r+1)^2 even where the window is clipped at the image border.
import sys
from itertools import accumulate
from operator import add


def main() -> None:
    data = sys.stdin.buffer.read().split()
    h, w, r = int(data[0]), int(data[1]), int(data[2])
    values = list(map(int, data[3:3 + h * w]))
    prefix = [[0] * (w + 1)]
    for i in range(h):
        row = [0]
        row.extend(accumulate(values[i * w:(i + 1) * w]))
        prefix.append(list(map(add, prefix[-1], row)))
    area = (2 * r + 1) * (2 * r + 1)
    out = []
    for i in range(h):
        top = prefix[max(0, i - r)]
        bottom = prefix[min(h, i + r + 1)]
        line = []
        for j in range(w):
            a, b = max(0, j - r), min(w, j + r + 1)
            line.append((bottom[b] - bottom[a] - top[b] + top[a]) // area)
        out.append(" ".join(map(str, line)))
    sys.stdout.write("\n".join(out) + "\n")


main()
