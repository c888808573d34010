"""Scaled setup on separate containers with CPU limits: how candidates held and submissions judged grow with judges.

    python3 bench/scaled.py --judges 1 --candidates 20 --duration 30 --ramp 10        # a quick check, end to end
    python3 bench/scaled.py --judges 1,2,4 --web-processes 1,2 --candidates 200,400,600 --duration 60
    python3 bench/plot_capacity.py                                                      # the plot, from the results

Each combination of judge containers, web processes and candidates is one run on fresh containers, on one Docker
network standing for a data centre: PostgreSQL (--db-cpus), Redis (--broker-cpus), the web (`assessment run`, --web-cpus per
web process) and N judge containers (Celery, --judge-concurrency each, --judge-cpus each; each sandbox run pinned to
one core as always). CPU limits (`docker run --cpus`) stand for the size of separate hosts; the load generator is
bench/load.py's, on 127.0.0.1 against the web container's published port. Each run appends one JSON line to --out
(default bench/results/scaled.jsonl) with its settings, the command that measured it, latencies, errors, lost
autosaves, submissions judged per minute, and the CPU each part used (cores, from the containers' cgroups; judges
include their sandboxes). RESULT and the pass rule are load.py's: 0 errors, 0 lost autosaves, autosave p99 < 300 ms.

Images: the platform image is built from this checkout as assessment-bench-app:latest (deploy/build-images.sh with
APP_IMAGE; --offline also builds PostgreSQL/Redis from Debian's packages as assessment-bench-services:bookworm), the
runner image must exist (`assessment sandbox build`). Everything a run creates carries the label
assessment.bench=<run id> and is removed at its end (--keep leaves it for a look).

On a machine with fewer cores than the limits add up to, the parts compete for the same cores and the limits are
upper bounds only: the figures then describe this machine, not the hosts the limits stand for.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load

REPO = load.REPO
LABEL = "assessment.bench"
APP_IMAGE = "assessment-bench-app:latest"
SERVICES_IMAGE = "assessment-bench-services:bookworm"
DB_PASSWORD = "bench-" + "0" * 20


def docker(*argv: str, check: bool = True, capture: bool = True) -> str:
    result = subprocess.run(["docker", *argv], capture_output=capture, text=True, check=False)
    if check and result.returncode != 0:
        raise RuntimeError(f"docker {' '.join(argv[:3])}…: {(result.stderr or '').strip()[-500:]}")
    return (result.stdout or "").strip()


def build_images(offline: bool) -> tuple[str, str, str]:
    """(app image, PostgreSQL image, Redis image)."""
    env = dict(os.environ, APP_IMAGE=APP_IMAGE, SERVICES_IMAGE=SERVICES_IMAGE)
    argv = ["bash", str(REPO / "deploy" / "build-images.sh")] + (["--offline"] if offline else [])
    subprocess.run(argv, env=env, check=True, cwd=REPO)
    if offline:
        return APP_IMAGE, SERVICES_IMAGE, SERVICES_IMAGE
    return APP_IMAGE, "postgres:16-bookworm", "redis:7-bookworm"


class Containers:
    """One run's network and containers: db, broker, web, judge-1..N (the load.Stack interface drive() needs)."""

    def __init__(self, args, judges: int, web_processes: int, workdir: Path):
        self.run_id = secrets.token_hex(4)
        self.args, self.judges, self.web_processes, self.workdir = args, judges, web_processes, workdir
        self.network = f"assessment-bench-{self.run_id}"
        self.ids: dict[str, str] = {}  # part name -> container id
        self.procs: list = []  # no server processes of our own: CPU comes from the containers (extra_cpu)
        self.sandboxes = SandboxCpu(f"-{self.run_id}")
        self.web_port, self.db_port = load.free_port(), load.free_port()
        self.url = f"http://127.0.0.1:{self.web_port}"
        self.env = dict(
            os.environ,
            DATABASE_URL=f"postgresql+psycopg://assessment:{DB_PASSWORD}@127.0.0.1:{self.db_port}/assessment",
            ASSESSMENT_INSTANCE=str(workdir / "instance"),
            ASSESSMENT_PROBLEMS=str(workdir / "problems"),
            ASSESSMENT_SNAPSHOTS=str(workdir / "snapshots"),
            ASSESSMENT_SECRET_KEY="load-test-" + "0" * 40,
            ASSESSMENT_RATELIMIT_ENABLED="0",
            ASSESSMENT_RATELIMIT_STORAGE="memory://",
        )

    def _run(self, name: str, image: str, cpus: float, *argv: str, options: tuple[str, ...] = ()) -> None:
        self.ids[name] = docker(
            "run",
            "-d",
            "--name",
            f"{self.network}-{name}",
            "--hostname",
            f"{name}-{self.run_id}",
            "--network",
            self.network,
            "--network-alias",
            name,
            "--label",
            f"{LABEL}={self.run_id}",
            "--cpus",
            str(cpus),
            *options,
            image,
            *argv,
        )

    def start(self, app_image: str, pg_image: str, redis_image: str) -> None:
        a = self.args
        (self.workdir / "snapshots").mkdir(parents=True, exist_ok=True)
        docker("network", "create", "--label", f"{LABEL}={self.run_id}", self.network)
        pg_env = (
            "-e",
            "POSTGRES_USER=assessment",
            "-e",
            f"POSTGRES_PASSWORD={DB_PASSWORD}",
            "-e",
            "POSTGRES_DB=assessment",
        )
        self._run(
            "postgres",
            pg_image,
            a.db_cpus,
            "postgres",
            *(["-c", "max_connections=300"] if pg_image.startswith("postgres:") else []),
            options=(*pg_env, "-p", f"127.0.0.1:{self.db_port}:5432", "--tmpfs", "/var/lib/postgresql/data"),
        )
        self._run("redis", redis_image, a.broker_cpus, "redis-server", "--appendonly", "yes")
        app_env = {
            "DATABASE_URL": f"postgresql+psycopg://assessment:{DB_PASSWORD}@postgres:5432/assessment",
            "ASSESSMENT_BROKER_URL": "redis://redis:6379/0",
            "ASSESSMENT_JUDGE_BACKEND": "celery",
            "ASSESSMENT_SECRET_KEY": self.env["ASSESSMENT_SECRET_KEY"],
            "ASSESSMENT_RATELIMIT_ENABLED": "0",
            "ASSESSMENT_RATELIMIT_STORAGE": "redis://redis:6379/1",
            "ASSESSMENT_INSTANCE": "/data",
            "ASSESSMENT_SNAPSHOTS": "/snapshots",
            "ASSESSMENT_PROBLEMS": "/bench-problems",
        }
        for name, value in os.environ.items():  # the sandbox settings of the host, as docker-compose.yml passes them
            if name.startswith("ASSESSMENT_SANDBOX_"):
                app_env[name] = value
        env_options = tuple(option for name, value in app_env.items() for option in ("-e", f"{name}={value}"))
        self._wait_for_db()
        self._run(
            "web",
            app_image,
            a.web_cpus * self.web_processes,
            "web",
            options=(
                *env_options,
                "-e",
                f"WEB_PROCESSES={self.web_processes}",
                "-e",
                f"WEB_THREADS={a.web_threads}",
                "-p",
                f"127.0.0.1:{self.web_port}:8000",
                "-v",
                f"{self.workdir / 'problems'}:/bench-problems:ro",
                "-v",
                f"{self.workdir / 'snapshots'}:/snapshots",
                "--tmpfs",
                "/data",
            ),
        )
        load.wait_http(self.url + "/login", timeout=180)
        self.sandboxes.start()
        for n in range(1, self.judges + 1):
            self._run(
                f"judge-{n}",
                app_image,
                a.judge_cpus,
                "worker",
                options=(
                    *env_options,
                    "-e",
                    f"ASSESSMENT_JUDGE_WORKERS={a.judge_concurrency}",
                    "-v",
                    f"{self.workdir / 'snapshots'}:/snapshots:ro",
                    "-v",
                    "/var/run/docker.sock:/var/run/docker.sock",
                ),
            )

    def _wait_for_db(self, timeout: float = 120) -> None:
        from sqlalchemy import create_engine, text

        engine = create_engine(self.env["DATABASE_URL"])
        deadline = time.time() + timeout
        try:
            while True:
                try:
                    with engine.connect() as conn:
                        conn.execute(text("SELECT 1"))
                    return
                except Exception:
                    if time.time() > deadline:
                        raise
                    time.sleep(1)
        finally:
            engine.dispose()

    def cpu_seconds(self) -> dict[str, float]:
        """Cumulative CPU seconds per part (cgroup v1 or v2); a judge's sandboxes count as the judge's."""
        used: dict[str, float] = {}
        for name, cid in self.ids.items():
            part = "judges" if name.startswith("judge-") else name
            used[part] = used.get(part, 0.0) + _cgroup_cpu(cid)
        self.sandboxes.sample()
        used["judges"] = used.get("judges", 0.0) + self.sandboxes.total()
        return used

    def logs(self) -> None:
        for name, cid in self.ids.items():
            text = docker("logs", "--tail", "200", cid, check=False)
            (self.workdir / f"{name}.log").write_text(text)

    def stop(self) -> None:
        self.sandboxes.stop()
        for cid in self.ids.values():
            docker("rm", "-f", "-v", cid, check=False)
        docker("network", "rm", self.network, check=False)


