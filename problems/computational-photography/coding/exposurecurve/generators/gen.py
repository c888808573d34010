#!/usr/bin/env python3
"""Writes data/secret/small/ and data/secret/large/ for Exposure Curve: python3 generators/gen.py"""
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "histogram.py"


def case(gamma, pixels):
    return f"{len(pixels)} {gamma}\n" + " ".join(map(str, pixels)) + "\n"


def write(group, name, text):
    folder = SECRET / group
    data = text.encode("ascii")
    (folder / f"{name}.in").write_bytes(data)
    answer = subprocess.run([sys.executable, str(SOLUTION)], input=data, capture_output=True, check=True).stdout
    (folder / f"{name}.ans").write_bytes(answer)


def main():
    for group in ("small", "large"):
        (SECRET / group).mkdir(parents=True, exist_ok=True)
        for old in list((SECRET / group).glob("*.in")) + list((SECRET / group).glob("*.ans")):
            old.unlink()
    rng = random.Random(777)
    write("small", "01-one-pixel", case("1", [0]))
    write("small", "02-one-bright-pixel", case("10", [255]))
    write("small", "03-two-levels", case("1", [0, 255, 0, 255, 255]))
    write("small", "04-all-equal", case("0.3", [128] * 1000))
    write("small", "05-gamma-min", case("0.1", [rng.randint(0, 255) for _ in range(1000)]))
    write("small", "06-gamma-max", case("10", [rng.randint(0, 255) for _ in range(1000)]))
    write("small", "07-one-dark-outlier", case("1.5", [200] * 999 + [3]))
    write("small", "08-narrow-band", case("2.25", [rng.randint(100, 104) for _ in range(777)]))
    write("large", "01-max-uniform", case("1", [rng.randint(0, 255) for _ in range(200_000)]))
    write("large", "02-max-dark-room", case("0.45",
                                           [min(255, int(rng.expovariate(1 / 12))) for _ in range(200_000)]))
    write("large", "03-max-all-equal", case("2", [7] * 200_000))
    write("large", "04-max-bimodal", case("0.8", [rng.choice((rng.randint(0, 30), rng.randint(220, 255)))
                                                   for _ in range(200_000)]))


main()
