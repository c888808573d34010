# Recomputes the maximum of every window from scratch: O(n * k).
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    t = list(map(int, data[2:2 + n]))
    out = []
    for i in range(n - k + 1):
        best = t[i]
        for j in range(i + 1, i + k):
            if t[j] > best:
                best = t[j]
        out.append(best)
    sys.stdout.write(" ".join(map(str, out)) + "\n")


main()
