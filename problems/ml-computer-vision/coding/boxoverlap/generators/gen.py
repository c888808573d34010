#!/usr/bin/env python3
"""Writes data/secret/ for Box Overlap: python3 generators/gen.py"""
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "sweep.py"
FRAMES = 100_000


def case(tracks):
    return f"{len(tracks)}\n" + "".join(f"{l} {r}\n" for l, r in tracks)


def random_tracks(rng, n, max_length):
    tracks = []
    for _ in range(n):
        length = rng.randint(0, max_length)
        l = rng.randint(0, FRAMES - length)
        tracks.append((l, l + length))
    return tracks


def write(name, text):
    data = text.encode("ascii")
    (SECRET / f"{name}.in").write_bytes(data)
    answer = subprocess.run([sys.executable, str(SOLUTION)], input=data, capture_output=True, check=True).stdout
    (SECRET / f"{name}.ans").write_bytes(answer)


def main():
    SECRET.mkdir(parents=True, exist_ok=True)
    for old in list(SECRET.glob("*.in")) + list(SECRET.glob("*.ans")):
        old.unlink()
    rng = random.Random(555)
    write("01-one-track", case([(0, 0)]))
    write("02-touching", case([(1, 5), (5, 9)]))
    write("03-disjoint", case([(0, 4), (6, 9), (11, 100_000)]))
    write("04-identical", case([(300, 700)] * 1000))
    write("05-nested", case([(i, 2000 - i) for i in range(1000)]))
    write("06-same-frame", case([(FRAMES, FRAMES)] * 500))
    write("07-chain", case([(i, i + 1) for i in range(2000)]))
    write("08-random-small", case(random_tracks(rng, 300, 500)))
    write("09-max-all-overlap", case([(rng.randint(0, 10), rng.randint(FRAMES - 10, FRAMES)) for _ in range(100_000)]))
    write("10-max-random-long", case(random_tracks(rng, 100_000, 40_000)))
    write("11-short-touching", case([(f, f + rng.randint(0, 3)) for f in
                                     (rng.randrange(0, FRAMES - 3) for _ in range(30_000))]))
    write("12-disjoint", case([(i, i) for i in range(0, 100_000, 4)]))


main()
