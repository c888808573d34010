#!/usr/bin/env python3
"""Writes data/secret/ for Frame Latency Monitor: python3 generators/gen.py"""
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "monotonic_deque.py"


def case(k, t):
    return f"{len(t)} {k}\n" + " ".join(map(str, t)) + "\n"


def write(name, text):
    data = text.encode("ascii")
    (SECRET / f"{name}.in").write_bytes(data)
    answer = subprocess.run([sys.executable, str(SOLUTION)], input=data, capture_output=True, check=True).stdout
    (SECRET / f"{name}.ans").write_bytes(answer)


def spiky(rng, n, low, high, spike_rate):
    return [rng.randint(90_000, 100_000) if rng.random() < spike_rate else rng.randint(low, high) for _ in range(n)]


def main():
    SECRET.mkdir(parents=True, exist_ok=True)
    for old in list(SECRET.glob("*.in")) + list(SECRET.glob("*.ans")):
        old.unlink()
    rng = random.Random(4242)
    write("01-one-frame", case(1, [100_000]))
    write("02-window-one", case(1, [rng.randint(1, 100_000) for _ in range(1000)]))
    write("03-window-whole", case(1000, [rng.randint(1, 100_000) for _ in range(1000)]))
    write("04-all-equal", case(17, [16_667] * 500))
    write("05-increasing", case(50, list(range(1, 2001))))
    write("06-decreasing", case(50, list(range(2000, 0, -1))))
    write("07-extremes", case(3, [rng.choice((1, 100_000)) for _ in range(999)]))
    write("08-random-small", case(7, [rng.randint(1, 50) for _ in range(300)]))
    write("09-max-k-half", case(100_000, spiky(rng, 200_000, 8_000, 40_000, 0.00002)))
    write("10-max-k-quarter-decreasing", case(50_000, [999 - i // 201 for i in range(200_000)]))
    write("11-k-whole", case(50_000, [rng.randint(1, 999) for _ in range(50_000)]))
    write("12-window-one", case(1, [rng.randint(1, 999) for _ in range(20_000)]))
    write("13-sawtooth", case(1000, [(i * 37) % 1009 + 1 for i in range(30_000)]))


main()
