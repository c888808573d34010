"""Fair under pressure: the judge queue's order on SQLite and on a real PostgreSQL server.

Runs on samples come before submissions, submissions before the automatic ones made at the deadline; within a class
candidates take turns, so one candidate's burst waits behind everyone else's next item. What a waiting candidate is
told ("n ahead") is exactly how many the judges claim before their item, and both walk one index."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select, text

from assessment.judging import queue
from assessment.models import Submission
from tests.conftest import postgres_database
from tests.judging.helpers import add_attempts, add_problem, enqueue_for, queue_mixed_rush, write_package

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def settings(tmp_path, request, backend):
    from assessment.config import Settings

    instance = tmp_path / "instance"
    url = (
        f"sqlite:///{instance / 'test.sqlite'}"
        if backend == "sqlite"
        else postgres_database(request.getfixturevalue("postgres_server"), "fairness")
    )
    return Settings.from_env(
        instance_path=instance,
        database_url=url,
        secret_key="test-secret-key-" + "0" * 32,
        cv_dir=instance / "cvs",
        outbox_dir=instance / "outbox",
        snapshot_dir=instance / "snapshots",
        rate_limit_storage="memory://",
        extra={"TESTING": True},
    )


@pytest.fixture
def database(app):
    return app.extensions["assessment.db"]


@pytest.fixture
def problem(database, tmp_path):
    with database.new_session() as session:
        return add_problem(session, write_package(tmp_path / "packages"))


def ahead_of_every_queued(session) -> dict[int, int]:
    rows = session.scalars(select(Submission).where(Submission.status == "queued")).all()
    ahead = {row.id: queue.queued_ahead(session, row) for row in rows}
    session.commit()
    return ahead


def claim_all(session) -> list[int]:
    order = []
    while (claimed := queue.claim_next(session, "w", lease_s=60)) is not None:
        order.append(claimed)
    return order


def test_runs_first_then_candidates_take_turns_and_what_they_are_told_is_the_claim_order(database, problem):
    with database.new_session() as s:
        expected = queue_mixed_rush(s, problem)
        told = ahead_of_every_queued(s)
        assert [told[i] for i in expected] == list(range(len(expected)))
        assert claim_all(s) == expected


def test_a_candidate_arriving_later_joins_the_current_round(database, problem):
    with database.new_session() as s:
        a, b = add_attempts(s, problem, 2)
        first, second, third = (enqueue_for(s, problem, a) for _ in range(3))
        assert queue.claim_next(s, "w", lease_s=60) == first
        late = enqueue_for(s, problem, b)
        assert ahead_of_every_queued(s) == {second: 0, late: 1, third: 2}
        assert claim_all(s) == [second, late, third]


def test_a_requeued_submission_keeps_its_place_ahead_of_newer_ones(database, problem):
    with database.new_session() as s:
        a, b, c = add_attempts(s, problem, 3)
        first = enqueue_for(s, problem, a)
        assert queue.claim_next(s, "w", lease_s=60) == first
        newer = [enqueue_for(s, problem, b), enqueue_for(s, problem, c)]
        assert queue.release(s, first, "w")  # the sandbox was unavailable: back to the queue
        assert claim_all(s) == [first, *newer]


def test_what_candidates_are_told_matches_the_claims_under_random_arrivals(database, problem):
    rng = random.Random(15)
    with database.new_session() as s:
        attempts = [*add_attempts(s, problem, 6), None]  # None: queued by a tool, not by a candidate
        for _ in range(50):
            if rng.random() < 0.7:
                enqueue_for(s, problem, rng.choice(attempts), kind=rng.choice(["samples", "custom", "submit", "auto"]))
                continue
            told = ahead_of_every_queued(s)
            if not told:
                continue
            assert sorted(told.values()) == list(range(len(told)))
            first = next(i for i, n in told.items() if n == 0)
            claimed = queue.claim_next(s, "w", lease_s=60)
            assert claimed == first
            if rng.random() < 0.3:  # sometimes the judge gives it back (sandbox down) or finishes it
                queue.release(s, claimed, "w")
            else:
                s.execute(text("UPDATE submissions SET status = 'done', verdict = 'AC' WHERE id = :i"), {"i": claimed})
                s.commit()
        told = ahead_of_every_queued(s)
        assert claim_all(s) == sorted(told, key=told.__getitem__)


def _plan(session, statement) -> str:
    compiled = statement.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
    if session.get_bind().dialect.name == "sqlite":
        return "\n".join(str(row[-1]) for row in session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    session.execute(text("SET LOCAL enable_seqscan = off"))  # a tiny table: ask which index would serve it
    return "\n".join(str(row[0]) for row in session.execute(text(f"EXPLAIN {compiled}")))


def test_claims_and_queue_positions_walk_one_index_without_sorting(database, problem):

    with database.new_session() as s:
        (a,) = add_attempts(s, problem, 1)
        mine = s.get(Submission, enqueue_for(s, problem, a))
        claim = (
            select(Submission.id)
            .where(Submission.status == "queued")
            .order_by(*queue.QUEUE_ORDER)
            .limit(queue.CLAIM_BATCH)
        )
        ahead = queue._AHEAD_BY_CLASS.params(  # the query every status poll of a waiting submission runs
            queue_class=int(mine.queue_class), queue_round=mine.queue_round, id=mine.id
        )
        for statement in (claim, ahead):
            plan = _plan(s, statement)
            assert "ix_submissions_queue" in plan, plan
            assert "TEMP B-TREE" not in plan.upper() and "Sort" not in plan, plan
        s.rollback()
