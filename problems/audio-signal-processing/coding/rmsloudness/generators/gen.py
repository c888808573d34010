"""Writes data/secret/group1 (small clips) and data/secret/group2 (long clips) for RMS Loudness, with .ans
files made by running the accepted Python solution.

Run from anywhere: python3 generators/gen.py  (deterministic: fixed seeds)."""
import math
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "rms.py"
LO, HI = -32768, 32767


def render(w, samples) -> str:
    return f"{len(samples)} {w}\n" + " ".join(map(str, samples)) + "\n"


def clip(v) -> int:
    return max(LO, min(HI, int(round(v))))


def music(rng, n, rate=44100):
    """A few tones with an envelope, a loud burst and a little noise."""
    tones = [(rng.uniform(80, 2000), rng.uniform(500, 3000)) for _ in range(4)]
    burst_at, burst_len = rng.randint(0, n - n // 10), n // 10
    out = []
    for i in range(n):
        t = i / rate
        v = sum(amp * math.sin(2 * math.pi * f * t) for f, amp in tones)
        v *= 0.6 + 0.4 * math.sin(2 * math.pi * 0.7 * t)
        if burst_at <= i < burst_at + burst_len:
            v *= 2.5
        out.append(clip(v + rng.gauss(0, 200)))
    return out


def speech(rng, n):
    """Syllable-like bursts separated by silence."""
    out, i = [], 0
    while len(out) < n:
        if rng.random() < 0.4:
            out += [rng.randint(-3, 3) for _ in range(rng.randint(500, 4000))]
        else:
            length, amp, f = rng.randint(1000, 6000), rng.randint(1000, 12000), rng.uniform(100, 300)
            out += [clip(amp * math.sin(math.pi * k / length) * math.sin(2 * math.pi * f * k / 16000)
                         + rng.gauss(0, 50)) for k in range(length)]
    return out[:n]


def tests():
    yield "group1", "01-single-sample", render(1, [0])
    yield "group1", "02-silence", render(7, [0] * 50)
    yield "group1", "03-constant", render(4, [-5] * 30)
    rng = random.Random(9101)
    yield "group1", "04-window-is-clip", render(300, [rng.randint(LO, HI) for _ in range(300)])
    rng = random.Random(9102)
    yield "group1", "05-random-small", render(37, [rng.randint(-2000, 2000) for _ in range(1000)])
    yield "group1", "06-square-wave-ties", render(10, ([3000] * 5 + [-3000] * 5 + [0] * 10) * 50)
    rng = random.Random(9103)
    yield "group1", "07-full-scale", render(16, [rng.choice([LO, HI, 0, 1]) for _ in range(500)])
    yield "group1", "08-single-sample-windows", render(1, [5, -32768, 7, 32767, -32768, 0])
    rng = random.Random(9104)
    yield "group1", "09-loudest-at-end", render(5, [rng.randint(-100, 100) for _ in range(995)] + [20000] * 5)
    rng = random.Random(9201)
    yield "group2", "10-max-music", render(10**5, music(rng, 2 * 10**5))
    rng = random.Random(9202)
    # full-scale clip: sums of squares far beyond 32 bits; several equally loud windows
    sig = [rng.randint(-200, 200) for _ in range(2 * 10**5)]
    for start in (30000, 90000, 150000):
        sig[start:start + 40000] = [HI if k % 2 else LO for k in range(40000)]
    yield "group2", "11-max-full-scale", render(10**5, sig)
    rng = random.Random(9203)
    yield "group2", "12-speech", render(4410, speech(rng, 30000))
    rng = random.Random(9204)
    yield "group2", "13-short-window", render(1, [rng.randint(-30000, 30000) for _ in range(30000)])
    rng = random.Random(9205)
    yield "group2", "14-periodic-ties", render(49999, ([1200, -1200, 0, 600] * 15000))


def main() -> None:
    for group, name, text in tests():
        folder = SECRET / group
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.in").write_text(text, newline="\n")
        ans = subprocess.run([sys.executable, str(SOLUTION)], input=text.encode(), capture_output=True, check=True)
        (folder / f"{name}.ans").write_bytes(ans.stdout)
        print(f"{group}/{name}: {len(text)} bytes -> {ans.stdout.decode().strip()}")


if __name__ == "__main__":
    main()
