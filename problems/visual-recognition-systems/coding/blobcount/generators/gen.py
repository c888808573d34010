#!/usr/bin/env python3
"""Writes data/secret/ for Blob Count: python3 generators/gen.py"""
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "bfs.py"


def mask(grid):
    return f"{len(grid)} {len(grid[0])}\n" + "".join("".join(map(str, row)) + "\n" for row in grid)


def spiral(n):
    """A single 1-pixel-wide corridor winding inwards: one blob whose path length is about n*n/2."""
    g = [[0] * n for _ in range(n)]
    top, left, bottom, right = 0, 0, n - 1, n - 1
    while top <= bottom and left <= right:
        for j in range(left, right + 1):
            g[top][j] = 1
        for i in range(top, bottom + 1):
            g[i][right] = 1
        if top + 2 <= bottom:
            for j in range(left, right + 1):
                g[bottom][j] = 1
        if left + 2 <= right and top + 2 <= bottom:
            for i in range(top + 2, bottom + 1):
                g[i][left] = 1
        top, left, bottom, right = top + 2, left + 2, bottom - 2, right - 2
        if top <= bottom and left <= right:
            g[top][left - 1] = 1
    return g


def write(name, text):
    data = text.encode("ascii")
    (SECRET / f"{name}.in").write_bytes(data)
    answer = subprocess.run([sys.executable, str(SOLUTION)], input=data, capture_output=True, check=True).stdout
    (SECRET / f"{name}.ans").write_bytes(answer)


def random_mask(rng, h, w, p):
    return [[1 if rng.random() < p else 0 for _ in range(w)] for _ in range(h)]


def main():
    SECRET.mkdir(parents=True, exist_ok=True)
    for old in list(SECRET.glob("*.in")) + list(SECRET.glob("*.ans")):
        old.unlink()
    rng = random.Random(31337)
    write("01-single-background", mask([[0]]))
    write("02-single-foreground", mask([[1]]))
    write("03-one-row", mask([[rng.randint(0, 1) for _ in range(500)]]))
    write("04-one-column", mask([[rng.randint(0, 1)] for _ in range(500)]))
    write("05-all-background", mask([[0] * 300 for _ in range(200)]))
    write("06-all-foreground", mask([[1] * 500 for _ in range(500)]))
    write("07-checkerboard", mask([[(i + j) % 2 for j in range(500)] for i in range(500)]))
    write("08-diagonal-stripes", mask([[1 if (i + j) % 4 == 0 else 0 for j in range(300)] for i in range(300)]))
    write("09-random-half", mask(random_mask(rng, 100, 100, 0.5)))
    write("10-max-percolation", mask(random_mask(rng, 500, 500, 0.59)))
    write("11-max-spiral", mask(spiral(500)))
    write("12-max-comb", mask([[1 if i == 0 or j % 2 == 0 else 0 for j in range(500)] for i in range(500)]))
    write("13-sparse-dots", mask(random_mask(rng, 500, 500, 0.05)))


main()
