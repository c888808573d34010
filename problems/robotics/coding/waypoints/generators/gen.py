"""Writes data/secret/*.in for Waypoints and their .ans (by running the accepted Python solution).

Run from anywhere: python3 generators/gen.py  (deterministic: fixed seeds)."""
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "dijkstra.py"
W = 10**9


def render(n, edges) -> str:
    return f"{n} {len(edges)}\n" + "".join(f"{u} {v} {w}\n" for u, v, w in edges)


def reachable_tree(rng, n, size, wmax, extra, extra_wmax):
    """A random tree of `size` waypoints hanging from 1 (containing n), plus `extra` random motions.
    Labels other than 1 and n are shuffled so the structure is not visible in the numbering."""
    labels = list(range(2, n))
    rng.shuffle(labels)
    inside = [1] + labels[:size - 2] + [n]
    rng.shuffle(inside)
    inside.remove(1)
    order = [1] + inside
    edges = []
    for i in range(1, len(order)):
        parent = order[rng.randint(max(0, i - 50), i - 1)]  # deep, path-like trees
        edges.append((parent, order[i], rng.randint(1, wmax)))
    for _ in range(extra):
        edges.append((rng.choice(order), rng.randint(1, n), rng.randint(1, extra_wmax)))
    rng.shuffle(edges)
    return edges


def tests():
    yield "01-single-waypoint", 1, []
    yield "02-no-motions", 2, []
    yield "03-wrong-direction", 2, [(2, 1, 5), (1, 1, 3)]
    yield "04-loops-and-parallel", 4, [(1, 1, 1), (1, 2, 9), (1, 2, 4), (2, 2, 1), (2, 4, 7), (2, 4, 3),
                                       (1, 3, 1), (3, 1, 1), (3, 4, 8), (4, 4, 1)]
    yield "05-long-slow-chain", 1000, [(i, i + 1, W) for i in range(1, 1000)]
    # greedy trap: the cheap first step leads into an expensive tail
    trap = [(1, 2, 1), (2, 3, 1000), (3, 10, 1000), (1, 4, 5)]
    trap += [(4 + i, 5 + i, 5) for i in range(5)] + [(9, 10, 5)]
    yield "06-greedy-trap", 10, trap
    rng = random.Random(10101)
    yield "07-random-small", 100, [(rng.randint(1, 100), rng.randint(1, 100), rng.randint(1, 50)) for _ in range(300)]
    rng = random.Random(10102)
    n = 10000
    edges = [(rng.randint(1, n - 1), rng.randint(1, n - 1), rng.randint(1, 99)) for _ in range(20000)]
    edges += [(n, rng.randint(1, n), 1) for _ in range(20)]  # only motions *from* the target
    yield "08-target-unreachable", n, edges
    rng = random.Random(10103)
    side = 70
    cost = [[rng.randint(1, 9) for _ in range(side)] for _ in range(side)]
    edges = []
    for r in range(side):
        for c in range(side):
            for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
                rr, cc = r + dr, c + dc
                if 0 <= rr < side and 0 <= cc < side and cost[rr][cc] < 9:  # 9 = obstacle
                    edges.append((r * side + c + 1, rr * side + cc + 1, cost[rr][cc]))
    yield "09-grid-map", side * side, edges
    rng = random.Random(10104)
    yield "10-large-weights", 8000, reachable_tree(rng, 8000, 6000, W, 8000, W)
    rng = random.Random(10105)
    yield "11-max-deep-tree", 10**5, reachable_tree(rng, 10**5, 65000, 9, 5000, 9)
    rng = random.Random(10106)
    yield "12-large-many-updates", 40000, reachable_tree(rng, 40000, 40000, 99, 30000, 20)


def main() -> None:
    SECRET.mkdir(parents=True, exist_ok=True)
    for name, n, edges in tests():
        text = render(n, edges)
        (SECRET / f"{name}.in").write_text(text, newline="\n")
        ans = subprocess.run([sys.executable, str(SOLUTION)], input=text.encode(), capture_output=True, check=True)
        (SECRET / f"{name}.ans").write_bytes(ans.stdout)
        print(f"{name}: n={n} m={len(edges)} {len(text)} bytes -> {ans.stdout.decode().strip()}")


if __name__ == "__main__":
    main()
