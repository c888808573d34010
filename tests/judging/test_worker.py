"""Judge workers against real Docker sandboxes and a real SQLite database: in-process service, a worker process
killed mid-judging, and the sandbox being unavailable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from assessment.judging.worker import judge_next_now
from assessment.models import Submission
from assessment.models import TestResult as ResultModel
from tests.judging.helpers import ADD_ACCEPTED, ADD_SLOW, ADD_WRONG, add_problem, add_submissions, write_package

pytestmark = pytest.mark.docker


def wait_for(predicate, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def load(database, sid: int) -> Submission:
    with database.new_session() as session:
        row = session.get(Submission, sid)
        _ = list(row.results)
        return row


def worker_process(settings, *args: str, extra_env: dict | None = None) -> subprocess.Popen:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": settings.database_url,
            "ASSESSMENT_INSTANCE": str(settings.instance_path),
            "ASSESSMENT_SECRET_KEY": "test-secret-key-" + "0" * 32,
            "ASSESSMENT_SNAPSHOTS": str(settings.snapshot_dir),
        }
    )
    env.update(extra_env or {})
    log = open(settings.instance_path / f"worker-{time.monotonic_ns()}.log", "w")  # noqa: SIM115 - open while the process runs
    return subprocess.Popen(
        [sys.executable, "-c", "from assessment.cli import main; main()", "worker", *args],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_process(proc: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def test_in_process_service_judges_every_kind(require_docker, app, database, problem):
    from assessment.judging.queue import enqueue
    from assessment.judging.service import start_judge_service, stop_judge_service

    with database.new_session() as session:
        ac, wa, ce = add_submissions(session, problem, [ADD_ACCEPTED, ADD_WRONG, "def broken(:\n"])
        (samples,) = add_submissions(session, problem, [ADD_WRONG], kind="samples")
        custom = enqueue(
            session,
            attempt=None,
            problem=problem,
            language="python",
            source=ADD_ACCEPTED,
            kind="custom",
            custom_input="20 22\n",
        ).id
        session.commit()
    ids = [ac, wa, ce, samples, custom]
    seen: list[int] = []
    start_judge_service(app, workers=2, on_judged=seen.append)
    try:
        wait_for(lambda: all(load(database, i).status == "done" for i in ids), 180, "all submissions judged")
    finally:
        stop_judge_service(app)
    assert sorted(seen) == sorted(ids), "every stored result is announced once"

    row = load(database, ac)
    assert (row.verdict, row.score, row.tests_passed, row.tests_total, row.judge_runs) == ("AC", 1.0, 4, 4, 1)
    assert [r.name for r in row.results] == ["sample/1"] + [f"secret/{i:02d}" for i in range(1, 5)]
    assert all(r.output is None for r in row.results)
    assert row.max_time_ms is not None and row.max_memory_kb

    row = load(database, wa)
    assert (row.verdict, row.score, row.tests_passed) == ("WA", 0.0, 0)

    row = load(database, ce)
    assert (row.verdict, row.score, row.results) == ("CE", 0.0, [])
    assert "SyntaxError" in row.compile_output

    row = load(database, samples)
    assert (row.verdict, row.tests_total) == ("WA", 1)
    assert [r.name for r in row.results] == ["sample/1"]
    assert row.results[0].output.strip() == "-1"

    row = load(database, custom)
    assert row.verdict == "OK"
    assert row.results[0].output.strip() == "42"


def test_killed_worker_is_rejudged_once_after_its_lease_expires(require_docker, settings, app, database, tmp_path):
    package = write_package(tmp_path / "slow", secret=6, time_limit=3.0)
    with database.new_session() as session:
        problem = add_problem(session, package, slug="slow", time_limit_s=3.0)
        (sid,) = add_submissions(session, problem, [ADD_SLOW])

    first = worker_process(settings, "--workers", "1", "--lease", "2")
    second = None
    try:
        row = wait_for(
            lambda: (r := load(database, sid)).status == "running" and r.progress_done >= 1 and r,
            120,
            "the first worker to be in the middle of judging",
        )
        dead_worker = row.claimed_by
        assert row.progress_total == 7 and row.judge_runs == 1
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        time.sleep(0.5)
        row = load(database, sid)
        assert row.status == "running" and row.claimed_by == dead_worker and not row.results

        second = worker_process(settings, "--workers", "1", "--lease", "2")
        row = wait_for(lambda: (r := load(database, sid)).status == "done" and r, 180, "the re-judged result")
    finally:
        stop_process(first, signal.SIGKILL)
        if second is not None:
            stop_process(second)
    assert row.judge_runs == 2
    assert row.claimed_by != dead_worker
    assert (row.verdict, row.score, row.tests_passed, row.tests_total) == ("AC", 1.0, 6, 6)
    with database.new_session() as session:
        results = session.scalars(select(ResultModel).where(ResultModel.submission_id == sid)).all()
    assert sorted(r.ordinal for r in results) == list(range(7)), "exactly one set of results"


def test_sandbox_unavailable_keeps_the_submission_waiting(require_docker, settings, database, problem):
    with database.new_session() as session:
        (sid,) = add_submissions(session, problem, [ADD_ACCEPTED])
    proc = worker_process(settings, "--workers", "1", extra_env={"DOCKER_HOST": "unix:///nonexistent/docker.sock"})
    try:
        row = wait_for(
            lambda: (r := load(database, sid)).status_message == "Waiting for the judge" and r,
            60,
            "the submission to wait for the judge",
        )
        time.sleep(1.5)  # the worker keeps backing off and retrying; the submission stays queued
        row = load(database, sid)
        assert (row.status, row.verdict, row.judge_runs, row.claimed_by) == ("queued", None, 0, None)
    finally:
        stop_process(proc)
    # The sandbox is back (this process talks to the real engine): the same submission is judged.
    assert judge_next_now(database) == "done"
    row = load(database, sid)
    assert (row.status, row.verdict, row.score) == ("done", "AC", 1.0)
    assert judge_next_now(database) == "idle"


def test_a_run_the_machine_starved_is_judged_again_not_failed(require_docker, database, problem, starved_core):
    """An honest CPU-heavy solution on a core the machine keeps busy: no verdict is stored (a time limit would be
    the machine's fault); the submission waits for the judge, not counted as a judge run, and once the core is free
    the same submission is accepted."""
    with database.new_session() as session:
        (sid,) = add_submissions(session, problem, [ADD_SLOW])
    assert judge_next_now(database) == "unavailable"
    row = load(database, sid)
    assert (row.status, row.verdict, row.judge_runs, row.claimed_by) == ("queued", None, 0, None)
    assert row.status_message == "Waiting for the judge" and row.results == []
    starved_core.free()
    assert judge_next_now(database) == "done"
    row = load(database, sid)
    assert (row.status, row.verdict, row.score, row.judge_runs) == ("done", "AC", 1.0, 1)
