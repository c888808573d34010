#!/usr/bin/env python3
"""Writes data/secret/ for Top-k Logits: python3 generators/gen.py"""
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "min_heap.py"


def case(k, values):
    return f"{len(values)} {k}\n" + " ".join(map(str, values)) + "\n"


def write(name, text):
    data = text.encode("ascii")
    (SECRET / f"{name}.in").write_bytes(data)
    answer = subprocess.run([sys.executable, str(SOLUTION)], input=data, capture_output=True, check=True).stdout
    (SECRET / f"{name}.ans").write_bytes(answer)


def main():
    SECRET.mkdir(parents=True, exist_ok=True)
    for old in list(SECRET.glob("*.in")) + list(SECRET.glob("*.ans")):
        old.unlink()
    rng = random.Random(8128)
    write("01-single", case(1, [-9999]))
    write("02-all-equal", case(5, [1234] * 3000))
    write("03-increasing", case(10, list(range(-5000, 5000))))
    write("04-decreasing", case(10, list(range(5000, -5000, -1))))
    write("05-few-distinct", case(7, [rng.choice((-3, 0, 3)) for _ in range(2000)]))
    write("06-extremes", case(100, [rng.choice((-9999, 9999)) for _ in range(1000)]))
    write("07-k-equals-n", case(1500, [rng.randint(-9999, 9999) for _ in range(1500)]))
    write("08-random-small", case(4, [rng.randint(-50, 50) for _ in range(400)]))
    write("09-max-k-half", case(100_000, [rng.randint(-9999, 9999) for _ in range(200_000)]))
    write("10-max-k-quarter-rising", case(50_000, [min(9999, -9999 + i // 10 + rng.randint(0, 500))
                                                    for i in range(200_000)]))
    write("11-k-one", case(1, [max(-9999, min(9999, int(rng.gauss(0, 2000)))) for _ in range(30_000)]))
    write("12-max-duplicates", case(30_000, [rng.randint(-20, 20) for _ in range(200_000)]))


main()
