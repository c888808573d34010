"""Load benchmark: simulated candidates over HTTP against a real server on 127.0.0.1.

    python3 bench/load.py --candidates 1000 --duration 60 --ramp 100                # embedded default (SQLite)
    python3 bench/load.py --candidates 1000 --duration 60 --ramp 100 --setup scaled # PostgreSQL + Redis + Celery
    python3 bench/load.py --candidates 500 --profile profiles/embedded             # and py-spy on the web processes

Both setups serve with `assessment run` (ASSESSMENT_WEB_PROCESSES web processes of ASSESSMENT_WEB_THREADS threads):
the embedded one with its judge process and its defaults, the scaled one with `--no-judge`, a Celery worker judging
and the web container's defaults (2 processes of 8 threads) unless those variables are set.

Each candidate signs in, opens the test, autosaves its essay and its code every 10 s, runs the samples every 2-4
minutes (--run-every) and submits once while measured, polling for verdicts at the server's `poll_after_ms` as the
page does, while it keeps autosaving. The report gives p50/p95/p99 latency per endpoint, the error count, CPU use,
the judge's work, and a final check that every autosave the server acknowledged is in the database. Traffic only
ever goes to 127.0.0.1.

Benchmark accounts use a cheap password hash so that the measurement is about taking the test, not the sign-in KDF.

--profile DIR samples the web process (and its child processes: the web and judge processes) with py-spy during the measured
window and writes DIR/web.collapsed (collapsed stacks, for any flame graph viewer), DIR/web.svg (a flame graph) and
DIR/web-top.txt (functions by share of samples); py-spy comes with the `bench` extra (pip install -e '.[bench]') and
needs ptrace (root, or CAP_SYS_PTRACE). Sampling pauses the process briefly each time (--profile-rate per second), so
a profiled run's latencies are not the figures to report.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from collections import Counter, defaultdict
from datetime import UTC
from pathlib import Path

from proc_stat import TICK, cpu_seconds, run_queue_seconds, stat_fields

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

PASSWORD = "load-test-password"
ACCEPTED = "a, b = map(int, input().split())\nprint(a + b)\n"
WRONG = "a, b = map(int, input().split())\nprint(a - b)\n"


# ------------------------------------------------------------------------------------------------- content + seed


def write_problems(root: Path) -> Path:
    """One position with a small coding problem and an essay prompt."""
    pos = root / "load-test"
    pkg = pos / "coding" / "addtwo"
    files = {
        pos / "position.yaml": textwrap.dedent("""\
            title: Load test position
            description: A position used by the load benchmark.
            duration_minutes: 120
            parts: [coding, essay]
            weights: {coding: 0.5, essay: 0.5}
            languages: [python, cpp]
            unlock: on_apply
            application_window: {opens: 2020-01-01T00:00:00Z, closes: 2099-01-01T00:00:00Z}
            test_deadline: 2099-06-01T00:00:00Z
            """),
        pos / "essays" / "motivation.md": textwrap.dedent("""\
            ---
            title: Motivation
            min_words: 10
            max_words: 800
            rubric:
              - criterion: Clarity
                description: Is it clear?
                levels:
                  - {points: 0, label: Unclear, description: Hard to follow.}
                  - {points: 2, label: Clear, description: Easy to follow.}
              - criterion: Depth
                description: Does it go beyond the obvious?
                levels:
                  - {points: 0, label: Shallow, description: Generic.}
                  - {points: 2, label: Deep, description: Specific and thoughtful.}
              - criterion: Fit
                description: Does it connect to the position?
                levels:
                  - {points: 0, label: None, description: No link.}
                  - {points: 2, label: Strong, description: Clear link.}
            ---
            Why this position?
            """),
        pkg
        / "problem.yaml": f"problem_format_version: 2025-09\nname: Add Two\nuuid: {uuid.UUID(int=7)}\nlimits:\n  time_limit: 1.0\n  memory: 256\n",
        pkg
        / "statement"
        / "problem.en.md": "Read $a$ and $b$, print $a+b$.\n\n## Input\n\nTwo integers.\n\n## Output\n\nTheir sum.\n",
        pkg / "data" / "sample" / "1.in": "1 2\n",
        pkg / "data" / "sample" / "1.ans": "3\n",
        pkg
        / "input_validators"
        / "validate.py": "import re, sys\nsys.exit(42 if re.fullmatch(r'-?\\d+ -?\\d+\\n', sys.stdin.read()) else 43)\n",
        pkg / "submissions" / "accepted" / "add.py": ACCEPTED,
    }
    for i in range(1, 11):
        files[pkg / "data" / "secret" / f"{i:02d}.in"] = f"{i} {i * 3}\n"
        files[pkg / "data" / "secret" / f"{i:02d}.ans"] = f"{i * 4}\n"
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def seed(env: dict, n: int) -> list[dict]:
    """Sync the content and create n candidates with an unlocked application each."""
    os.environ.update(env)
    from sqlalchemy import select
    from werkzeug.security import generate_password_hash

    from assessment import create_app
    from assessment.accounts.api_tokens import create_token
    from assessment.config import Settings
    from assessment.extensions import session
    from assessment.models import Application, Position, User, utcnow
    from assessment.problems.sync import sync_from_dir

    settings = Settings.from_env()
    app = create_app(settings, start_workers=False)
    cheap = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
    out = []
    with app.app_context():
        db = session()
        report = sync_from_dir(db, settings.problems_dir, settings.snapshot_dir)
        assert not report.errors, report.errors
        position = db.scalar(select(Position).where(Position.slug == "load-test"))
        now = utcnow()
        for i in range(n):
            user = User(
                email=f"load{i}@example.com",
                name=f"Load {i}",
                role="candidate",
                email_confirmed_at=now,
                password_hash=cheap,
            )
            db.add(user)
            db.flush()
            application = Application(user_id=user.id, position_id=position.id, test_released_at=now)
            db.add(application)
            db.flush()
            out.append({"email": user.email, "application": application.id})
        db.commit()
        problem_id = position.active_problems[0].id
        prompt_id = position.active_prompts[0].id
        metrics_token = create_token(db, "load benchmark", ["metrics:read"], 1)[1]
    app.extensions["assessment.db"].dispose()
    for c in out:
        c["problem"], c["prompt"], c["metrics_token"] = problem_id, prompt_id, metrics_token
    return out


# ------------------------------------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 60) -> None:
    import urllib.request

    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except Exception:  # noqa: BLE001
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


class Stack:
    """The server under test and what it needs, started as separate processes."""

    def __init__(self, setup: str, workdir: Path, judge_workers: int):
        self.setup = setup
        self.workdir = workdir
        self.procs: list[subprocess.Popen] = []
        self.services = []
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = dict(
            os.environ,
            ASSESSMENT_INSTANCE=str(workdir / "instance"),
            ASSESSMENT_PROBLEMS=str(workdir / "problems"),
            ASSESSMENT_SECRET_KEY="load-test-" + "0" * 40,
            ASSESSMENT_JUDGE_WORKERS=str(judge_workers),
            ASSESSMENT_RATELIMIT_STORAGE="memory://",
            ASSESSMENT_RATELIMIT_ENABLED="0",
            PYTHONPATH=str(REPO),
        )
        self.env.pop("DATABASE_URL", None)
        if setup == "scaled":
            from tests.services import PostgresServer, RedisServer

            # the web container's defaults (deploy/entrypoint.sh) unless the environment says otherwise
            self.env.setdefault("ASSESSMENT_WEB_PROCESSES", "2")
            self.env.setdefault("ASSESSMENT_WEB_THREADS", "8")

            pg, redis = PostgresServer(), RedisServer()
            pg.start()
            redis.start()
            self.services = [pg, redis]
            self.env.update(
                DATABASE_URL=pg.url,
                ASSESSMENT_BROKER_URL=redis.url,
                ASSESSMENT_JUDGE_BACKEND="celery",
                ASSESSMENT_RATELIMIT_STORAGE=redis.url.replace("/0", "/1"),
            )

    def start(self) -> None:
        log = open(self.workdir / "server.log", "w")  # noqa: SIM115 - open while the process runs
        if self.setup == "scaled":
            self.procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "assessment.celery_worker",
                        "worker",
                        "--concurrency",
                        self.env["ASSESSMENT_JUDGE_WORKERS"],
                        "--without-gossip",
                        "--without-mingle",
                        "--loglevel",
                        "WARNING",
                    ],
                    env=self.env,
                    cwd=REPO,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        # `assessment run`: its web processes (ASSESSMENT_WEB_PROCESSES, ASSESSMENT_WEB_THREADS), and its judge
        # process unless Celery judges (scaled)
        argv = [
            sys.executable,
            "-m",
            "assessment.cli.entry",
            "run",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--no-sync",
            *(["--no-judge"] if self.setup == "scaled" else []),
        ]
        self.procs.append(
            subprocess.Popen(argv, env=self.env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        )
        wait_http(self.url + "/login")

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        for service in self.services:
            service.cleanup()


# ---------------------------------------------------------------------------------------------- the candidates


class Stats:
    def __init__(self):
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.error_samples: list[str] = []
        self.acked: dict[tuple, tuple[int, str]] = {}
        self.judge_jobs = 0
        self.window: tuple = (None, None)
        self.cpu: dict = {}
        self.measuring = False
        self.answered: Counter[str] = Counter()  # requests answered as expected while measured, by name
        self.loop_lag: list[float] = []  # how late the load generator's own timer woke, while measured
        self.in_app: dict[str, float] = {}  # autosave latency inside the app over the window, from /metrics

    def record(self, name: str, seconds: float, ok: bool, detail: str = "") -> None:
        if self.measuring or not ok:
            self.latency[name].append(seconds)
        if self.measuring and ok:
            self.answered[name] += 1
        if not ok:
            self.errors[name] += 1
            if len(self.error_samples) < 20:
                self.error_samples.append(f"{name}: {detail[:200]}")


async def request(http, stats: Stats, name: str, method: str, url: str, expect=(200,), **kwargs):
    start = time.perf_counter()
    try:
        async with http.request(method, url, allow_redirects=False, **kwargs) as response:
            body = await response.read()
            ok = response.status in expect
            stats.record(name, time.perf_counter() - start, ok, f"HTTP {response.status} {body[:120]!r}")
            return response.status, body, response.headers
    except Exception as exc:  # noqa: BLE001 - counted as an error
        stats.record(name, time.perf_counter() - start, False, repr(exc))
        return None, b"", {}


def token_from(body: bytes) -> str | None:
    match = re.search(rb'name="csrf-token" content="([^"]+)"', body) or re.search(
        rb'name="csrf_token"[^>]*value="([^"]+)"', body
    )
    return match.group(1).decode() if match else None


async def sign_in_and_start(http, stats: Stats, base: str, c: dict) -> tuple[str, dict[str, str]]:
    """Sign in, start the test and open the problem, as a candidate does; the test's URL and the JSON headers."""
    _, body, _ = await request(http, stats, "GET /login", "GET", f"{base}/login")
    await request(
        http,
        stats,
        "POST /login",
        "POST",
        f"{base}/login",
        expect=(302,),
        data={"email": c["email"], "password": PASSWORD, "csrf_token": token_from(body) or ""},
    )
    app_url = f"{base}/applications/{c['application']}/test"
    _, body, _ = await request(http, stats, "GET test start", "GET", app_url)
    await request(
        http,
        stats,
        "POST test start",
        "POST",
        f"{app_url}/start",
        expect=(302,),
        data={"csrf_token": token_from(body) or ""},
    )
    _, body, _ = await request(http, stats, "GET problem page", "GET", f"{app_url}/problems/{c['problem']}")
    return app_url, {"X-CSRFToken": token_from(body) or "", "Content-Type": "application/json"}


