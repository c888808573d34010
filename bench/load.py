"""Load benchmark: simulated candidates over HTTP against a real server on 127.0.0.1.

    python3 bench/load.py --candidates 500 --duration 120                 # embedded default (SQLite, judge threads)
    python3 bench/load.py --candidates 500 --duration 120 --setup scaled  # PostgreSQL + Redis + Celery workers

Each candidate signs in, opens the test, autosaves its essay and its code every 10 s, runs the samples about once a
minute and submits once near the end, polling for verdicts as the browser does. The report gives p50/p95/p99
latency per endpoint, the error count, the judge's work, and a final check that every autosave the server
acknowledged is in the database. Traffic only ever goes to 127.0.0.1.

Benchmark accounts use a cheap password hash so that the measurement is about taking the test, not the sign-in KDF.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

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
        pkg / "problem.yaml": f"problem_format_version: 2025-09\nname: Add Two\nuuid: {uuid.UUID(int=7)}\nlimits:\n  time_limit: 1.0\n  memory: 256\n",
        pkg / "statement" / "problem.en.md": "Read $a$ and $b$, print $a+b$.\n\n## Input\n\nTwo integers.\n\n## Output\n\nTheir sum.\n",
        pkg / "data" / "sample" / "1.in": "1 2\n",
        pkg / "data" / "sample" / "1.ans": "3\n",
        pkg / "input_validators" / "validate.py": "import re, sys\nsys.exit(42 if re.fullmatch(r'-?\\d+ -?\\d+\\n', sys.stdin.read()) else 43)\n",
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
    from assessment.extensions import session
    from assessment.models import Application, Position, User, utcnow
    from assessment.problems.sync import sync_from_dir
    from assessment.config import Settings

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
            user = User(email=f"load{i}@example.com", name=f"Load {i}", role="candidate", email_confirmed_at=now,
                        password_hash=cheap)
            db.add(user)
            db.flush()
            application = Application(user_id=user.id, position_id=position.id, test_released_at=now)
            db.add(application)
            db.flush()
            out.append({"email": user.email, "application": application.id})
        db.commit()
        problem_id = position.active_problems[0].id
        prompt_id = position.active_prompts[0].id
    app.extensions["assessment.db"].dispose()
    for c in out:
        c["problem"], c["prompt"] = problem_id, prompt_id
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
        self.env = dict(os.environ, ASSESSMENT_INSTANCE=str(workdir / "instance"), ASSESSMENT_PROBLEMS=str(workdir / "problems"),
                        ASSESSMENT_SECRET_KEY="load-test", ASSESSMENT_JUDGE_WORKERS=str(judge_workers),
                        ASSESSMENT_RATELIMIT_STORAGE="memory://", ASSESSMENT_RATELIMIT_ENABLED="0",
                        PYTHONPATH=str(REPO))
        self.env.pop("DATABASE_URL", None)
        if setup == "scaled":
            from tests.services import PostgresServer, RedisServer

            pg, redis = PostgresServer(), RedisServer()
            pg.start()
            redis.start()
            self.services = [pg, redis]
            self.env.update(DATABASE_URL=pg.url, ASSESSMENT_BROKER_URL=redis.url, ASSESSMENT_JUDGE_BACKEND="celery",
                            ASSESSMENT_RATELIMIT_STORAGE=redis.url.replace("/0", "/1"))

    def start(self) -> None:
        log = open(self.workdir / "server.log", "w")
        if self.setup == "embedded":
            argv = [sys.executable, "-m", "assessment.cli.entry", "run", "--host", "127.0.0.1", "--port", str(self.port), "--no-sync"]
        else:
            argv = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
                    "--threads", "32", "--worker-class", "gthread", "assessment.wsgi:app"]
            self.procs.append(subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "assessment.judging.celery_app", "worker", "--concurrency",
                 self.env["ASSESSMENT_JUDGE_WORKERS"], "--without-gossip", "--without-mingle", "--loglevel", "WARNING"],
                env=self.env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        self.procs.append(subprocess.Popen(argv, env=self.env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                                           start_new_session=True))
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
        self.measuring = False

    def record(self, name: str, seconds: float, ok: bool, detail: str = "") -> None:
        if self.measuring or not ok:
            self.latency[name].append(seconds)
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
    match = re.search(rb'name="csrf-token" content="([^"]+)"', body) or re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', body)
    return match.group(1).decode() if match else None


async def candidate(base: str, c: dict, stats: Stats, start_at: float, end_at: float, submit_at: float, interval: float):
    import aiohttp

    await asyncio.sleep(max(0.0, start_at - time.time()))
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True),
                                     timeout=aiohttp.ClientTimeout(total=60)) as http:
        _, body, _ = await request(http, stats, "GET /login", "GET", f"{base}/login")
        await request(http, stats, "POST /login", "POST", f"{base}/login", expect=(302,),
                      data={"email": c["email"], "password": PASSWORD, "csrf_token": token_from(body) or ""})
        app_url = f"{base}/applications/{c['application']}/test"
        _, body, _ = await request(http, stats, "GET test start", "GET", app_url)
        await request(http, stats, "POST test start", "POST", f"{app_url}/start", expect=(302,),
                      data={"csrf_token": token_from(body) or ""})
        _, body, _ = await request(http, stats, "GET problem page", "GET", f"{app_url}/problems/{c['problem']}")
        token = token_from(body) or ""
        headers = {"X-CSRFToken": token, "Content-Type": "application/json"}
        revision = 0
        next_run = time.time() + random.uniform(20, 60)
        submitted = False
        await asyncio.sleep(random.uniform(0, interval))
        while time.time() < end_at:
            revision += 1
            essay = f"Essay draft {revision} by {c['email']}. " + "word " * (20 + revision)
            code = f"# revision {revision}\n" + ACCEPTED
            status, body, _ = await request(http, stats, "POST essay autosave", "POST",
                                            f"{app_url}/essays/{c['prompt']}/draft", headers=headers,
                                            data=json.dumps({"text": essay, "revision": revision}))
            if status == 200 and json.loads(body).get("saved"):
                stats.acked[(c["application"], "essay")] = (revision, essay)
            status, body, _ = await request(http, stats, "POST code autosave", "POST",
                                            f"{app_url}/problems/{c['problem']}/draft", headers=headers,
                                            data=json.dumps({"language": "python", "source": code, "revision": revision}))
            if status == 200 and json.loads(body).get("saved"):
                stats.acked[(c["application"], "code")] = (revision, code)
            if time.time() >= next_run:
                next_run = time.time() + random.uniform(45, 75)
                await run_and_poll(http, stats, app_url, c, headers, "run", {"language": "python", "source": WRONG, "mode": "samples"})
            if not submitted and time.time() >= submit_at:
                submitted = True
                await run_and_poll(http, stats, app_url, c, headers, "submit", {"language": "python", "source": code})
            await asyncio.sleep(interval * random.uniform(0.9, 1.1))


async def run_and_poll(http, stats, app_url, c, headers, action, payload):
    status, body, _ = await request(http, stats, f"POST {action}", "POST", f"{app_url}/problems/{c['problem']}/{action}",
                                    expect=(202,), headers=headers, data=json.dumps(payload))
    if status != 202:
        return
    status_url = json.loads(body)["status_url"]
    base = app_url.split("/applications/")[0]
    url = status_url if status_url.startswith("http") else base + status_url
    delay = 0.5
    for _ in range(240):
        await asyncio.sleep(delay)
        delay = min(delay * 1.3, 3.0)
        status, body, _ = await request(http, stats, "GET submission status", "GET", url)
        if status == 200 and json.loads(body).get("status") == "done":
            return


def check_autosaves(env: dict, stats: Stats) -> tuple[int, int]:
    """Every acknowledged autosave must be in the database (same or newer revision)."""
    from sqlalchemy import create_engine, text

    url = env.get("DATABASE_URL") or f"sqlite:///{Path(env['ASSESSMENT_INSTANCE']) / 'assessment.sqlite'}"
    engine = create_engine(url)
    lost = 0
    with engine.connect() as conn:
        essays = {r[0]: (r[1], r[2]) for r in conn.execute(text(
            "SELECT a.application_id, e.revision, e.text FROM essay_answers e JOIN attempts a ON a.id = e.attempt_id"))}
        codes = {r[0]: (r[1], r[2]) for r in conn.execute(text(
            "SELECT a.application_id, d.revision, d.source FROM code_drafts d JOIN attempts a ON a.id = d.attempt_id "
            "WHERE d.language = 'python'"))}
    for (application, kind), (revision, content) in stats.acked.items():
        stored = (essays if kind == "essay" else codes).get(application)
        if stored is None or stored[0] < revision or (stored[0] == revision and stored[1] != content):
            lost += 1
    engine.dispose()
    return len(stats.acked), lost


def judge_counts(env: dict) -> dict:
    from sqlalchemy import create_engine, text

    url = env.get("DATABASE_URL") or f"sqlite:///{Path(env['ASSESSMENT_INSTANCE']) / 'assessment.sqlite'}"
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT kind, status, count(*) FROM submissions GROUP BY kind, status")).all()
    engine.dispose()
    return {f"{k}/{s}": n for k, s, n in rows}


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def report(stats: Stats, args, acked: int, lost: int, judged: dict) -> int:
    print(f"\n{args.candidates} candidates, {args.setup} setup, {args.duration:.0f} s measured, "
          f"autosave every {args.interval:.0f} s")
    print(f"{'endpoint':28} {'count':>7} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    total_errors = 0
    for name in sorted(set(stats.latency) | set(stats.errors)):
        values = stats.latency.get(name, [])
        errors = stats.errors.get(name, 0)
        total_errors += errors
        print(f"{name:28} {len(values):7d} {errors:6d} {percentile(values, 50) * 1000:8.1f} "
              f"{percentile(values, 95) * 1000:8.1f} {percentile(values, 99) * 1000:8.1f}")
    autosave = stats.latency.get("POST essay autosave", []) + stats.latency.get("POST code autosave", [])
    p99 = percentile(autosave, 99) * 1000
    print(f"\nerrors: {total_errors}   acknowledged autosaves: {acked}   lost: {lost}   autosave p99: {p99:.0f} ms")
    print(f"submissions: {json.dumps(judged, sort_keys=True)}")
    for sample in stats.error_samples[:10]:
        print("  error:", sample)
    ok = total_errors == 0 and lost == 0 and p99 < 300
    print("RESULT:", "PASS" if ok else "FAIL", "(0 errors, 0 lost, autosave p99 < 300 ms)")
    return 0 if ok else 1


async def drive(args, stack: Stack, candidates: list[dict]) -> Stats:
    stats = Stats()
    now = time.time()
    ramp_end = now + args.ramp
    measure_start = ramp_end + args.interval
    end_at = measure_start + args.duration
    tasks = []
    for i, c in enumerate(candidates):
        start_at = now + args.ramp * i / max(1, len(candidates))
        submit_at = measure_start + random.uniform(0.3, 0.9) * args.duration
        tasks.append(candidate(stack.url, c, stats, start_at, end_at, submit_at, args.interval))

    async def switch_on():
        await asyncio.sleep(max(0.0, measure_start - time.time()))
        stats.measuring = True

    await asyncio.gather(switch_on(), *tasks)
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60, help="measured seconds after the ramp-up")
    parser.add_argument("--ramp", type=float, default=None, help="seconds over which candidates sign in")
    parser.add_argument("--interval", type=float, default=10.0, help="autosave interval per candidate")
    parser.add_argument("--setup", choices=("embedded", "scaled"), default="embedded")
    parser.add_argument("--judge-workers", type=int, default=2)
    args = parser.parse_args()
    args.ramp = args.ramp if args.ramp is not None else max(10.0, args.candidates / 10)
    workdir = Path(tempfile.mkdtemp(prefix="assessment-load-"))
    write_problems(workdir / "problems")
    stack = Stack(args.setup, workdir, args.judge_workers)
    try:
        candidates = seed(stack.env, args.candidates)
        stack.start()
        stats = asyncio.run(drive(args, stack, candidates))
        time.sleep(3)
        acked, lost = check_autosaves(stack.env, stats)
        return report(stats, args, acked, lost, judge_counts(stack.env))
    finally:
        stack.stop()
        print(f"(server log and data in {workdir})")


if __name__ == "__main__":
    sys.exit(main())
