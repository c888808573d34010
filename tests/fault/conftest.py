"""Fault tests against real processes: PostgreSQL, Redis, Celery judge workers, the Docker engine, the web server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, unavailable
from tests.services import PostgresServer, RedisServer


@pytest.fixture(scope="session")
def postgres():
    try:
        server = PostgresServer()
        server.start()
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        unavailable(f"PostgreSQL could not be started: {exc}")
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def redis_server():
    try:
        server = RedisServer()
        server.start()
    except RuntimeError as exc:
        unavailable(f"Redis could not be started: {exc}")
    yield server
    server.cleanup()


_db_counter = iter(range(1, 10_000))


@pytest.fixture
def pg_url(postgres):
    """A fresh database on the shared server for each test."""
    name = f"fault{os.getpid()}_{next(_db_counter)}"
    subprocess.run(
        [str(postgres.bin / "createdb"), "-h", "127.0.0.1", "-p", str(postgres.port), "-U", "assessment", name],
        check=True,
        capture_output=True,
    )
    return postgres.url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def scale_env(tmp_path, pg_url, redis_server):
    """Environment for processes of the scaled setup (web and Celery workers)."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=pg_url,
        ASSESSMENT_BROKER_URL=redis_server.url,
        ASSESSMENT_JUDGE_BACKEND="celery",
        ASSESSMENT_INSTANCE=str(tmp_path / "instance"),
        ASSESSMENT_SECRET_KEY="fault-tests-" + "0" * 32,
        ASSESSMENT_JUDGE_LEASE_SECONDS="6",
        PYTHONPATH=str(REPO),
    )
    return env


@pytest.fixture
def scale_app(scale_env, monkeypatch):
    from assessment import create_app
    from assessment.config import Settings

    for key in (
        "DATABASE_URL",
        "ASSESSMENT_BROKER_URL",
        "ASSESSMENT_JUDGE_BACKEND",
        "ASSESSMENT_INSTANCE",
        "ASSESSMENT_SECRET_KEY",
    ):
        monkeypatch.setenv(key, scale_env[key])
    app = create_app(Settings.from_env(), start_workers=False)
    yield app
    app.extensions["assessment.db"].dispose()


class Worker:
    """A real `celery worker` process (in its own process group, so SIGKILL takes its children too)."""

    def __init__(self, env: dict, name: str, log_dir: Path, concurrency: int = 1):
        self.log = open(log_dir / f"{name}.log", "w")  # noqa: SIM115 - open while the process runs
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "assessment.celery_worker",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                str(concurrency),
                "--hostname",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            env=env,
            cwd=REPO,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


@pytest.fixture
def workers(scale_env, tmp_path):
    started: list[Worker] = []

    def start(name: str, env: dict | None = None, concurrency: int = 1) -> Worker:
        worker = Worker(env or scale_env, name, tmp_path, concurrency)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def wait_for(predicate, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