async def candidate(
    base: str,
    c: dict,
    stats: Stats,
    start_at: float,
    end_at: float,
    submit_at: float,
    interval: float,
    run_every: float,
):
    import aiohttp

    await asyncio.sleep(max(0.0, start_at - time.time()))
    async with aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True), timeout=aiohttp.ClientTimeout(total=60)
    ) as http:
        app_url, headers = await sign_in_and_start(http, stats, base, c)
        problem_url = f"{app_url}/problems/{c['problem']}"
        revision = 0
        next_run = time.time() + random.uniform(0.2, 1.0) * run_every
        submitted = False
        pollers: list[asyncio.Task] = []
        await asyncio.sleep(random.uniform(0, interval))
        while time.time() < end_at:
            revision += 1
            essay = f"Essay draft {revision} by {c['email']}. " + "word " * (20 + revision)
            code = f"# revision {revision}\n" + ACCEPTED
            status, body, _ = await request(
                http,
                stats,
                "POST essay autosave",
                "POST",
                f"{app_url}/essays/{c['prompt']}/draft",
                headers=headers,
                data=json.dumps({"text": essay, "revision": revision, "base_revision": revision - 1, "tab": "bench"}),
            )
            if status == 200 and json.loads(body).get("saved"):
                stats.acked[(c["application"], "essay")] = (revision, essay)
            status, body, _ = await request(
                http,
                stats,
                "POST code autosave",
                "POST",
                f"{app_url}/problems/{c['problem']}/draft",
                headers=headers,
                data=json.dumps(
                    {
                        "language": "python",
                        "source": code,
                        "revision": revision,
                        "base_revision": revision - 1,
                        "tab": "bench",
                    }
                ),
            )
            if status == 200 and json.loads(body).get("saved"):
                stats.acked[(c["application"], "code")] = (revision, code)
            if time.time() >= next_run:
                next_run = time.time() + random.uniform(0.75, 1.25) * run_every
                pollers.append(
                    asyncio.create_task(
                        run_and_poll(
                            http,
                            stats,
                            base,
                            problem_url,
                            headers,
                            "run",
                            {"language": "python", "source": WRONG, "mode": "samples"},
                            end_at,
                        )
                    )
                )
            if not submitted and time.time() >= submit_at:
                submitted = True
                pollers.append(
                    asyncio.create_task(
                        run_and_poll(
                            http,
                            stats,
                            base,
                            problem_url,
                            headers,
                            "submit",
                            {"language": "python", "source": code},
                            end_at,
                        )
                    )
                )
            await asyncio.sleep(interval * random.uniform(0.9, 1.1))
        await asyncio.gather(*pollers)


