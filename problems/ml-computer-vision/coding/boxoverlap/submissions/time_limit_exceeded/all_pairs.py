# Tests every pair of tracks, and every frame for the maximum: O(n^2 + n * frames).
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    tracks = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n)]
    pairs = 0
    for i in range(n):
        li, ri = tracks[i]
        for j in range(i + 1, n):
            lj, rj = tracks[j]
            if max(li, lj) <= min(ri, rj):
                pairs += 1
    visible = [0] * 100_002
    for l, r in tracks:
        visible[l] += 1
        visible[r + 1] -= 1
    best = running = 0
    for v in visible:
        running += v
        best = max(best, running)
    print(best, pairs)


main()
