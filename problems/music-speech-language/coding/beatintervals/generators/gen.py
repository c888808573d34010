"""Writes data/secret/*.in for Beat Intervals and their .ans (by running the accepted Python solution).

Run from anywhere: python3 generators/gen.py  (deterministic: fixed seeds)."""
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "beats.py"


def render(tol, onsets, rng=None) -> str:
    onsets = list(onsets)
    assert len(set(onsets)) == len(onsets)
    if rng is not None:
        rng.shuffle(onsets)
    return f"{len(onsets)} {tol}\n" + " ".join(map(str, onsets)) + "\n"


def from_gaps(start, gaps):
    out, t = [start], start
    for g in gaps:
        t += g
        out.append(t)
    return out


def performance(rng, n, start, beat, jitter, pattern):
    """A played rhythm: a repeating pattern of note values with timing jitter and slow tempo drift."""
    gaps, tempo = [], 1.0
    for i in range(n - 1):
        tempo = min(1.2, max(0.8, tempo + rng.uniform(-0.002, 0.002)))
        g = round(beat * pattern[i % len(pattern)] * tempo) + rng.randint(-jitter, jitter)
        gaps.append(max(1, g))
    return from_gaps(start, gaps)


def tests():
    yield "01-two-onsets", render(10, [1000, 0])
    yield "02-three-onsets-halfway", render(10, [15, 0, 30])
    rng = random.Random(11101)
    yield "03-metronome", render(20, from_gaps(12345, [500] * 999), rng)
    rng = random.Random(11102)
    gaps = [250, 150, 350, 250, 50, 250, 149, 151, 450, 250]
    yield "04-halfway-rounding", render(100, from_gaps(0, gaps * 30), rng)
    rng = random.Random(11103)
    yield "05-no-quantisation", render(1, rng.sample(range(0, 3000), 1000), rng)
    rng = random.Random(11104)
    yield "06-huge-tolerance", render(10**6, rng.sample(range(0, 10**9 + 1), 2000), rng)
    yield "07-extreme-times", render(7, [0, 10**9, 10**9 - 1, 10**9 - 8, 1, 500000000])
    rng = random.Random(11105)
    yield "08-tie-smallest", render(10, from_gaps(0, [40, 40, 60, 60, 20, 20, 80, 80] * 20), rng)
    rng = random.Random(11106)
    yield "09-swing-performance", render(10, performance(rng, 5000, 777, 250, 12, [2, 1, 2, 1, 1, 1, 2]), rng)
    rng = random.Random(11107)
    # the largest n: onsets a few milliseconds apart, all below 10^6
    yield "10-max-dense", render(2, from_gaps(0, [rng.choice([3, 4, 5, 5, 6]) for _ in range(2 * 10**5 - 1)]), rng)
    rng = random.Random(11108)
    yield "11-max-drum-roll", render(10, performance(rng, 120000, 0, 30, 4, [2, 2, 1, 1, 2, 1, 1]), rng)
    rng = random.Random(11109)
    gaps = [rng.choice([50, 70, 90, 60, 60, 30]) for _ in range(40000 - 1)]  # many exact halves of T = 20
    yield "12-many-halves", render(20, from_gaps(5, gaps), rng)


def main() -> None:
    SECRET.mkdir(parents=True, exist_ok=True)
    for name, text in tests():
        (SECRET / f"{name}.in").write_text(text, newline="\n")
        ans = subprocess.run([sys.executable, str(SOLUTION)], input=text.encode(), capture_output=True, check=True)
        (SECRET / f"{name}.ans").write_bytes(ans.stdout)
        print(f"{name}: {len(text)} bytes -> {ans.stdout.decode().strip()}")


if __name__ == "__main__":
    main()