async def run_and_poll(http, stats, base, problem_url, headers, action, payload, end_at):
    """Queue a run or submission, then poll its status as the page does: at the server's `poll_after_ms`, while the
    candidate keeps typing (autosaves go on independently)."""
    status, body, _ = await request(
        http,
        stats,
        f"POST {action}",
        "POST",
        f"{problem_url}/{action}",
        expect=(202, 429),
        headers=headers,
        data=json.dumps(payload),
    )
    if status != 202:
        return
    stats.judge_jobs += 1
    queued = json.loads(body)
    status_url = queued["status_url"]
    url = status_url if status_url.startswith("http") else base + status_url
    delay = ((queued.get("status") or {}).get("poll_after_ms") or 500) / 1000  # the answer's first status, as the page
    while time.time() < end_at:
        await asyncio.sleep(delay)
        status, body, _ = await request(http, stats, "GET submission status", "GET", url)
        if status != 200:
            delay = min(8.0, delay * 2)
            continue
        data = json.loads(body)
        if data.get("done"):
            return
        delay = (data.get("poll_after_ms") or 500) / 1000


def check_autosaves(env: dict, stats: Stats) -> tuple[int, int]:
    """Every acknowledged autosave must be in the database (same or newer revision)."""
    from sqlalchemy import create_engine, text

    url = env.get("DATABASE_URL") or f"sqlite:///{Path(env['ASSESSMENT_INSTANCE']) / 'assessment.sqlite'}"
    engine = create_engine(url)
    lost = 0
    with engine.connect() as conn:
        essays = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                text(
                    "SELECT a.application_id, e.revision, e.text FROM essay_answers e JOIN attempts a ON a.id = e.attempt_id"
                )
            )
        }
        codes = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                text(
                    "SELECT a.application_id, d.revision, d.source FROM code_drafts d JOIN attempts a ON a.id = d.attempt_id "
                    "WHERE d.language = 'python'"
                )
            )
        }
    for (application, kind), (revision, content) in stats.acked.items():
        stored = (essays if kind == "essay" else codes).get(application)
        if stored is None or stored[0] < revision or (stored[0] == revision and stored[1] != content):
            lost += 1
    engine.dispose()
    return len(stats.acked), lost