class SandboxCpu:
    """CPU used by the sandboxes this run's judges start. A sandbox lives for one submission (or waits in the pool
    before it), so its cgroup is read every half second while it exists and its last reading is kept after it is
    gone; a sandbox started and removed between two readings is missed."""

    def __init__(self, host_suffix: str):
        self.host_suffix = host_suffix
        self.owner: dict[str, bool] = {}  # container id -> started by one of this run's judges
        self.last: dict[str, float] = {}
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()

    def _loop(self) -> None:
        while not self.stopping.wait(0.5):
            self.sample()

    def sample(self) -> None:
        for cid in _container_ids():
            if cid not in self.owner:
                owner = docker("inspect", "-f", '{{index .Config.Labels "assessment.sandbox.owner"}}', cid, check=False)
                self.owner[cid] = owner.split(":", 1)[0].endswith(self.host_suffix)
            if self.owner[cid]:
                used = _cgroup_cpu(cid)
                with self.lock:
                    self.last[cid] = max(self.last.get(cid, 0.0), used)

    def total(self) -> float:
        with self.lock:
            return sum(self.last.values())


def _container_ids() -> list[str]:
    for folder in ("/sys/fs/cgroup/cpuacct/docker", "/sys/fs/cgroup/system.slice", "/sys/fs/cgroup/docker"):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        return [n.removeprefix("docker-").removesuffix(".scope") for n in names if len(n.removeprefix("docker-")) >= 64]
    return []


