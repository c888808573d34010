"""Writes data/secret/*.in for Nearest Points and their .ans (by running the accepted Python solution).

Run from anywhere: python3 generators/gen.py  (deterministic: fixed seeds)."""
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "closest.py"
M = 10**6


def render(pts) -> str:
    return f"{len(pts)}\n" + "".join(f"{x} {y} {z}\n" for x, y, z in pts)


def uniform(rng, n, lo, hi):
    return [(rng.randint(lo, hi), rng.randint(lo, hi), rng.randint(lo, hi)) for _ in range(n)]


def clusters(rng, n, k, lo, hi, spread):
    centers = uniform(rng, k, lo + 3 * spread, hi - 3 * spread)
    pts, seen = [], set()
    while len(pts) < n:  # distinct points
        cx, cy, cz = rng.choice(centers)
        p = tuple(min(hi, max(lo, round(rng.gauss(c, spread)))) for c in (cx, cy, cz))
        if p not in seen:
            seen.add(p)
            pts.append(p)
    return pts


def tests():
    yield "01-two-points", [(5, -3, 2), (4, 4, 4)]
    yield "02-two-extreme", [(-M, -M, -M), (M, M, M)]
    yield "03-all-equal", [(123, -456, 789)] * 1000
    rng = random.Random(8201)
    pts = uniform(rng, 3000, -M, M)
    pts.append(pts[1234])
    rng.shuffle(pts)
    yield "04-one-duplicate", pts
    yield "05-line-along-z", [(7, 7, -M + 100 * i) for i in range(10000)]
    rng = random.Random(8202)
    yield "06-random-small", uniform(rng, 10, -50, 50)
    yield "07-lattice", [(7 * i, 7 * j, 7 * k) for i in range(20) for j in range(20) for k in range(20)]
    rng = random.Random(8203)
    pts = uniform(rng, 5000, -M, M)
    yield "08-wide-range", pts
    rng = random.Random(8204)
    a = [(x - M, y - M, z - M) for x, y, z in uniform(rng, 500, 0, 1000)]
    b = [(M - x, M - y, M - z) for x, y, z in uniform(rng, 500, 0, 1000)]
    yield "09-far-clusters", a + b
    rng = random.Random(8205)
    pts = uniform(rng, 8000, 0, 9999)
    # the closest pair differs only in z, far apart in x order
    pts += [(5000, 5000, 5000), (5000, 5000, 5001)]
    rng.shuffle(pts)
    yield "10-pair-in-z", pts
    rng = random.Random(8206)
    yield "11-max-uniform", uniform(rng, 100000, 0, 2999)
    rng = random.Random(8207)
    yield "12-large-clustered", clusters(rng, 60000, 300, 0, 2999, 80)


def main() -> None:
    SECRET.mkdir(parents=True, exist_ok=True)
    for name, pts in tests():
        text = render(pts)
        (SECRET / f"{name}.in").write_text(text, newline="\n")
        ans = subprocess.run([sys.executable, str(SOLUTION)], input=text.encode(), capture_output=True, check=True)
        (SECRET / f"{name}.ans").write_bytes(ans.stdout)
        print(f"{name}: n={len(pts)} {len(text)} bytes answer {ans.stdout.decode().strip()}")


if __name__ == "__main__":
    main()
