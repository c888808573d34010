# Bug: keeps only distinct values in the heap, so it reports the k-th largest *distinct* logit.
import sys
from heapq import heappush, heapreplace


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    top, members, out = [], set(), []
    for t in range(1, n + 1):
        x = int(data[1 + t])
        if x not in members:
            if len(top) < k:
                heappush(top, x)
                members.add(x)
            elif x > top[0]:
                members.discard(heapreplace(top, x))
                members.add(x)
        if t >= k:
            out.append(top[0])
    sys.stdout.write(" ".join(map(str, out)) + "\n")


main()
