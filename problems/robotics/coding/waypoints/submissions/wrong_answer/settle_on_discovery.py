# Marks a waypoint as done as soon as it is first reached, so a later, shorter route to it is ignored.
import sys
from heapq import heappop, heappush


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    adj = [[] for _ in range(n + 1)]
    for j in range(m):
        adj[int(data[2 + 3 * j])].append((int(data[3 + 3 * j]), int(data[4 + 3 * j])))
    dist = [-1] * (n + 1)
    dist[1] = 0
    heap = [(0, 1)]
    while heap:
        d, u = heappop(heap)
        for v, w in adj[u]:
            if dist[v] == -1:
                dist[v] = d + w
                heappush(heap, (d + w, v))
    print(dist[n])


main()
