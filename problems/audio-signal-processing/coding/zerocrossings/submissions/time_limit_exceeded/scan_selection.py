# Walks through the whole selection for every query: O(n * q).
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, q = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    out = []
    pos = 2 + n
    for _ in range(q):
        l = int(data[pos]) - 1
        r = int(data[pos + 1]) - 1
        pos += 2
        count, run, best = 0, 1, 1
        for i in range(l, r):
            if a[i] * a[i + 1] < 0:
                count += 1
                run = 1
            else:
                run += 1
            if run > best:
                best = run
        out.append(f"{count} {best}")
    sys.stdout.write("\n".join(out) + "\n")


main()
