"""The most a web tier answers: code autosaves sent back to back by signed-in candidates, no judging.

    python3 bench/web_saturation.py                                   # 1 web process with 1, 2, 4 and 8 threads
    python3 bench/web_saturation.py --processes 2 --threads 4 --clients 64 --duration 20
    python3 bench/web_saturation.py --setup scaled --threads 4               # PostgreSQL + Redis, the judge idle

Starts `assessment run` (embedded: SQLite, no judge at work; scaled: PostgreSQL and Redis, an idle Celery worker) with
the given web processes and request threads, signs
in --clients candidates who each start the test and then autosave their code again as soon as the last save is
answered, and prints per setting: autosaves answered per second, the web processes' CPU (cores) and CPU per
answered request, and p50/p99 latency. This is the ceiling that sizes the web tier: the load benchmark's candidates
(bench/load.py) ask about 0.27 requests a second each, so a web process that answers R a second holds at most about
R / 0.27 of them with nothing else on its core, and fewer with a margin for the tail. Only ever 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load


async def saturate(stack: load.Stack, candidates: list[dict], warmup: float, duration: float) -> dict:
    import aiohttp

    stats = load.Stats()
    signed_in: list[tuple[aiohttp.ClientSession, str, dict]] = []
    for c in candidates:
        http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True), timeout=aiohttp.ClientTimeout(total=60))
        app_url, headers = await load.sign_in_and_start(http, stats, stack.url, c)
        signed_in.append((http, f"{app_url}/problems/{c['problem']}/draft", headers))
    start = time.time() + warmup
    end = start + duration

    async def autosave_loop(http, url: str, headers: dict) -> None:
        revision = 0
        while time.time() < end:
            revision += 1
            body = {
                "language": "python",
                "source": f"# revision {revision}\n" + load.ACCEPTED,
                "revision": revision,
                "base_revision": revision - 1,
                "tab": "saturation",
            }
            await load.request(http, stats, "POST code autosave", "POST", url, headers=headers, json=body)

    async def window() -> tuple[load.CpuSample, load.CpuSample]:
        await asyncio.sleep(max(0.0, start - time.time()))
        stats.measuring = True  # requests that end inside the window count
        before = load.CpuSample.take(stack)
        await asyncio.sleep(max(0.0, end - time.time()))
        stats.measuring = False
        return before, load.CpuSample.take(stack)

    try:
        results = await asyncio.gather(window(), *(autosave_loop(*s) for s in signed_in))
    finally:
        for http, _, _ in signed_in:
            await http.close()
    before, after = results[0]
    cpu = after.since(before)
    latencies = stats.latency.get("POST code autosave", [])
    errors = sum(stats.errors.values())
    answered = stats.answered["POST code autosave"] / duration
    return {
        "answered_per_s": answered,
        "web_cores": cpu["web"],
        "cpu_ms_per_request": cpu["web"] / answered * 1000 if answered else float("nan"),
        "p50_ms": load.percentile(latencies, 50) * 1000,
        "p99_ms": load.percentile(latencies, 99) * 1000,
        "errors": errors,
    }


def measure(
    processes: int, threads: int, clients: int, warmup: float, duration: float, setup: str = "embedded"
) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="assessment-saturation-"))
    load.write_problems(workdir / "problems")
    stack = load.Stack(setup, workdir, judge_workers=0 if setup == "embedded" else 1)
    stack.env.update(ASSESSMENT_WEB_PROCESSES=str(processes), ASSESSMENT_WEB_THREADS=str(threads))
    try:
        candidates = load.seed(stack.env, clients)
        stack.start()
        return asyncio.run(saturate(stack, candidates, warmup, duration))
    finally:
        stack.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", default="1", help="web processes, or a comma-separated list")
    parser.add_argument("--threads", default="1,2,4,8", help="request threads per process, or a comma-separated list")
    parser.add_argument("--clients", type=int, default=32, help="candidates saving back to back")
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--setup", choices=("embedded", "scaled"), default="embedded")
    args = parser.parse_args()
    print(
        f"{'processes':>9} {'threads':>7} {'answered/s':>10} {'web cores':>9} {'CPU ms/request':>14} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'errors':>6}"
    )
    failed = 0
    for processes in (int(p) for p in args.processes.split(",")):
        for threads in (int(t) for t in args.threads.split(",")):
            r = measure(processes, threads, args.clients, args.warmup, args.duration, args.setup)
            failed += r["errors"]
            print(
                f"{processes:9d} {threads:7d} {r['answered_per_s']:10.0f} {r['web_cores']:9.2f} "
                f"{r['cpu_ms_per_request']:14.2f} {r['p50_ms']:7.1f} {r['p99_ms']:7.1f} {r['errors']:6d}",
                flush=True,
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
