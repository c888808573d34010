"""Judge throughput through the whole platform: queued submissions -> judge workers -> verdicts in the database.

    python3 bench/judge_throughput.py                                  # both backends, 1 and 2 workers
    python3 bench/judge_throughput.py --backend threads --workers 1 2 --submissions 60
    python3 bench/judge_throughput.py --problem problems/robotics/coding/<name> --source path/to/accepted.py

For each backend (`threads`: the embedded default's judge threads on SQLite, run here as `assessment worker`;
`celery`: Celery workers fed through Redis, PostgreSQL as the database) and each worker count, N copies of an
accepted submission are queued at once, the workers are started, and the rate is N divided by the time from the
first claim to the last verdict, both read from the database. Every submission must come back with the expected
verdict. Nothing else should run on the machine meanwhile.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_PROBLEM = REPO / "problems" / "ml-computer-vision" / "coding" / "boxoverlap"


def position_with(problem: Path, root: Path) -> Path:
    """A one-problem position around a copy of the problem package."""
    position = root / "throughput"
    shutil.copytree(problem, position / "coding" / problem.name)
    (position / "position.yaml").write_text(
        textwrap.dedent("""\
        title: Judge throughput
        description: One coding problem, used by the judge throughput benchmark.
        duration_minutes: 60
        parts: [coding]
        weights: {coding: 1.0}
        languages: [python, c, cpp, java, javascript]
        unlock: on_apply
        """)
    )
    return root


def language_of(source: Path) -> str:
    return {".py": "python", ".c": "c", ".cpp": "cpp", ".cc": "cpp", ".java": "java", ".js": "javascript"}[
        source.suffix
    ]


def queue_submissions(env: dict, source: Path, count: int) -> None:
    os.environ.update(env)
    from sqlalchemy import select

    from assessment import create_app
    from assessment.config import Settings
    from assessment.extensions import session
    from assessment.judging.queue import enqueue
    from assessment.models import Problem
    from assessment.problems.sync import sync_from_dir

    settings = Settings.from_env()
    app = create_app(settings, start_workers=False)
    with app.app_context():
        db = session()
        report = sync_from_dir(db, settings.problems_dir, settings.snapshot_dir)
        if report.errors:
            raise SystemExit(f"the problem does not load: {report.errors}")
        problem = db.scalars(select(Problem)).one()
        for _ in range(count):
            enqueue(db, attempt=None, problem=problem, language=language_of(source), source=source.read_text())
        db.commit()
    app.extensions["assessment.db"].dispose()


def results(url: str) -> tuple[int, dict, list[float], float]:
    from datetime import datetime

    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT status, verdict, started_at, finished_at FROM submissions")).all()
    engine.dispose()

    def when(value):  # SQLite returns text
        return value if value is None or isinstance(value, datetime) else datetime.fromisoformat(str(value))

    done = [(r[0], r[1], when(r[2]), when(r[3])) for r in rows if r[0] == "done"]
    verdicts: dict = {}
    for r in done:
        verdicts[r[1]] = verdicts.get(r[1], 0) + 1
    durations = [(r[3] - r[2]).total_seconds() for r in done if r[2] and r[3]]
    span = (max(r[3] for r in done) - min(r[2] for r in done)).total_seconds() if done else 0.0
    return len(done), verdicts, durations, span


def measure(backend: str, workers: int, problem: Path, source: Path, count: int, timeout: float) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="assessment-throughput-"))
    position_with(problem, workdir / "problems")
    env = dict(
        os.environ,
        ASSESSMENT_INSTANCE=str(workdir / "instance"),
        ASSESSMENT_PROBLEMS=str(workdir / "problems"),
        ASSESSMENT_SECRET_KEY="throughput-" + "0" * 40,
        ASSESSMENT_JUDGE_WORKERS=str(workers),
        PYTHONPATH=str(REPO),
    )
    env.pop("DATABASE_URL", None)
    services = []
    if backend == "celery":
        from tests.services import PostgresServer, RedisServer

        pg, redis = PostgresServer(), RedisServer()
        pg.start()
        redis.start()
        services = [pg, redis]
        env.update(DATABASE_URL=pg.url, ASSESSMENT_BROKER_URL=redis.url, ASSESSMENT_JUDGE_BACKEND="celery")
        argv = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "assessment.celery_worker",
            "worker",
            "--concurrency",
            str(workers),
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ]
    else:
        argv = [sys.executable, "-m", "assessment.cli.entry", "worker", "--workers", str(workers)]
    url = env.get("DATABASE_URL") or f"sqlite:///{workdir / 'instance' / 'assessment.sqlite'}"
    proc = None
    try:
        queue_submissions(env, source, count)
        log = open(workdir / "worker.log", "w")  # noqa: SIM115 - open while the process runs
        proc = subprocess.Popen(argv, env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            done, verdicts, durations, span = results(url)
            if done == count:
                break
            time.sleep(1.0)
        else:
            raise SystemExit(
                f"{backend} with {workers} worker(s): only {done} of {count} judged in {timeout:.0f} s "
                f"(log: {workdir / 'worker.log'})"
            )
    finally:
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        for service in services:
            service.cleanup()
    shutil.rmtree(workdir, ignore_errors=True)
    return {
        "backend": backend,
        "workers": workers,
        "submissions": count,
        "verdicts": verdicts,
        "per_minute": count / span * 60,
        "median_s": statistics.median(durations),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("threads", "celery", "both"), default="both")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--submissions", type=int, default=60)
    parser.add_argument("--problem", type=Path, default=DEFAULT_PROBLEM)
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help="an accepted submission (default: the problem's submissions/accepted/*.py)",
    )
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    problem = args.problem.resolve()
    source = args.source or sorted((problem / "submissions" / "accepted").glob("*.py"))[0]
    from sandbox.build import build_images

    build_images(log=lambda *a, **k: None)
    secret = len(list((problem / "data" / "secret").rglob("*.in")))
    sample = len(list((problem / "data" / "sample").rglob("*.in")))
    print(
        f"problem {problem.name}: {sample} sample + {secret} secret tests; submission {source.name}; "
        f"{args.submissions} submissions per run; {os.cpu_count()} cores"
    )
    print("| backend | workers | submissions/min | median seconds per submission | verdicts |")
    print("|---|---|---|---|---|")
    ok = True
    backends = ("threads", "celery") if args.backend == "both" else (args.backend,)
    for backend in backends:
        for workers in args.workers:
            row = measure(backend, workers, problem, source, args.submissions, args.timeout)
            ok &= set(row["verdicts"]) == {"AC"}
            print(
                f"| {backend} | {workers} | {row['per_minute']:.0f} | {row['median_s']:.2f} | {row['verdicts']} |",
                flush=True,
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