def judge_counts(env: dict, window: tuple) -> tuple[dict, int]:
    """Submissions by kind/status, and how many were judged inside the measured window."""
    from datetime import datetime

    from sqlalchemy import create_engine, text

    url = env.get("DATABASE_URL") or f"sqlite:///{Path(env['ASSESSMENT_INSTANCE']) / 'assessment.sqlite'}"
    engine = create_engine(url)
    start, end = (datetime.fromtimestamp(t, UTC).replace(tzinfo=None) for t in window)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT kind, status, count(*) FROM submissions GROUP BY kind, status")).all()
        finished = [
            r[0] for r in conn.execute(text("SELECT finished_at FROM submissions WHERE finished_at IS NOT NULL"))
        ]
    engine.dispose()
    as_datetime = [f if isinstance(f, datetime) else datetime.fromisoformat(str(f)) for f in finished]
    in_window = sum(1 for f in as_datetime if start <= f.replace(tzinfo=None) <= end)
    return {f"{k}/{s}": n for k, s, n in rows}, in_window


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def report(stats: Stats, args, acked: int, lost: int, judged: dict, judged_in_window: int) -> int:
    print(
        f"\n{args.candidates} candidates, {args.setup} setup, {args.duration:.0f} s measured, "
        f"autosave every {args.interval:.0f} s"
    )
    print(f"{'endpoint':28} {'count':>7} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    total_errors = 0
    for name in sorted(set(stats.latency) | set(stats.errors)):
        values = stats.latency.get(name, [])
        errors = stats.errors.get(name, 0)
        total_errors += errors
        print(
            f"{name:28} {len(values):7d} {errors:6d} {percentile(values, 50) * 1000:8.1f} "
            f"{percentile(values, 95) * 1000:8.1f} {percentile(values, 99) * 1000:8.1f}"
        )
    autosave = stats.latency.get("POST essay autosave", []) + stats.latency.get("POST code autosave", [])
    p99 = percentile(autosave, 99) * 1000
    print(f"\nerrors: {total_errors}   acknowledged autosaves: {acked}   lost: {lost}   autosave p99: {p99:.0f} ms")
    print(f"submissions: {json.dumps(judged, sort_keys=True)}")
    minutes = (stats.window[1] - stats.window[0]) / 60
    print(
        f"judged while measured: {judged_in_window} ({judged_in_window / minutes:.0f}/min, "
        f"{args.judge_workers} judge workers)"
    )
    if stats.cpu:
        print(
            "CPU (cores busy, of {}): machine {machine:.2f}  server {server:.2f}  load generator {client:.2f}  "
            "judge containers + docker + services {other:.2f}".format(os.cpu_count(), **stats.cpu)
        )
        answered = stats.answered.total() / (stats.window[1] - stats.window[0])
        if stats.cpu["server"] > 0 and not stats.cpu.get("web"):
            print("  web processes: not found (no process of the server has Granian's runtime thread, tokio-rt*)")
        elif answered > 0:
            print(
                f"  web processes {stats.cpu['web']:.2f} cores for {answered:.0f} answered requests/s: "
                f"{stats.cpu['web'] / answered * 1000:.1f} ms of CPU per request; their threads waited for a CPU "
                f"{stats.cpu['web_waited']:.1f} s per second (run queue, schedstat)"
            )
        print("  busiest long-lived processes: " + ", ".join(f"{name} {used:.2f}" for name, used in stats.cpu["top"]))
        if stats.cpu.get("by_part"):
            print(
                "  by part: " + ", ".join(f"{name} {used:.2f}" for name, used in sorted(stats.cpu["by_part"].items()))
            )
    if stats.in_app:

        def bound(seconds: float) -> str:
            return "+inf" if seconds == float("inf") else f"{seconds * 1000:.0f} ms"

        print(
            f"autosaves inside the app (the server's histogram, /metrics): p50 <= {bound(stats.in_app['p50_le'])}, "
            f"p99 <= {bound(stats.in_app['p99_le'])}, {stats.in_app['within_300ms']:.1%} within 300 ms "
            f"({stats.in_app['count']:.0f} requests)"
        )
    if stats.loop_lag:
        print(
            f"load generator's own delay (a 50 ms timer's lateness): p50 {percentile(stats.loop_lag, 50) * 1000:.1f} "
            f"ms, p99 {percentile(stats.loop_lag, 99) * 1000:.1f} ms"
        )
    for sample in stats.error_samples[:10]:
        print("  error:", sample)
    ok = total_errors == 0 and lost == 0 and p99 < 300
    print("RESULT:", "PASS" if ok else "FAIL", "(0 errors, 0 lost, autosave p99 < 300 ms)")
    return 0 if ok else 1


AUTOSAVE_ENDPOINTS = ('endpoint="candidate.test_code_draft"', 'endpoint="candidate.test_essay_draft"')


async def autosave_buckets(base: str, token: str) -> dict[float, float]:
    """The server's own latency histogram of the two autosave endpoints (GET /metrics, summed over every web
    process): cumulative count per bucket bound. Timed from the app's first hook to its last, so the difference to
    the latency seen here is the time a request waited before the app took it (or after it answered)."""
    import aiohttp

    headers = {"Authorization": f"Bearer {token}"}
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http,
            http.get(f"{base}/metrics", headers=headers) as response,
        ):
            if response.status != 200:
                return {}
            return autosave_counts(await response.text())
    except (aiohttp.ClientError, TimeoutError):  # the report then leaves this figure out; the run still counts
        return {}


