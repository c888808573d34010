# Bug: depth-first search finds *a* route to the goal, but not necessarily a shortest one.
import sys


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
    stack = [start]
    while stack:
        i, j = stack.pop()
        if (i, j) == goal:
            break
        for move, (di, dj) in zip("UDLR", ((-1, 0), (1, 0), (0, -1), (0, 1))):
            y, x = i + di, j + dj
            if 0 <= y < h and 0 <= x < w and grid[y][x] != "#" and (y, x) not in parent:
                parent[(y, x)] = ((i, j), move)
                stack.append((y, x))
    if goal not in parent:
        print(-1)
        return
    moves = []
    cell = goal
    while parent[cell] is not None:
        cell, move = parent[cell]
        moves.append(move)
    print(len(moves))
    print("".join(reversed(moves)))


main()
