# Sorts the whole prefix again after every new logit: O(n^2 log n).
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    logits = list(map(int, data[2:2 + n]))
    out = []
    for t in range(k, n + 1):
        prefix = sorted(logits[:t], reverse=True)
        out.append(prefix[k - 1])
    sys.stdout.write(" ".join(map(str, out)) + "\n")


main()
