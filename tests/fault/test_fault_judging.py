"""Nothing lost, nothing stuck, nothing judged twice: the scaled setup (PostgreSQL, Redis, Celery workers, Docker)
survives a worker killed mid-judging, broker and database restarts, and the Docker engine going away."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from assessment.models import Submission, TestResult
from tests.fault.conftest import wait_for
from tests.fault.docker_proxy import DockerProxy
from tests.judging.helpers import ADD_ACCEPTED, ADD_SLOW, add_problem, add_submissions, write_package


def _status(database, submission_id):
    with database.new_session() as s:
        row = s.get(Submission, submission_id)
        return row.status, row.status_message, row.claimed_by, row.progress_done, row.verdict


def _done(database, submission_id):
    return _status(database, submission_id)[0] == "done"


def _result_rows(database, submission_id) -> int:
    with database.new_session() as s:
        return s.scalar(select(func.count()).select_from(TestResult).where(TestResult.submission_id == submission_id))


def _problem(app, tmp_path, secret=4):
    database = app.extensions["assessment.db"]
    package = write_package(tmp_path / "packages", secret=secret)
    with database.new_session() as session:
        return database, add_problem(session, package)


def test_fault_worker_sigkilled_mid_judging_is_rejudged_once(require_docker, scale_app, workers, tmp_path):
    database, problem = _problem(scale_app, tmp_path, secret=8)
    first = workers("first")
    with database.new_session() as session:
        (submission_id,) = add_submissions(session, problem, [ADD_SLOW])
    claimed_by = wait_for(
        lambda: (lambda st: st[2] if st[0] == "running" and st[3] >= 2 else None)(_status(database, submission_id)),
        90,
        what="the first worker to be judging",
    )
    first.kill()
    assert _status(database, submission_id)[0] in ("compiling", "running")
    workers("second")
    wait_for(lambda: _done(database, submission_id), 120, what="the submission to be judged again")
    *_, verdict = _status(database, submission_id)
    with database.new_session() as s:
        row = s.get(Submission, submission_id)
        assert row.judge_runs == 2 and row.claimed_by != claimed_by
    assert verdict == "AC"
    assert _result_rows(database, submission_id) == 9  # 1 sample + 8 secret: exactly one set of results
    time.sleep(2)  # a late duplicate delivery must not add or change anything
    assert _result_rows(database, submission_id) == 9 and _status(database, submission_id)[4] == "AC"


def test_fault_broker_restart_submissions_wait_and_resume(require_docker, scale_app, workers, redis_server, tmp_path):
    database, problem = _problem(scale_app, tmp_path)
    workers("steady")
    redis_server.stop()
    with database.new_session() as session:  # the web process cannot publish: the row is queued all the same
        (submission_id,) = add_submissions(session, problem, [ADD_ACCEPTED])
    time.sleep(3)
    assert _status(database, submission_id)[0] == "queued"
    with database.new_session() as s:  # publishing failed: not marked as handed over, so the sweeper publishes it
        assert s.get(Submission, submission_id).dispatched_at is None
    redis_server.start()
    wait_for(lambda: _done(database, submission_id), 90, what="judging after the broker came back")
    assert _status(database, submission_id)[4] == "AC"
    assert _result_rows(database, submission_id) == 5


def test_fault_database_restart_submissions_wait_and_resume(require_docker, scale_app, workers, postgres, tmp_path):
    database, problem = _problem(scale_app, tmp_path, secret=6)
    workers("steady")
    with database.new_session() as session:
        ids = add_submissions(session, problem, [ADD_SLOW, ADD_ACCEPTED])
    wait_for(lambda: _status(database, ids[0])[0] in ("compiling", "running"), 60, what="judging to start")
    postgres.stop("fast")
    time.sleep(4)
    postgres.start()
    database.engine.dispose()
    for submission_id in ids:
        wait_for(
            lambda sid=submission_id: _done(database, sid),
            150,
            interval=0.5,
            what=f"submission {submission_id} after the database restart",
        )
    verdicts = [_status(database, i)[4] for i in ids]
    assert verdicts == ["AC", "AC"]
    assert [_result_rows(database, i) for i in ids] == [7, 7]  # 1 sample + 6 secret each, one set only


def test_fault_docker_unavailable_waits_for_the_judge(require_docker, scale_app, workers, scale_env, tmp_path):
    database, problem = _problem(scale_app, tmp_path)
    proxy = DockerProxy(str(tmp_path / "docker.sock"))
    env = dict(scale_env, DOCKER_HOST=proxy.url)
    workers("no-engine", env=env)  # the engine is unreachable for this worker until the proxy starts
    with database.new_session() as session:
        (submission_id,) = add_submissions(session, problem, [ADD_ACCEPTED])
    wait_for(
        lambda: _status(database, submission_id)[1] == "Waiting for the judge",
        60,
        what='the "Waiting for the judge" state',
    )
    assert _status(database, submission_id)[0] == "queued"
    time.sleep(2)
    assert _status(database, submission_id)[0] == "queued"  # still waiting, not failed
    proxy.start()
    try:
        wait_for(lambda: _done(database, submission_id), 120, what="judging once the engine is back")
    finally:
        proxy.stop()
    assert _status(database, submission_id)[4] == "AC"
    assert _result_rows(database, submission_id) == 5
