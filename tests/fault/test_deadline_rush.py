"""Three hundred tests ending in the same second: every candidate's saved code is submitted automatically once,
judged once, and counted once, with several finalisers racing (one per web process) and the judges far behind.

Runs the scaled setup (real PostgreSQL, Redis and Celery worker processes) and the embedded default (SQLite, judge
threads). The problem is trivial (one sample, one hidden test, Python) so that the judging itself stays short."""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from assessment.attempts.finalize import finalize_due_attempts
from assessment.models import Attempt, AuditEntry, CodeDraft, Position, Submission, TestResult, utcnow
from assessment.selection.board import board_rows
from tests.fault.conftest import wait_for
from tests.judging.helpers import ADD_ACCEPTED, ADD_WRONG, add_attempts, add_problem, write_package

CANDIDATES = 300
FINALISERS = 3  # web processes, each running the deadline finaliser at the same moment


def _rush(app, tmp_path) -> dict[int, str]:
    """CANDIDATES attempts whose time ran out a minute ago, each with saved code (every third one wrong). Returns
    the expected verdict per attempt."""
    database = app.extensions["assessment.db"]
    with database.new_session() as s:
        problem = add_problem(s, write_package(tmp_path / "packages", secret=1))
        attempts = add_attempts(s, problem, CANDIDATES, deadline_in_s=-60, prefix="rush")
        now = utcnow()
        expected = {}
        for i, attempt_id in enumerate(attempts):
            wrong = i % 3 == 2
            s.add(
                CodeDraft(
                    attempt_id=attempt_id,
                    problem_id=problem.id,
                    language="python",
                    source=(ADD_WRONG if wrong else ADD_ACCEPTED) + f"# candidate {i}\n",
                    revision=1,
                    updated_at=now,
                )
            )
            expected[attempt_id] = "WA" if wrong else "AC"
        s.commit()
    return expected


def _finalise_at_once(app) -> list[int]:
    """FINALISERS passes of the deadline finaliser started together, as every web process runs one."""
    database = app.extensions["assessment.db"]
    settings = app.extensions["assessment.settings"]
    start = threading.Barrier(FINALISERS)
    finalised: list[list[int]] = [[] for _ in range(FINALISERS)]

    def one(index: int) -> None:
        start.wait()
        with database.new_session() as session:
            finalised[index] = finalize_due_attempts(session, settings=settings)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(FINALISERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    return [attempt_id for done in finalised for attempt_id in done]


def _all_judged(database) -> bool:
    with database.new_session() as s:
        waiting = s.scalar(select(func.count()).select_from(Submission).where(Submission.status != "done"))
        total = s.scalar(select(func.count()).select_from(Submission))
        return total == CANDIDATES and waiting == 0


def _check_each_judged_and_counted_once(app, expected: dict[int, str], finalised: list[int]) -> None:
    database = app.extensions["assessment.db"]
    assert sorted(finalised) == sorted(expected), "every attempt finalised exactly once across the finalisers"
    with database.new_session() as s:
        rows = s.scalars(select(Submission).order_by(Submission.id)).all()
        assert Counter(r.attempt_id for r in rows) == Counter(dict.fromkeys(expected, 1)), "one auto-submission each"
        assert {(r.kind, r.status, r.judge_runs) for r in rows} == {("auto", "done", 1)}, "judged once each"
        results = dict(
            s.execute(select(TestResult.submission_id, func.count()).group_by(TestResult.submission_id)).all()
        )
        assert all(results[r.id] == 2 for r in rows), "exactly one set of results (1 sample + 1 hidden test)"
        assert {r.attempt_id: r.verdict for r in rows} == expected
        assert all(a.finalized_at is not None for a in s.scalars(select(Attempt)).all())
        position = s.scalars(select(Position)).one()
        board = {row.application_id: row.coding_score for row in board_rows(s, position)}
        by_application = dict(s.execute(select(Attempt.id, Attempt.application_id)).all())
        assert board == {by_application[a]: (100.0 if v == "AC" else 0.0) for a, v in expected.items()}, (
            "the board counts each candidate's one judged submission"
        )
        audits = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "attempt.finalized"))
        assert audits == CANDIDATES


def test_300_deadlines_at_once_on_the_scaled_setup(require_docker, scale_app, scale_env, workers, tmp_path):
    expected = _rush(scale_app, tmp_path)
    env = dict(scale_env, ASSESSMENT_JUDGE_LEASE_SECONDS="60")
    for name in ("judge-a", "judge-b"):  # two judge hosts
        workers(name, env=env)
    started = time.monotonic()
    finalised = _finalise_at_once(scale_app)
    database = scale_app.extensions["assessment.db"]
    wait_for(lambda: _all_judged(database), 600, interval=1.0, what=f"{CANDIDATES} auto-submissions judged")
    print(f"scaled: {CANDIDATES} judged in {time.monotonic() - started:.0f} s")
    _check_each_judged_and_counted_once(scale_app, expected, finalised)


@pytest.fixture
def embedded_app(tmp_path, monkeypatch):
    from assessment import create_app
    from assessment.config import Settings

    instance = tmp_path / "instance"
    settings = Settings.from_env(
        instance_path=instance,
        database_url=f"sqlite:///{instance / 'rush.sqlite'}",
        secret_key="deadline-rush-" + "0" * 32,
        snapshot_dir=instance / "snapshots",
        cv_dir=instance / "cvs",
        outbox_dir=instance / "outbox",
        judge_backend="threads",
        judge_workers=2,
        rate_limit_storage="memory://",
    )
    app = create_app(settings, start_workers=False)
    yield app
    from assessment.judging.service import stop_judge_service

    stop_judge_service(app)
    app.extensions["assessment.db"].dispose()


def test_300_deadlines_at_once_on_the_embedded_default(require_docker, embedded_app, tmp_path):
    from assessment.judging.service import start_judge_service

    expected = _rush(embedded_app, tmp_path)
    start_judge_service(embedded_app)
    started = time.monotonic()
    finalised = _finalise_at_once(embedded_app)
    database = embedded_app.extensions["assessment.db"]
    wait_for(lambda: _all_judged(database), 600, interval=1.0, what=f"{CANDIDATES} auto-submissions judged")
    print(f"embedded: {CANDIDATES} judged in {time.monotonic() - started:.0f} s")
    _check_each_judged_and_counted_once(embedded_app, expected, finalised)