def autosave_counts(text: str) -> dict[float, float]:
    """Cumulative count per bucket bound of the autosave endpoints in a Prometheus exposition, summed."""
    from assessment.metrics import REQUEST_SECONDS

    buckets = REQUEST_SECONDS.describe()[0].name + "_bucket{"
    counts: dict[float, float] = defaultdict(float)
    for line in text.splitlines():
        if line.startswith(buckets) and any(e in line for e in AUTOSAVE_ENDPOINTS):
            le = re.search(r'le="([^"]+)"', line).group(1)
            counts[float(le)] += float(line.rsplit(" ", 1)[1])
    return dict(counts)


def bucket_summary(counts: dict[float, float]) -> dict[str, float]:
    """p50 and p99 as the histogram's bucket bounds (the true value is at most this), and the share within 300 ms."""
    total = counts.get(float("inf"), 0)
    if total <= 0:
        return {}
    bounds = sorted(counts)

    def bound(p: float) -> float:
        return next(le for le in bounds if counts[le] >= p * total)

    within = counts.get(0.3, 0) / total
    return {"count": total, "p50_le": bound(0.50), "p99_le": bound(0.99), "within_300ms": within}


async def drive(args, stack: Stack, candidates: list[dict], extra_cpu=None) -> Stats:
    """Run the candidates against `stack.url`. `extra_cpu`: optional callable giving cumulative CPU seconds by name
    (e.g. per container); their use over the measured window lands in `stats.cpu["by_part"]` (cores)."""
    stats = Stats()
    now = time.time()
    ramp_end = now + args.ramp
    measure_start = ramp_end + args.interval
    end_at = measure_start + args.duration
    tasks = []
    for i, c in enumerate(candidates):
        start_at = now + args.ramp * i / max(1, len(candidates))
        submit_at = measure_start + random.uniform(0.3, 0.9) * args.duration
        tasks.append(candidate(stack.url, c, stats, start_at, end_at, submit_at, args.interval, args.run_every))

    async def lag_probe():
        """The load generator's own delay: a timer due every 50 ms, and how late it runs. A latency can only be
        read to within this (the generator shares the machine with the server)."""
        await asyncio.sleep(max(0.0, measure_start - time.time()))
        while time.time() < end_at:
            due = time.perf_counter() + 0.05
            await asyncio.sleep(0.05)
            stats.loop_lag.append(time.perf_counter() - due)

    async def settle():
        """Halfway between the ramp and the window, stop the generator's cyclic garbage collector until the window
        ends. A collection stops the whole generator, and with it every candidate's request in flight (one browser's
        pause delays only its own): here they took about 4.5 s of the generator's time over a run, up to 100-320 ms
        at a time (gc.callbacks), which the window's latencies included. What the ramp built is collected first and
        frozen; cycles made during the window wait for the collection after it (the generator's peak memory at 1,000
        candidates and a 60 s window: about 150 MB; it grows with --duration)."""
        await asyncio.sleep(max(0.0, measure_start - args.interval / 2 - time.time()))
        gc.collect()
        gc.freeze()
        gc.disable()

    async def window():
        await asyncio.sleep(max(0.0, measure_start - time.time()))
        token = candidates[0]["metrics_token"]
        buckets_before = await autosave_buckets(stack.url, token)  # the server's figures span the window and a little
        stats.measuring = True
        stats.window = (time.time(), None)
        before = CpuSample.take(stack)
        extra_before = extra_cpu() if extra_cpu else {}
        profiler = Profiler.start(args, stack.procs[-1].pid) if args.profile else None
        await asyncio.sleep(max(0.0, end_at - time.time()))
        stats.measuring = False
        stats.window = (stats.window[0], time.time())
        stats.cpu = CpuSample.take(stack).since(before)
        if extra_cpu:
            wall = stats.window[1] - stats.window[0]
            extra_after = extra_cpu()
            stats.cpu["by_part"] = {
                name: (extra_after[name] - extra_before[name]) / wall for name in extra_after if name in extra_before
            }
        buckets_after = await autosave_buckets(stack.url, token)
        stats.in_app = bucket_summary({le: n - buckets_before.get(le, 0) for le, n in buckets_after.items()})
        if profiler is not None:
            await asyncio.get_running_loop().run_in_executor(None, profiler.finish)

    try:
        await asyncio.gather(window(), lag_probe(), settle(), *tasks)
    finally:  # the window's end, or an error: collect again, and let a next drive() (bench/scaled.py) freeze its own
        gc.enable()
        gc.unfreeze()
    return stats


