"""bench/plot_capacity.py: the capacity model, table and plot from bench/scaled.py's measurements."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import plot_capacity


def point(judges: int, web: int, candidates: int, judged: float, passed: bool = True) -> dict:
    return {
        "judge_containers": judges,
        "judge_cpus": 1.0,
        "web_processes": web,
        "web_cpus": float(web),
        "candidates": candidates,
        "judged_per_min": judged,
        "pass": passed,
        "errors": 0 if passed else 3,
        "autosaves_lost": 0,
        "autosave_p99_ms": 120.0 if passed else 900.0,
        "command": f"python3 bench/scaled.py --judges={judges} --web-processes={web} --candidates={candidates}",
        "machine_cores": 2,
    }


POINTS = [
    point(1, 1, 200, 90),
    point(1, 1, 400, 85, passed=False),
    point(2, 1, 200, 180),
    point(2, 2, 400, 175),
    point(2, 2, 600, 170, passed=False),
]


def test_model_fits_judge_rate_per_core_and_candidates_held_per_web_core():
    assert plot_capacity.held(POINTS) == {1.0: 200, 2.0: 400}  # failing runs do not count as held
    fit = plot_capacity.model(POINTS)
    assert round(fit["candidates_per_web_core"]) == 200
    assert 85 <= fit["judged_per_min_per_judge_core"] <= 90
    assert plot_capacity.judge_series(POINTS) == {1: [(1, 90), (2, 180)], 2: [(2, 175)]}


def test_writes_the_plot_and_a_table_with_each_command(tmp_path, capsys):
    results = tmp_path / "scaled.jsonl"
    results.write_text("".join(json.dumps(p) + "\n" for p in POINTS))
    out = tmp_path / "capacity.png"
    sys_argv = sys.argv
    sys.argv = ["plot_capacity.py", str(results), "--out", str(out), "--table", "--per-candidate-hour", "2"]
    try:
        assert plot_capacity.main() == 0
    finally:
        sys.argv = sys_argv
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    printed = capsys.readouterr().out
    assert "model: N candidates need N/200 web cores" in printed
    assert "`python3 bench/scaled.py --judges=2 --web-processes=2 --candidates=600` |" in printed
    assert printed.count("| fail |") == 2
