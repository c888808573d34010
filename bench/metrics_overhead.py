"""What counting a request for /metrics costs: the two hooks every request runs (assessment/web/metrics.py).

    python3 bench/metrics_overhead.py              # one process (assessment run) and multi-process mode (gunicorn)
    python3 bench/metrics_overhead.py --calls 10000 --repeat 7

For each mode it times 10,000 requests' worth of the hooks inside one request context (best of --repeat runs: the
minimum is what the code costs, the rest is other work on the machine), counts the Python function calls one request's
hooks make (deterministic, whatever else runs), and for scale times the same number of whole requests of a cheap page
through Flask's test client, with and without the hooks.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import timeit
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def measure(calls: int, repeat: int) -> dict:
    from flask import Response

    from assessment import create_app
    from assessment.config import Settings
    from assessment.web import metrics as web_metrics

    workdir = Path(tempfile.mkdtemp(prefix="assessment-metrics-bench-"))
    settings = Settings.from_env(
        instance_path=workdir / "instance",
        database_url=f"sqlite:///{workdir / 'bench.sqlite'}",
        secret_key="metrics-overhead-" + "0" * 32,
        snapshot_dir=workdir / "snapshots",
        cv_dir=workdir / "cvs",
        outbox_dir=workdir / "outbox",
        rate_limit_enabled=False,
    )
    app = create_app(settings, start_workers=False)
    response = Response("ok")

    def hooks() -> None:
        web_metrics._start()
        web_metrics._record(response)

    out: dict = {"multiprocess": bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))}
    with app.test_request_context("/login", method="GET"):
        hooks()  # label children made once, as after the first request of an endpoint
        best = min(timeit.repeat(hooks, number=calls, repeat=repeat))
        out["hooks_us_per_request"] = best / calls * 1e6
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(100):
            hooks()
        profile.disable()
        out["python_calls_per_request"] = pstats.Stats(profile).total_calls / 100  # type: ignore[attr-defined]

    client = app.test_client()

    def page() -> None:
        client.get("/login")

    page()
    requests = max(200, calls // 20)
    with_hooks = min(timeit.repeat(page, number=requests, repeat=repeat))
    app.before_request_funcs[None].remove(web_metrics._start)
    app.after_request_funcs[None].remove(web_metrics._record)
    without = min(timeit.repeat(page, number=requests, repeat=repeat))
    out["request_us_with_hooks"] = with_hooks / requests * 1e6
    out["request_us_without_hooks"] = without / requests * 1e6
    app.extensions["assessment.db"].dispose()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.calls, args.repeat)))
        return 0
    rows = []
    for mode in ("one process", "multi-process (gunicorn)"):
        env = dict(os.environ, PYTHONPATH=str(REPO))
        env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        if mode.startswith("multi"):
            env["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="assessment-metrics-bench-mp-")
        argv = [sys.executable, __file__, "--child", "--calls", str(args.calls), "--repeat", str(args.repeat)]
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
        rows.append((mode, json.loads(done.stdout.strip().splitlines()[-1])))
    print(f"metrics hooks, best of {args.repeat} runs of {args.calls} requests' worth (µs per request)")
    print(f"{'mode':28} {'hooks':>8} {'py calls':>9} {'page with':>10} {'page without':>13}")
    for mode, r in rows:
        print(
            f"{mode:28} {r['hooks_us_per_request']:8.1f} {r['python_calls_per_request']:9.0f} "
            f"{r['request_us_with_hooks']:10.0f} {r['request_us_without_hooks']:13.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