class Profiler:
    """py-spy recording the web process (and its children: the web and judge processes) for the measured window."""

    def __init__(self, proc: subprocess.Popen, out: Path):
        self.proc = proc
        self.out = out

    @classmethod
    def start(cls, args, pid: int) -> Profiler:
        exe = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
        if exe is None:
            raise SystemExit("py-spy is not installed: pip install -e '.[bench]' (or pip install py-spy)")
        folder = Path(args.profile)
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / "web.collapsed"
        argv = [exe, "record", "--pid", str(pid), "--subprocesses", "--format", "raw", "--output", str(out)]
        argv += ["--duration", str(int(args.duration)), "--rate", str(args.profile_rate)]
        log = open(folder / "py-spy.log", "w")  # noqa: SIM115 - open while py-spy runs
        return cls(subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT), out)

    def finish(self) -> None:
        try:
            self.proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.proc.send_signal(signal.SIGINT)  # py-spy writes what it has on Ctrl-C
            self.proc.wait(timeout=60)
        if not self.out.exists():
            print(f"py-spy wrote no profile: see {self.out.parent / 'py-spy.log'}")
            return
        from profile_report import report

        for written in report(self.out):
            print(f"profile: {written}")
        print(f"profile: {self.out} (collapsed stacks)")


