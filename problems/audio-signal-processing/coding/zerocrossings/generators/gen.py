"""Writes data/secret/*.in for Zero Crossings and their .ans (by running the accepted Python solution).

Run from anywhere: python3 generators/gen.py  (deterministic: fixed seeds)."""
import math
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "crossings.py"
LO, HI = -32768, 32767


def render(samples, queries) -> str:
    return (f"{len(samples)} {len(queries)}\n" + " ".join(map(str, samples)) + "\n"
            + "".join(f"{l} {r}\n" for l, r in queries))


def random_queries(rng, n, q, max_len=None):
    out = []
    for _ in range(q):
        l = rng.randint(1, n)
        r = rng.randint(l, n if max_len is None else min(n, l + max_len))
        out.append((l, r))
    return out


def clip(v) -> int:
    return max(LO, min(HI, int(round(v))))


def tests():
    yield "01-single-sample", [0], [(1, 1)]
    rng = random.Random(9301)
    yield "02-silence", [0] * 1000, random_queries(rng, 1000, 200) + [(1, 1000)]
    rng = random.Random(9302)
    yield "03-constant-dc", [250] * 1000, random_queries(rng, 1000, 200)
    rng = random.Random(9303)
    sig = [HI if i % 2 else LO for i in range(1000)]
    yield "04-alternating-extremes", sig, random_queries(rng, 1000, 300) + [(1, 1000), (1, 2), (500, 500)]
    rng = random.Random(9304)
    sig = [5, 0, -5, 0, 5, 0, 0, -7, 3, 0, -1, 0] * 50
    yield "05-zeros-between-signs", sig, random_queries(rng, len(sig), 300, max_len=20) + [(1, len(sig))]
    rng = random.Random(9305)
    sig = [rng.randint(-3, 3) for _ in range(100)]
    yield "06-random-small", sig, random_queries(rng, 100, 100)
    rng = random.Random(9306)
    sig = [clip(4000 * math.sin(2 * math.pi * i / 700) + 3500 + rng.gauss(0, 300)) for i in range(5000)]
    yield "07-sine-with-offset", sig, random_queries(rng, 5000, 2000)
    rng = random.Random(9307)
    sig = [rng.randint(-100, 100) for _ in range(3000)]
    yield "08-single-sample-queries", sig, [(i, i) for i in range(1, 3001)]
    rng = random.Random(9308)
    sig = [rng.choice([-1, 1]) * rng.randint(1, 20) for _ in range(20000)]
    yield "09-whole-signal-queries", sig, [(1, 20000)] * 500 + random_queries(rng, 20000, 500)
    rng = random.Random(9309)
    sig = [rng.randint(-9, 9) for _ in range(10**5)]
    yield "10-max-noise", sig, random_queries(rng, 10**5, 60000)
    rng = random.Random(9310)
    sig = [clip(30 * math.sin(2 * math.pi * i / 2000) + 20 * math.sin(2 * math.pi * i / 37) + rng.gauss(0, 8))
           for i in range(10**5)]
    yield "11-max-tones", sig, random_queries(rng, 10**5, 30000)
    rng = random.Random(9311)
    sig, sign = [], 1
    while len(sig) < 50000:  # long runs with rare crossings, like a resonance with a DC drift
        sig += [sign * rng.randint(0, 9) for _ in range(rng.choice([1, 2, 50, 3000, 20000]))]
        sign = -sign
    sig = sig[:50000]
    yield "12-long-runs", sig, random_queries(rng, 50000, 10000)


def main() -> None:
    SECRET.mkdir(parents=True, exist_ok=True)
    for name, sig, queries in tests():
        text = render(sig, queries)
        (SECRET / f"{name}.in").write_text(text, newline="\n")
        ans = subprocess.run([sys.executable, str(SOLUTION)], input=text.encode(), capture_output=True, check=True)
        (SECRET / f"{name}.ans").write_bytes(ans.stdout)
        print(f"{name}: n={len(sig)} q={len(queries)} {len(text)} bytes")


if __name__ == "__main__":
    main()
