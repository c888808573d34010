#!/usr/bin/env python3
"""Writes data/secret/ for Confusion Matrix: python3 generators/gen.py"""
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "count.py"


def case(c, truth, predicted):
    return f"{len(truth)} {c}\n" + " ".join(map(str, truth)) + "\n" + " ".join(map(str, predicted)) + "\n"


def noisy(rng, c, truth, accuracy):
    return [y if rng.random() < accuracy else rng.randrange(c) for y in truth]


def write(name, text):
    data = text.encode("ascii")
    (SECRET / f"{name}.in").write_bytes(data)
    answer = subprocess.run([sys.executable, str(SOLUTION)], input=data, capture_output=True, check=True).stdout
    (SECRET / f"{name}.ans").write_bytes(answer)


def main():
    SECRET.mkdir(parents=True, exist_ok=True)
    for old in list(SECRET.glob("*.in")) + list(SECRET.glob("*.ans")):
        old.unlink()
    rng = random.Random(99)
    write("01-one-clip", case(1, [0], [0]))
    write("02-one-clip-missed", case(2, [1], [0]))
    write("03-single-class-many", case(1, [0] * 5000, [0] * 5000))
    truth = [rng.randrange(10) for _ in range(2000)]
    write("04-perfect", case(10, truth, truth))
    truth = [rng.randrange(7) for _ in range(3000)]
    write("05-always-class-3", case(7, truth, [3] * 3000))
    truth = [rng.randrange(4) for _ in range(500)]
    write("06-unused-classes", case(9, truth, noisy(rng, 4, truth, 0.6)))
    truth = [rng.randrange(2) for _ in range(1000)]
    write("07-binary", case(2, truth, noisy(rng, 2, truth, 0.8)))
    truth = [rng.randrange(100) for _ in range(1000)]
    write("08-many-classes-few-clips", case(100, truth, [rng.randrange(100) for _ in range(1000)]))
    truth = [rng.randrange(100) for _ in range(200_000)]
    write("09-max-uniform", case(100, truth, noisy(rng, 100, truth, 0.7)))
    truth = [min(99, int(rng.expovariate(0.08))) for _ in range(200_000)]
    write("10-max-long-tail", case(100, truth, noisy(rng, 100, truth, 0.55)))
    truth = [rng.randrange(3) for _ in range(50_000)]
    write("11-three-classes", case(3, truth, [(y + 1) % 3 if rng.random() < 0.3 else y for y in truth]))


main()