class CpuSample:
    """CPU seconds used by the whole machine, the server's processes and this load generator (Linux /proc)."""

    def __init__(
        self,
        wall: float,
        machine: float,
        server: float,
        client: float,
        by_name: dict[str, float],
        web: float = 0.0,
        web_waited: float = 0.0,
    ):
        self.wall, self.machine, self.server, self.client = wall, machine, server, client
        self.by_name = by_name
        self.web = web  # the server's web processes alone (those running Granian's runtime)
        self.web_waited = web_waited  # how long their threads waited, runnable, for a CPU (schedstat)

    @classmethod
    def take(cls, stack: Stack) -> CpuSample:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        busy = (sum(fields[:8]) - fields[3] - fields[4]) / TICK  # all but idle and iowait
        groups = {proc.pid for proc in stack.procs}
        server = web = web_waited = 0.0
        by_name: dict[str, float] = defaultdict(float)
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:  # a process may exit between listing and reading
                stat = stat_fields(entry)
                with open(f"/proc/{entry}/comm") as f:
                    name = f.read().strip()
            except OSError:
                continue
            used = cpu_seconds(stat)
            if int(stat[2]) in groups:  # process group: the server and everything it forked
                server += used
                if cls._serves_http(entry):
                    web += used
                    try:
                        web_waited += run_queue_seconds(entry)
                    except OSError:
                        pass
            by_name[f"{entry}:{name}"] += used
        times = os.times()
        return cls(time.time(), busy, server, times.user + times.system, by_name, web, web_waited)

    @staticmethod
    def _serves_http(pid: str) -> bool:
        """A web process: one with Granian's Rust runtime thread (tokio's default name, "tokio-rt-worker"; Python's
        request threads are not named). The parent and the judge process start no such runtime."""
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/comm") as f:
                    if f.read().startswith("tokio-rt"):
                        return True
        except OSError:
            return False
        return False

    def since(self, before: CpuSample) -> dict:
        wall = self.wall - before.wall
        share = {
            name: (getattr(self, name) - getattr(before, name)) / wall
            for name in ("machine", "server", "client", "web", "web_waited")
        }
        share["other"] = share["machine"] - share["server"] - share["client"]
        names: dict[str, float] = defaultdict(float)
        for key, used in self.by_name.items():  # processes that lived through the window, by command name
            if key in before.by_name:
                names[key.split(":", 1)[1]] += (used - before.by_name[key]) / wall
        share["top"] = sorted(names.items(), key=lambda item: -item[1])[:8]
        return share


