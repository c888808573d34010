"""The submissions table as a queue, on a real SQLite database (WAL): exclusive claims, leases, stores."""

from __future__ import annotations

import multiprocessing
import threading
import time

from sqlalchemy import func, select

from assessment.db import ON_QUEUED, Database
from assessment.judging import queue
from assessment.judging.results import JudgeResult, ResultRow
from assessment.models import Submission
from assessment.models import TestResult as ResultModel
from tests.judging.helpers import ADD_ACCEPTED, add_submissions


def fake_result(worker_id: str) -> JudgeResult:
    rows = [
        ResultRow(name=f"secret/{i}", group="secret", is_sample=False, verdict="AC", time_ms=1, message=worker_id)
        for i in range(3)
    ]
    return JudgeResult("AC", 1.0, 3, 3, 1, 100, "", "", rows)


def drain(url: str, worker_id: str, claimed: list[int]) -> None:
    database = Database(url)
    try:
        while True:
            with database.new_session() as session:
                submission_id = queue.claim_next(session, worker_id, lease_s=60)
            if submission_id is None:
                return
            claimed.append(submission_id)
            with database.new_session() as session:
                assert queue.report_progress(session, submission_id, worker_id, 1, 3, 60)
                assert queue.store_result(session, submission_id, worker_id, fake_result(worker_id))
    finally:
        database.dispose()


def _drain_process(url: str, worker_id: str, out) -> None:
    claimed: list[int] = []
    drain(url, worker_id, claimed)
    out.put(claimed)


def assert_each_judged_once(database, ids):
    with database.new_session() as session:
        rows = session.scalars(select(Submission).where(Submission.id.in_(ids))).all()
        assert {r.status for r in rows} == {"done"}
        assert {r.judge_runs for r in rows} == {1}
        counts = dict(
            session.execute(select(ResultModel.submission_id, func.count()).group_by(ResultModel.submission_id)).all()
        )
        assert all(counts[i] == 3 for i in ids)
        for r in rows:  # the results are those of the worker that holds the claim
            assert {t.message for t in r.results} == {r.claimed_by}


def test_claims_are_exclusive_across_threads(database, problem):
    with database.new_session() as session:
        ids = add_submissions(session, problem, [ADD_ACCEPTED] * 60)
    claimed: dict[str, list[int]] = {"w1": [], "w2": [], "w3": []}
    threads = [threading.Thread(target=drain, args=(database.url, w, claimed[w])) for w in claimed]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    everything = [i for lst in claimed.values() for i in lst]
    assert sorted(everything) == sorted(ids), "each submission is claimed exactly once"
    assert sum(1 for lst in claimed.values() if lst) >= 2, "the work was shared"
    assert_each_judged_once(database, ids)


def test_claims_are_exclusive_across_processes(database, problem):
    with database.new_session() as session:
        ids = add_submissions(session, problem, [ADD_ACCEPTED] * 40)
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    processes = [context.Process(target=_drain_process, args=(database.url, f"p{i}", out)) for i in range(3)]
    for p in processes:
        p.start()
    results = [out.get(timeout=120) for _ in processes]
    for p in processes:
        p.join(30)
    everything = [i for lst in results for i in lst]
    assert sorted(everything) == sorted(ids)
    assert_each_judged_once(database, ids)


def test_expired_lease_is_requeued_and_the_old_worker_cannot_store(database, problem):
    with database.new_session() as session:
        (sid,) = add_submissions(session, problem, [ADD_ACCEPTED])
        assert queue.claim_next(session, "dead", lease_s=0.2) == sid
        assert queue.requeue_expired(session) == 0  # lease still valid
        time.sleep(0.4)
        assert queue.requeue_expired(session) == 1
        row = session.get(Submission, sid)
        session.refresh(row)
        assert (row.status, row.claimed_by, row.judge_runs) == ("queued", None, 1)
        assert not queue.report_progress(session, sid, "dead", 1, 3, 60)
        assert queue.claim_next(session, "alive", lease_s=60) == sid
        assert not queue.store_result(session, sid, "dead", fake_result("dead"))
        assert queue.store_result(session, sid, "alive", fake_result("alive"))
        assert not queue.store_result(session, sid, "alive", fake_result("alive")), "stored only once"
        session.refresh(row)
        assert (row.status, row.verdict, row.judge_runs, row.tests_passed) == ("done", "AC", 2, 3)
        assert [t.message for t in row.results] == ["alive"] * 3


def test_submission_that_keeps_killing_judges_ends_as_judge_error(database, problem):
    with database.new_session() as session:
        (sid,) = add_submissions(session, problem, [ADD_ACCEPTED])
        for _ in range(queue.MAX_JUDGE_RUNS):
            assert queue.claim_next(session, "dying", lease_s=0.05) == sid
            time.sleep(0.1)
            queue.requeue_expired(session)
        row = session.get(Submission, sid)
        session.refresh(row)
        assert (row.status, row.verdict) == ("done", "JE")
        assert "re-judge" in row.status_message


def test_release_puts_it_back_waiting_without_counting_a_run(database, problem):
    with database.new_session() as session:
        (sid,) = add_submissions(session, problem, [ADD_ACCEPTED])
        assert queue.claim_next(session, "w", 60) == sid
        assert queue.claim_next(session, "other", 60) is None
        assert queue.release(session, sid, "w")
        row = session.get(Submission, sid)
        session.refresh(row)
        assert (row.status, row.status_message, row.judge_runs, row.claimed_by) == (
            "queued",
            "Waiting for the judge",
            0,
            None,
        )


def test_enqueue_checks_its_input(database, problem):
    import pytest

    with database.new_session() as session:
        with pytest.raises(queue.EnqueueError):
            queue.enqueue(session, attempt=None, problem=problem, language="cobol", source="x")
        with pytest.raises(queue.EnqueueError):
            queue.enqueue(session, attempt=None, problem=problem, language="python", source="x", kind="custom")
        with pytest.raises(queue.EnqueueError):
            queue.enqueue(session, attempt=None, problem=problem, language="python", source="x" * (200 * 1024))
        sub = queue.enqueue(
            session,
            attempt=None,
            problem=problem,
            language="python",
            source="print(1)",
            kind="custom",
            custom_input="5\n",
        )
        assert (sub.status, sub.custom_input, sub.problem_version_id) == ("queued", "5\n", problem.current_version_id)


def test_committed_work_is_handed_to_the_judging_backend(app, problem):
    """The app's sessions tell its backend (here the embedded thread backend) what each commit queued, and only
    after the commit: a rolled-back submission is never announced."""
    database = app.extensions["assessment.db"]
    backend = app.extensions["assessment.judge_backend"]
    announced: list[list[int]] = []
    database.factory.kw["info"][ON_QUEUED] = announced.append
    with database.new_session() as session:
        queue.enqueue(session, attempt=None, problem=problem, language="python", source="print(1)")
        session.rollback()
        first = queue.enqueue(session, attempt=None, problem=problem, language="python", source="print(2)")
        second = queue.enqueue(session, attempt=None, problem=problem, language="python", source="print(3)")
        assert announced == []
        session.commit()
    assert announced == [[first.id, second.id]]
    database.factory.kw["info"][ON_QUEUED] = backend.submitted
    backend.wake.clear()
    with database.new_session() as session:
        queue.enqueue(session, attempt=None, problem=problem, language="python", source="print(4)")
        assert not backend.wake.is_set()
        session.commit()
    assert backend.wake.is_set(), "committing new work wakes the in-process workers"
