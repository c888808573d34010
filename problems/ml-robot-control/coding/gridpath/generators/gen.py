#!/usr/bin/env python3
"""Writes data/secret/ for Grid Path: python3 generators/gen.py"""
import random
import subprocess
import sys
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "bfs.py"


def text(grid):
    return f"{len(grid)} {len(grid[0])}\n" + "".join("".join(row) + "\n" for row in grid)


def farthest(grid, start):
    """The free cell farthest (in moves) from start."""
    h, w = len(grid), len(grid[0])
    dist = {start: 0}
    queue = deque([start])
    last = start
    while queue:
        last = queue.popleft()
        i, j = last
        for y, x in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)):
            if 0 <= y < h and 0 <= x < w and grid[y][x] != "#" and (y, x) not in dist:
                dist[(y, x)] = dist[last] + 1
                queue.append((y, x))
    return last


def spiral(n):
    g = [["#"] * n for _ in range(n)]
    top, left, bottom, right = 0, 0, n - 1, n - 1
    while top <= bottom and left <= right:
        for j in range(left, right + 1):
            g[top][j] = "."
        for i in range(top, bottom + 1):
            g[i][right] = "."
        if top + 2 <= bottom:
            for j in range(left, right + 1):
                g[bottom][j] = "."
        if left + 2 <= right and top + 2 <= bottom:
            for i in range(top + 2, bottom + 1):
                g[i][left] = "."
        top, left, bottom, right = top + 2, left + 2, bottom - 2, right - 2
        if top <= bottom and left <= right:
            g[top][left - 1] = "."
    return g


def serpentine(h, w):
    g = [["."] * w for _ in range(h)]
    for i in range(1, h, 2):
        gap = w - 1 if (i // 2) % 2 == 0 else 0
        for j in range(w):
            if j != gap:
                g[i][j] = "#"
    return g


def random_map(rng, h, w, p):
    return [["#" if rng.random() < p else "." for _ in range(w)] for _ in range(h)]


def place(grid, start, goal):
    grid[start[0]][start[1]] = "S"
    grid[goal[0]][goal[1]] = "G"
    return grid


def write(name, grid):
    data = text(grid).encode("ascii")
    (SECRET / f"{name}.in").write_bytes(data)
    answer = subprocess.run([sys.executable, str(SOLUTION)], input=data, capture_output=True, check=True).stdout
    (SECRET / f"{name}.ans").write_bytes(answer)


def main():
    SECRET.mkdir(parents=True, exist_ok=True)
    for old in list(SECRET.glob("*.in")) + list(SECRET.glob("*.ans")):
        old.unlink()
    rng = random.Random(2718)
    write("01-two-cells", [list("SG")])
    write("02-one-column", [list("G"), list("."), list("S")])
    write("03-walled-in", [list("S#."), list("##."), list("..G")])
    write("04-goal-next-to-start", place(random_map(rng, 50, 50, 0.3), (25, 25), (25, 26)))
    write("05-open-corners", place([["."] * 400 for _ in range(400)], (0, 0), (399, 399)))
    write("06-random-small", place(random_map(rng, 12, 15, 0.2), (0, 0), (11, 14)))
    grid = spiral(400)
    write("07-max-spiral", place(grid, (0, 0), farthest(grid, (0, 0))))
    grid = serpentine(400, 400)
    write("08-max-serpentine", place(grid, (0, 0), (398, 399)))
    grid = random_map(rng, 400, 400, 0.3)
    write("09-max-random-sparse", place(grid, (0, 0), (399, 399)))
    grid = random_map(rng, 400, 400, 0.38)
    write("10-max-random-dense", place(grid, (200, 0), (200, 399)))
    grid = [["."] * 400 for _ in range(400)]
    for i in range(300, 305):
        for j in range(300, 305):
            grid[i][j] = "#"
    write("11-goal-enclosed", place(grid, (0, 0), (302, 302)))
    grid = [["#"] * 400 for _ in range(400)]
    for j in range(400):
        grid[0][j] = "."
    write("12-long-corridor", place(grid, (0, 399), (0, 0)))
    write("13-one-row-blocked", [list("S" + "." * 100 + "#" + "." * 50 + "G")])


main()
