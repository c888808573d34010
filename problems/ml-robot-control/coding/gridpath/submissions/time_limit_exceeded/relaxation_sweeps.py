# Bellman-Ford style: sweeps the whole map relaxing distances until nothing changes. Each sweep is O(H * W),
# but a winding corridor needs O(H * W) sweeps.
import sys


def main() -> None:
    data = sys.stdin.read().split()
    h, w = int(data[0]), int(data[1])
    grid = data[2:2 + h]
    inf = h * w + 1
    dist = [[inf] * w for _ in range(h)]
    for i in range(h):
        for j in range(w):
            if grid[i][j] == "S":
                dist[i][j] = 0
            elif grid[i][j] == "G":
                goal = (i, j)
    changed = True
    while changed:
        changed = False
        for i in range(h):
            for j in range(w):
                if grid[i][j] == "#":
                    continue
                best = dist[i][j]
                for y, x in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)):
                    if 0 <= y < h and 0 <= x < w and dist[y][x] + 1 < best:
                        best = dist[y][x] + 1
                if best < dist[i][j]:
                    dist[i][j] = best
                    changed = True
    gi, gj = goal
    if dist[gi][gj] >= inf:
        print(-1)
        return
    moves = []
    i, j = gi, gj
    while dist[i][j] > 0:
        for move, (di, dj) in zip("DURL", ((-1, 0), (1, 0), (0, -1), (0, 1))):
            y, x = i + di, j + dj
            if 0 <= y < h and 0 <= x < w and dist[y][x] == dist[i][j] - 1:
                moves.append(move)
                i, j = y, x
                break
    print(len(moves))
    print("".join(reversed(moves)))


main()