def time_collections(env: dict, folder: Path):
    """--gc-pauses: the server's processes (through PYTHONPATH) and this one time their garbage collections; returns
    this process's timer (its write() records the final counts)."""
    folder.mkdir()
    os.environ["BENCH_GC_PAUSES_DIR"] = env["BENCH_GC_PAUSES_DIR"] = str(folder)
    hook = REPO / "bench" / "gc_pauses"
    env["PYTHONPATH"] = f"{hook}{os.pathsep}{env['PYTHONPATH']}"
    from importlib import util

    spec = util.spec_from_file_location("gc_pauses_hook", hook / "sitecustomize.py")
    assert spec is not None and spec.loader is not None
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _process_role(command: str, frozen: bool) -> str:
    """What a process of the run is, from its command line (a web process is the `assessment run` child that froze
    its objects; the parent never does)."""
    if "load.py" in command:
        return "load generator"
    if "celery" in command:
        return "celery worker"
    if "multiprocessing" in command:
        return "judge process"
    if "entry run" in command:
        return "web process" if frozen else "assessment run (parent)"
    return command[:40]


def report_collections(folder: Path) -> None:
    """One line per process that collected: its full collections (count, wall time, longest, CPU) and, after a
    freeze, what each left for the next to look at."""
    print("garbage collections (whole run; gen 2 = full collections):")
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text())
        command = data["command"]
        if "resource_tracker" in command:  # multiprocessing's helper, not a part of the platform
            continue
        role = _process_role(command, frozen=bool(data["frozen"]))
        generations = data["generations"]
        parts = []
        for generation in ("0", "1", "2"):
            g = generations.get(generation)
            if g:
                parts.append(
                    f"gen {generation}: {g['n']} x, {g['wall_s']:.2f} s wall ({g['cpu_s']:.2f} s CPU), longest "
                    f"{g['longest_s'] * 1000:.0f} ms"
                )
        line = f"  {role} (pid {path.stem}, {data['frozen']} objects frozen): " + "; ".join(parts)
        if data["full"]:
            first, last = data["full"][0], data["full"][-1]
            line += (
                f"; after a freeze, full collections left {first[1]} objects ({first[2]} ms CPU) at first, "
                f"{last[1]} ({last[2]} ms) at the last"
            )
        print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60, help="measured seconds after the ramp-up")
    parser.add_argument("--ramp", type=float, default=None, help="seconds over which candidates sign in")
    parser.add_argument("--interval", type=float, default=10.0, help="autosave interval per candidate")
    parser.add_argument("--setup", choices=("embedded", "scaled"), default="embedded")
    parser.add_argument("--judge-workers", type=int, default=2)
    parser.add_argument(
        "--run-every",
        type=float,
        default=180.0,
        help="seconds between one candidate's sample runs (each also submits once while measured)",
    )
    parser.add_argument(
        "--profile", metavar="DIR", help="record the web process with py-spy while measuring; flame graph and top list"
    )
    parser.add_argument("--profile-rate", type=int, default=100, help="py-spy samples per second")
    parser.add_argument(
        "--gc-pauses",
        action="store_true",
        help="time every garbage collection in the server's processes and the generator (bench/gc_pauses)",
    )
    args = parser.parse_args()
    args.ramp = args.ramp if args.ramp is not None else max(10.0, args.candidates / 10)
    workdir = Path(tempfile.mkdtemp(prefix="assessment-load-"))
    write_problems(workdir / "problems")
    stack = Stack(args.setup, workdir, args.judge_workers)
    own_collections = time_collections(stack.env, workdir / "gc-pauses") if args.gc_pauses else None
    try:
        candidates = seed(stack.env, args.candidates)
        stack.start()
        stats = asyncio.run(drive(args, stack, candidates))
        time.sleep(3)
        acked, lost = check_autosaves(stack.env, stats)
        result = report(stats, args, acked, lost, *judge_counts(stack.env, stats.window))
        if own_collections is not None:
            own_collections.write()
            report_collections(workdir / "gc-pauses")
        return result
    finally:
        stack.stop()
        print(f"(server log and data in {workdir})")


if __name__ == "__main__":
    sys.exit(main())
