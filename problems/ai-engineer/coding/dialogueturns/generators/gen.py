"""Writes data/secret/*.in for Dialogue Turns and their .ans (by running the accepted Python solution).

Run from anywhere: python3 generators/gen.py  (deterministic: every test has its own fixed seed)."""
import random
from bisect import bisect_left
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "turns.py"
MAX_T = 10**9


def render(log, queries) -> str:
    lines = [f"{len(log)} {len(queries)}"]
    lines += [f"{s} {t}" for s, t in log]
    lines += [f"{a} {b}" for a, b in queries]
    return "\n".join(lines) + "\n"


def conversation(rng, n, speakers, max_gap, stay=0.6, ids=None):
    """A log where the current speaker keeps talking with probability `stay`."""
    ids = ids or list(range(1, speakers + 1))
    log, t, cur = [], rng.randint(0, max_gap), rng.choice(ids)
    for _ in range(n):
        if rng.random() > stay and len(ids) > 1:
            cur = rng.choice([x for x in ids if x != cur])
        log.append((cur, t))
        t += rng.randint(0, max_gap)
    return log


def random_queries(rng, q, lo, hi, max_len=None):
    out = []
    for _ in range(q):
        a = rng.randint(lo, hi)
        b = rng.randint(a, hi if max_len is None else min(hi, a + max_len))
        out.append((a, b))
    return out


def boundary_queries(rng, log, q):
    """Windows that start exactly at the first utterance of a turn (or mid-turn) and end anywhere."""
    starts = [log[i][1] for i in range(len(log)) if i == 0 or log[i][0] != log[i - 1][0]]
    times = [t for _, t in log]
    out = []
    for _ in range(q):
        a = rng.choice(starts) if rng.random() < 0.7 else rng.choice(log)[1]
        first = bisect_left(times, a)
        b = times[rng.randint(first, min(first + 49, len(log) - 1))]
        out.append((a, b))
    return out


def tests():
    rng = random.Random(7001)
    yield "01-single-inside", render([(5, 100)], [(100, 100)])
    yield "02-single-outside", render([(5, 100)], [(0, 99)])
    yield "03-one-speaker", render([(3, 2 * i) for i in range(200)],
                                   random_queries(rng, 200, 0, 500) + [(0, MAX_T)])
    rng = random.Random(7002)
    yield "04-alternating-same-time", render([(1 + i % 2, 77) for i in range(300)],
                                             [(77, 77), (0, 76), (78, MAX_T), (0, MAX_T), (77, 80)])
    rng = random.Random(7003)
    log = [(MAX_T if i % 3 else 1, MAX_T - 1000 + 10 * i) for i in range(101)]
    yield "05-extreme-values", render(log, [(0, MAX_T), (MAX_T, MAX_T), (0, 0), (MAX_T - 1000, MAX_T - 1000)]
                                      + random_queries(rng, 100, MAX_T - 1100, MAX_T))
    rng = random.Random(7004)
    log = conversation(rng, 500, 3, 5)
    yield "06-turn-boundaries", render(log, boundary_queries(rng, log, 500))
    rng = random.Random(7005)
    log = conversation(rng, 100, 4, 10)
    yield "07-random-small", render(log, random_queries(rng, 100, 0, log[-1][1] + 20))
    rng = random.Random(7006)
    log = conversation(rng, 1000, 5, 1, stay=0.3)
    yield "08-many-equal-times", render(log, random_queries(rng, 1000, 0, log[-1][1] + 2, max_len=30))
    rng = random.Random(7007)
    log = [(1 + (i // 4) % 2, 1000 + 100 * (i // 10)) for i in range(200)]
    gaps = [(0, 999), (1001, 1099), (2901, 10**6), (1950, 1999), (1201, 1299)]
    yield "09-empty-windows", render(log, gaps + random_queries(rng, 100, 0, 5000, max_len=60))
    rng = random.Random(7008)
    log = conversation(rng, 2000, 2, 3 * 10**5, ids=[10**9, 999999937])
    yield "10-large-times", render(log, random_queries(rng, 2000, 0, MAX_T))
    rng = random.Random(7009)
    log = conversation(rng, 10**5, 4, 2, stay=0.5)
    qs = random_queries(rng, 27000, 0, log[-1][1]) + boundary_queries(rng, log, 3000)
    rng.shuffle(qs)
    yield "11-max-conversation", render(log, qs)
    rng = random.Random(7010)
    log = [(1 + i % 2 if rng.random() < 0.9 else 3, i // 2) for i in range(60000)]
    yield "12-large-alternating-wide", render(log, [(rng.randint(0, 500), rng.randint(29500, 30000))
                                                  for _ in range(30000)])


def main() -> None:
    SECRET.mkdir(parents=True, exist_ok=True)
    for name, text in tests():
        (SECRET / f"{name}.in").write_text(text, newline="\n")
        ans = subprocess.run([sys.executable, str(SOLUTION)], input=text.encode(), capture_output=True, check=True)
        (SECRET / f"{name}.ans").write_bytes(ans.stdout)
        print(f"{name}: {len(text)} bytes")


if __name__ == "__main__":
    main()
