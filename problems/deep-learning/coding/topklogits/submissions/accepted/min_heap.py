import sys
from heapq import heapify, heapreplace


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    logits = list(map(int, data[2:2 + n]))
    top = logits[:k]          # the k largest so far; top[0] is the smallest of them
    heapify(top)
    out = [top[0]]
    for x in logits[k:]:
        if x > top[0]:
            heapreplace(top, x)
        out.append(top[0])
    sys.stdout.write(" ".join(map(str, out)) + "\n")


main()
