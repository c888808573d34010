# Bug: reports the number of cells on the route (moves + 1) instead of the number of moves.
import sys
from collections import deque


def main() -> None:
    data = sys.stdin.read().split()
    h, w = int(data[0]), int(data[1])
    grid = data[2:2 + h]
    start = goal = None
    for i in range(h):
        for j in range(w):
            if grid[i][j] == "S":
                start = (i, j)
            elif grid[i][j] == "G":
                goal = (i, j)
    parent = {start: None}
    queue = deque([start])
    while queue:
        i, j = queue.popleft()
        if (i, j) == goal:
            break
        for move, (di, dj) in zip("UDLR", ((-1, 0), (1, 0), (0, -1), (0, 1))):
            y, x = i + di, j + dj
            if 0 <= y < h and 0 <= x < w and grid[y][x] != "#" and (y, x) not in parent:
                parent[(y, x)] = ((i, j), move)
                queue.append((y, x))
    if goal not in parent:
        print(-1)
        return
    moves = []
    cell = goal
    while parent[cell] is not None:
        cell, move = parent[cell]
        moves.append(move)
    cells_on_route = len(moves) + 1
    print(cells_on_route)
    print("".join(reversed(moves)))


main()
