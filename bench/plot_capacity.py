"""The capacity plot and model from bench/scaled.py's measurements.

    python3 bench/plot_capacity.py                       # bench/results/scaled.jsonl -> bench/results/capacity.png
    python3 bench/plot_capacity.py --table               # and the points as a Markdown table (with their commands)

Left: submissions judged per minute against judge containers (one line per number of web processes). Right: the
most candidates held (RESULT: PASS: 0 errors, 0 lost autosaves, autosave p99 < 300 ms) against web CPU cores, with
the failing runs marked. The model printed below fits the simplest lines through the points: submissions judged per
minute per judge core, and candidates held per web core; with P submissions (runs and submits) per candidate-hour,
N candidates then need N / (candidates per web core) web cores and N·P / (60 · judged per minute per judge core)
judge cores.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def judge_series(points: list[dict]) -> dict[int, list[tuple[int, float]]]:
    """web processes -> [(judge containers, best judged per minute)], sorted."""
    best: dict[tuple[int, int], float] = {}
    for p in points:
        key = (p["web_processes"], p["judge_containers"])
        best[key] = max(best.get(key, 0.0), p["judged_per_min"])
    series: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (web, judges), rate in sorted(best.items()):
        series[web].append((judges, rate))
    return dict(series)


def held(points: list[dict]) -> dict[float, int]:
    """web cores -> the most candidates of a passing run."""
    most: dict[float, int] = {}
    for p in points:
        if p["pass"]:
            most[p["web_cpus"]] = max(most.get(p["web_cpus"], 0), p["candidates"])
    return dict(sorted(most.items()))


def model(points: list[dict]) -> dict[str, float | None]:
    """Lines through the origin (least squares): judged/min per judge core, candidates per web core."""
    judge = [(p["judge_containers"] * p["judge_cpus"], p["judged_per_min"]) for p in points]
    web = list(held(points).items())

    def slope(pairs: list[tuple[float, float]]) -> float | None:
        den = sum(x * x for x, _ in pairs)
        return sum(x * y for x, y in pairs) / den if den else None

    return {"judged_per_min_per_judge_core": slope(judge), "candidates_per_web_core": slope(web)}


def plot(points: list[dict], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for web, series in judge_series(points).items():
        xs, ys = zip(*series, strict=True)
        left.plot(xs, ys, marker="o", label=f"{web} web process{'es' if web != 1 else ''}")
    left.set_xlabel("judge containers")
    left.set_ylabel("submissions judged per minute")
    left.set_xticks(sorted({p["judge_containers"] for p in points}))
    left.set_ylim(bottom=0)
    left.grid(alpha=0.3)
    left.legend()
    passed = [p for p in points if p["pass"]]
    failed = [p for p in points if not p["pass"]]
    right.scatter([p["web_cpus"] for p in passed], [p["candidates"] for p in passed], marker="o", label="pass")
    right.scatter([p["web_cpus"] for p in failed], [p["candidates"] for p in failed], marker="x", label="fail")
    most = held(points)
    if most:
        right.plot(list(most), list(most.values()), linestyle="--", alpha=0.6, label="most held")
    right.set_xlabel("web CPU cores (limit)")
    right.set_ylabel("concurrent candidates")
    right.set_ylim(bottom=0)
    right.grid(alpha=0.3)
    right.legend()
    cores = sorted({p.get("machine_cores") for p in points} - {None})
    fig.suptitle(f"Scaled setup on containers with CPU limits (bench/scaled.py; host: {cores} cores)")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)


def table(points: list[dict]) -> str:
    lines = [
        "| judges × CPUs | web processes (CPUs) | candidates | errors | lost | autosave p99 | judged/min | result | command |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for p in sorted(points, key=lambda p: (p["judge_containers"], p["web_processes"], p["candidates"])):
        lines.append(
            f"| {p['judge_containers']} × {p['judge_cpus']:g} | {p['web_processes']} ({p['web_cpus']:g}) | "
            f"{p['candidates']} | {p['errors']} | {p['autosaves_lost']} | {p['autosave_p99_ms']:.0f} ms | "
            f"{p['judged_per_min']:.0f} | {'pass' if p['pass'] else 'fail'} | `{p['command']}` |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path, nargs="?", default=RESULTS / "scaled.jsonl")
    parser.add_argument("--out", type=Path, default=RESULTS / "capacity.png")
    parser.add_argument("--table", action="store_true", help="print the points as a Markdown table")
    parser.add_argument("--per-candidate-hour", type=float, default=None, help="P for the model's sentence")
    args = parser.parse_args()
    points = read(args.results)
    if not points:
        print(f"no measurements in {args.results}")
        return 1
    plot(points, args.out)
    print(f"wrote {args.out} ({len(points)} runs)")
    fit = model(points)
    judge_rate, per_web_core = fit["judged_per_min_per_judge_core"], fit["candidates_per_web_core"]
    print(f"judged per minute per judge core: {judge_rate:.1f}" if judge_rate else "judged per minute: no runs")
    print(f"candidates held per web core: {per_web_core:.0f}" if per_web_core else "candidates held: no passing run")
    if judge_rate and per_web_core and args.per_candidate_hour:
        p = args.per_candidate_hour
        print(
            f"model: N candidates need N/{per_web_core:.0f} web cores and N·{p:g}/{60 * judge_rate:.0f} judge cores "
            f"at {p:g} submissions per candidate-hour"
        )
    if args.table:
        print(table(points))
    return 0


if __name__ == "__main__":
    sys.exit(main())