def _cgroup_cpu(container_id: str) -> float:
    for path, scale in (
        (f"/sys/fs/cgroup/cpuacct/docker/{container_id}/cpuacct.usage", 1e-9),
        (f"/sys/fs/cgroup/system.slice/docker-{container_id}.scope/cpu.stat", 1e-6),
        (f"/sys/fs/cgroup/docker/{container_id}/cpu.stat", 1e-6),
    ):
        try:
            text = Path(path).read_text()
        except OSError:
            continue
        if path.endswith("cpu.stat"):
            fields = dict(line.split() for line in text.splitlines())
            return int(fields["usage_usec"]) * scale
        return int(text) * scale
    return 0.0


def summary(stats: load.Stats, acked: int, lost: int, judged: dict, judged_in_window: int) -> dict:
    autosave = stats.latency.get("POST essay autosave", []) + stats.latency.get("POST code autosave", [])
    errors = sum(stats.errors.values())
    p99 = load.percentile(autosave, 99) * 1000
    minutes = (stats.window[1] - stats.window[0]) / 60
    return {
        "errors": errors,
        "autosaves_acknowledged": acked,
        "autosaves_lost": lost,
        "autosave_p50_ms": round(load.percentile(autosave, 50) * 1000, 1),
        "autosave_p99_ms": round(p99, 1),
        "judged_per_min": round(judged_in_window / minutes, 1),
        "submissions": judged,
        "cpu_cores": {name: round(used, 3) for name, used in (stats.cpu.get("by_part") or {}).items()},
        "machine_cores_busy": round(stats.cpu.get("machine", 0.0), 3),
        "pass": errors == 0 and lost == 0 and p99 < 300,
    }


