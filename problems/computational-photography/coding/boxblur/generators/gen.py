#!/usr/bin/env python3
"""Writes data/secret/ for Box Blur. Run from anywhere: python3 generators/gen.py"""
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "prefix_sums.py"


def image(h, w, r, pixel):
    lines = [f"{h} {w} {r}"]
    for i in range(h):
        lines.append(" ".join(str(pixel(i, j)) for j in range(w)))
    return "\n".join(lines) + "\n"


def write(name, text):
    data = text.encode("ascii")
    (SECRET / f"{name}.in").write_bytes(data)
    answer = subprocess.run([sys.executable, str(SOLUTION)], input=data, capture_output=True, check=True).stdout
    (SECRET / f"{name}.ans").write_bytes(answer)


def main():
    SECRET.mkdir(parents=True, exist_ok=True)
    for old in SECRET.glob("*.in"):
        old.unlink()
    for old in SECRET.glob("*.ans"):
        old.unlink()
    rng = random.Random(20260101)
    write("01-single-pixel", image(1, 1, 0, lambda i, j: 200))
    write("02-single-pixel-big-radius", image(1, 1, 500, lambda i, j: 255))
    write("03-one-row", image(1, 500, 3, lambda i, j: rng.randint(0, 255)))
    write("04-one-column", image(500, 1, 17, lambda i, j: rng.randint(0, 255)))
    write("05-all-equal", image(120, 200, 9, lambda i, j: 173))
    write("06-all-black", image(40, 30, 2, lambda i, j: 0))
    write("07-radius-zero", image(50, 60, 0, lambda i, j: rng.randint(0, 255)))
    write("08-radius-covers-image", image(37, 45, 500, lambda i, j: rng.randint(0, 255)))
    write("09-random-small-radius", image(100, 100, 3, lambda i, j: rng.randint(0, 255)))
    write("10-extremes", image(64, 64, 1, lambda i, j: 255 if rng.random() < 0.5 else 0))
    write("11-max-random-r40", image(500, 500, 40, lambda i, j: rng.randint(0, 255)))
    write("12-max-stripes-r150", image(500, 500, 150, lambda i, j: (i // 7 + j // 11) % 10))
    write("13-tall-thin-r499", image(500, 3, 499, lambda i, j: rng.randint(250, 255)))


main()
