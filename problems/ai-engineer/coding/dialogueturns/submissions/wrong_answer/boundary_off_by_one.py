# Counts the speaker change *into* the first utterance of the window as an extra turn
# whenever the window starts exactly where a new speaker begins.
import sys
from bisect import bisect_left, bisect_right


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, q = int(data[0]), int(data[1])
    speakers = data[2:2 + 2 * n:2]
    times = list(map(int, data[3:3 + 2 * n:2]))
    changes = [0] * n
    c = 0
    for i in range(1, n):
        if speakers[i] != speakers[i - 1]:
            c += 1
        changes[i] = c
    out = []
    pos = 2 + 2 * n
    for _ in range(q):
        a = int(data[pos])
        b = int(data[pos + 1])
        pos += 2
        lo = bisect_left(times, a)
        hi = bisect_right(times, b) - 1
        if lo > hi:
            out.append(0)
        else:
            out.append(1 + changes[hi] - changes[max(lo - 1, 0)])
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