def one_run(args, judges: int, web_processes: int, candidates: int, images: tuple[str, str, str]) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="assessment-scaled-"))
    load.write_problems(workdir / "problems")
    stack = Containers(args, judges, web_processes, workdir)
    run_args = argparse.Namespace(**vars(args))
    run_args.candidates, run_args.judge_workers, run_args.setup = candidates, judges * args.judge_concurrency, "scaled"
    run_args.ramp = args.ramp if args.ramp is not None else max(10.0, candidates / 10)
    run_args.profile = None
    print(f"\n== {judges} judge container(s), {web_processes} web process(es), {candidates} candidates ({workdir})")
    try:
        stack.start(*images)
        seeded = load.seed(stack.env, candidates)
        stats = asyncio.run(load.drive(run_args, stack, seeded, extra_cpu=stack.cpu_seconds))
        time.sleep(3)
        acked, lost = load.check_autosaves(stack.env, stats)
        judged = load.judge_counts(stack.env, stats.window)
        load.report(stats, run_args, acked, lost, *judged)
        return {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "judge_containers": judges,
            "judge_concurrency": args.judge_concurrency,
            "judge_cpus": args.judge_cpus,
            "web_processes": web_processes,
            "web_cpus": args.web_cpus * web_processes,
            "db_cpus": args.db_cpus,
            "broker_cpus": args.broker_cpus,
            "candidates": candidates,
            "duration_s": args.duration,
            "machine_cores": os.cpu_count(),
            "command": "python3 bench/scaled.py "
            + shlex.join(
                [
                    f"--judges={judges}",
                    f"--web-processes={web_processes}",
                    f"--candidates={candidates}",
                    f"--duration={args.duration:g}",
                    f"--judge-cpus={args.judge_cpus:g}",
                    f"--web-cpus={args.web_cpus:g}",
                    f"--db-cpus={args.db_cpus:g}",
                ]
            ),
            **summary(stats, acked, lost, *judged),
        }
    finally:
        stack.logs()
        if not args.keep:
            stack.stop()


def numbers(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--judges", type=numbers, default=[1], help="judge containers, e.g. 1,2,4")
    parser.add_argument("--web-processes", type=numbers, default=[2], help="web processes, e.g. 1,2")
    parser.add_argument("--candidates", type=numbers, default=[100], help="candidates, e.g. 200,400,600")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--ramp", type=float, default=None)
    parser.add_argument("--interval", type=float, default=10.0)
    parser.add_argument("--run-every", type=float, default=180.0)
    parser.add_argument("--judge-concurrency", type=int, default=1, help="Celery processes per judge container")
    parser.add_argument("--judge-cpus", type=float, default=1.0, help="CPU limit per judge container")
    parser.add_argument("--web-cpus", type=float, default=1.0, help="CPU limit per web process")
    parser.add_argument("--web-threads", type=int, default=8)
    parser.add_argument("--db-cpus", type=float, default=1.0)
    parser.add_argument("--broker-cpus", type=float, default=0.5)
    parser.add_argument("--offline", action="store_true", help="build PostgreSQL/Redis from Debian's packages")
    parser.add_argument("--no-build", action="store_true", help=f"use the existing {APP_IMAGE}")
    parser.add_argument("--keep", action="store_true", help="leave the containers and network of each run")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "scaled.jsonl")
    args = parser.parse_args()
    if args.no_build:
        images = (
            (APP_IMAGE, SERVICES_IMAGE, SERVICES_IMAGE)
            if args.offline
            else (APP_IMAGE, "postgres:16-bookworm", "redis:7-bookworm")
        )
    else:
        images = build_images(args.offline)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    failed = 0
    for judges in args.judges:
        for web_processes in args.web_processes:
            for candidates in args.candidates:
                result = one_run(args, judges, web_processes, candidates, images)
                failed += not result["pass"]
                with args.out.open("a") as out:
                    out.write(json.dumps(result, sort_keys=True) + "\n")
                print(f"recorded in {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
