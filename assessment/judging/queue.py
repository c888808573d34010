"""The submissions table is the judge queue.

A worker claims a row with a compare-and-set UPDATE (status 'queued' -> 'compiling', claimed_by, lease). Only one
UPDATE can win on SQLite (writes are serialised) and on PostgreSQL (the loser re-checks the WHERE clause after the
winner commits and matches nothing). While judging, progress writes renew the lease; a row whose lease expired
(its worker died) is put back to 'queued' by `requeue_expired`. `store_result` writes the verdict and all test
results in one transaction, and only while the row is still claimed by the same worker, so a submission that was
re-judged never ends with two sets of results.

Order (`QUEUE_ORDER`): when the judges are behind, runs on samples or custom input go first, then submissions, then
the automatic ones made at the deadline; within each, candidates take turns (each one's first waiting item before
anyone's second). `queued_ahead` counts with the same comparison on the same index, so what a candidate is told is
exactly how many the judges take first.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from sqlalchemy import Integer, Select, Update, bindparam, case, delete, event, func, or_, select, tuple_, update
from sqlalchemy.orm import Session

from sandbox.languages import LANGUAGES

from ..db import ON_QUEUED, Database, rowcount
from ..enums import ACTIVE_STATUSES, SubmissionKind, SubmissionStatus, Verdict
from ..models import Attempt, Problem, ProblemVersion, Submission, TestResult, table_of, utcnow
from .results import JudgeResult

log = logging.getLogger("assessment.judging")

ACTIVE = ACTIVE_STATUSES
WAITING_MESSAGE = "Waiting for the judge"
REQUEUED_MESSAGE = "Re-queued: the judge working on it stopped responding"
MAX_JUDGE_RUNS = 3
CLAIM_BATCH = 8


def _claim_values(worker_id: str, lease_s: float) -> dict[str, Any]:
    now = utcnow()
    return dict(
        status=SubmissionStatus.COMPILING,
        claimed_by=worker_id,
        lease_expires_at=now + timedelta(seconds=lease_s),
        started_at=now,
        status_message="",
        progress_done=0,
        progress_total=0,
        judge_runs=Submission.judge_runs + 1,
    )


def _try_claim(session: Session, submission_id: int, worker_id: str, lease_s: float) -> bool:
    result = session.execute(
        update(Submission)
        .where(Submission.id == submission_id, Submission.status == SubmissionStatus.QUEUED)
        .values(**_claim_values(worker_id, lease_s))
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return rowcount(result) == 1


# The queue's order, one index (`ix_submissions_queue`: status, queue_class, queue_round, id). Runs on samples or
# custom input come first, then submissions, then automatic deadline submissions (`SubmissionKind.queue_class`).
# Within a class, candidates take turns: an item's round is fixed when it is queued (`next_round`), so each candidate's
# first waiting item is judged before anyone's second, a burst of one candidate waits behind everyone else's next item,
# and a candidate who arrives later joins the current round. Ties go first come, first served (id).
QUEUE_ORDER = (Submission.queue_class, Submission.queue_round, Submission.id)


def claim_next(session: Session, worker_id: str, lease_s: float = 60.0) -> int | None:
    """Claim the first queued submission in the queue's order; returns its id, or None if the queue is empty."""
    while True:
        ids = session.scalars(
            select(Submission.id)
            .where(Submission.status == SubmissionStatus.QUEUED)
            .order_by(*QUEUE_ORDER)
            .limit(CLAIM_BATCH)
        ).all()
        session.commit()  # end the read before writing (SQLite: no stale read snapshot upgraded to a write)
        if not ids:
            return None
        for submission_id in ids:
            if _try_claim(session, submission_id, worker_id, lease_s):
                return submission_id
        # every candidate was taken by someone else meanwhile: look again


# Built once: every waiting candidate's page asks for its place in the queue (at the status poll's pace).
_AHEAD_BY_CLASS = (
    select(Submission.queue_class, func.count(Submission.id))
    .where(
        (Submission.status == SubmissionStatus.QUEUED)
        & (
            tuple_(*QUEUE_ORDER)
            < tuple_(*(bindparam(name, type_=Integer) for name in ("queue_class", "queue_round", "id")))
        )
    )
    .group_by(Submission.queue_class)
)


def queued_ahead_by_class(session: Session, submission: Submission) -> dict[int, int]:
    """How many queued submissions of each queue class a worker will take before this one: exactly those that come
    before it in `claim_next`'s order (the same index and the same comparison)."""
    position = {"queue_class": int(submission.queue_class), "queue_round": submission.queue_round, "id": submission.id}
    rows = session.execute(_AHEAD_BY_CLASS, position).all()
    return {int(queue_class): int(count) for queue_class, count in rows}


def queued_ahead(session: Session, submission: Submission) -> int:
    """How many queued submissions a worker will take before this one (the order of `claim_next`)."""
    return sum(queued_ahead_by_class(session, submission).values())


def _round_statements() -> tuple[Select[int], Select[int, int | None]]:
    """next_round's two statements, built once (a submission or run asks at every queueing): the queue's current round
    in a class, and that with this candidate's last waiting or running item of the class beside it."""
    queue_class = bindparam("queue_class", type_=Integer)
    waiting = (Submission.status == SubmissionStatus.QUEUED) & (Submission.queue_class == queue_class)
    running = Submission.status.in_(ACTIVE) & (Submission.queue_class == queue_class)
    current = func.coalesce(
        select(func.min(Submission.queue_round)).where(waiting).scalar_subquery(),
        select(func.max(Submission.queue_round)).where(running).scalar_subquery(),
        0,
    )
    own_last = (
        select(func.max(Submission.queue_round))
        .where(
            Submission.attempt_id == bindparam("attempt_id", type_=Integer),
            Submission.queue_class == queue_class,
            Submission.status != SubmissionStatus.DONE,
        )
        .scalar_subquery()
    )
    return select(current), select(current, own_last)


_ROUND_NOW, _ROUND_FOR_ATTEMPT = _round_statements()


def next_round(session: Session, attempt_id: int | None, queue_class: int) -> int:
    """The round of a newly queued item: the queue's current round in its class (the round of the first waiting
    item; when none waits, of the items being judged), or one past this candidate's last waiting or running item
    of that class, whichever is later. One query, on the queue's index and the attempt's."""
    if attempt_id is None:
        return int(session.scalar(_ROUND_NOW, {"queue_class": queue_class}) or 0)
    row = session.execute(_ROUND_FOR_ATTEMPT, {"queue_class": queue_class, "attempt_id": attempt_id}).one()
    now_round, last = int(row[0] or 0), row[1]
    return now_round if last is None else max(now_round, int(last) + 1)


def renew_lease(session: Session, submission_id: int, worker_id: str, lease_s: float) -> bool:
    result = session.execute(
        update(Submission)
        .where(Submission.id == submission_id, Submission.claimed_by == worker_id, Submission.status.in_(ACTIVE))
        .values(lease_expires_at=utcnow() + timedelta(seconds=lease_s))
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return rowcount(result) == 1


def report_progress(
    session: Session,
    submission_id: int,
    worker_id: str,
    done: int,
    total: int,
    lease_s: float,
    status: SubmissionStatus = SubmissionStatus.RUNNING,
) -> bool:
    """'test done of total'; also renews the lease. False when the claim was lost."""
    result = session.execute(
        update(Submission)
        .where(Submission.id == submission_id, Submission.claimed_by == worker_id, Submission.status.in_(ACTIVE))
        .values(
            status=status,
            progress_done=done,
            progress_total=total,
            lease_expires_at=utcnow() + timedelta(seconds=lease_s),
        )
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return rowcount(result) == 1


def release(session: Session, submission_id: int, worker_id: str, message: str = WAITING_MESSAGE) -> bool:
    """Give a claimed submission back to the queue without counting it as a judge run (the sandbox is unavailable)."""
    result = session.execute(
        update(Submission)
        .where(Submission.id == submission_id, Submission.claimed_by == worker_id, Submission.status.in_(ACTIVE))
        .values(
            status=SubmissionStatus.QUEUED,
            claimed_by=None,
            lease_expires_at=None,
            status_message=message[:300],
            progress_done=0,
            progress_total=0,
            started_at=None,
            judge_runs=case((Submission.judge_runs > 0, Submission.judge_runs - 1), else_=0),
        )
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return rowcount(result) == 1


def requeue_expired(session: Session, max_runs: int = MAX_JUDGE_RUNS) -> int:
    """Put back to 'queued' the claimed rows whose lease expired (judge_runs is kept). A submission that already
    took `max_runs` judges down with it is closed as a judge error instead. Returns how many rows were re-queued."""
    now = utcnow()
    expired = (
        Submission.status.in_(ACTIVE),
        Submission.lease_expires_at.is_not(None),
        Submission.lease_expires_at < now,
    )
    given_up = rowcount(
        session.execute(
            update(Submission)
            .where(*expired, Submission.judge_runs >= max_runs)
            .values(
                status=SubmissionStatus.DONE,
                verdict=Verdict.JE,
                score=None,
                finished_at=now,
                lease_expires_at=None,
                status_message=f"The judge stopped {max_runs} times while judging this submission; an administrator "
                "can re-judge it.",
            )
            .execution_options(synchronize_session=False)
        )
    )
    requeued = rowcount(
        session.execute(
            update(Submission)
            .where(*expired)
            .values(
                status=SubmissionStatus.QUEUED,
                claimed_by=None,
                lease_expires_at=None,
                status_message=REQUEUED_MESSAGE,
                progress_done=0,
                progress_total=0,
                dispatched_at=None,
            )  # dispatched_at: publish again at once
            .execution_options(synchronize_session=False)
        )
    )
    session.commit()
    if given_up:
        log.error("closed %d submission(s) as JE after %d judge runs each", given_up, max_runs)
    if requeued:
        log.warning("re-queued %d submission(s) whose judge stopped responding", requeued)
    return requeued


def store_result(session: Session, submission_id: int, worker_id: str, result: JudgeResult) -> bool:
    """Write the verdict and every test result in one transaction, only if the row is still claimed by `worker_id`.
    Returns False (and writes nothing) when the claim was lost."""
    try:
        updated = rowcount(
            session.execute(
                update(Submission)
                .where(
                    Submission.id == submission_id, Submission.claimed_by == worker_id, Submission.status.in_(ACTIVE)
                )
                .values(
                    status=SubmissionStatus.DONE,
                    verdict=result.verdict,
                    score=result.score,
                    tests_passed=result.tests_passed,
                    tests_total=result.tests_total,
                    max_time_ms=result.max_time_ms,
                    max_memory_kb=result.max_memory_kb,
                    compile_output=result.compile_output,
                    status_message=(result.message or "")[:300],
                    points=result.points,
                    max_points=result.max_points,
                    group_points=[g.as_dict() for g in result.groups] or None,
                    finished_at=utcnow(),
                    lease_expires_at=None,
                    progress_done=len(result.rows),
                    progress_total=max(len(result.rows), 0),
                )
                .execution_options(synchronize_session=False)
            )
        )
        if updated != 1:
            session.rollback()
            log.warning("submission %s is no longer claimed by %s; its result was dropped", submission_id, worker_id)
            return False
        session.execute(
            delete(TestResult)
            .where(TestResult.submission_id == submission_id)
            .execution_options(synchronize_session=False)
        )
        session.add_all(
            TestResult(
                submission_id=submission_id,
                ordinal=i,
                name=row.name[:200],
                group=row.group[:200],
                is_sample=row.is_sample,
                verdict=row.verdict,
                time_ms=row.time_ms,
                wall_ms=row.wall_ms,
                memory_kb=row.memory_kb,
                message=row.message,
                output=row.output,
                score=row.score,
                passes=[p.as_dict() for p in row.passes] or None,
            )
            for i, row in enumerate(result.rows)
        )
        session.commit()
        return True
    except Exception:
        session.rollback()
        raise


def _dispatched_statement() -> Update:
    table = table_of(Submission)
    return (
        update(table)
        .where(table.c.id.in_(bindparam("ids", expanding=True)), table.c.status == SubmissionStatus.QUEUED)
        .values(dispatched_at=bindparam("at"))
    )


_MARK_DISPATCHED = _dispatched_statement()  # built once: every submission and run is marked as it is published


def mark_dispatched(database: Database, submission_ids: list[int]) -> None:
    """Record that a task was published for these submissions (Celery backend): one UPDATE, atomic by itself, sent
    in autocommit (no BEGIN and COMMIT round trips of a transaction around it)."""
    with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(_MARK_DISPATCHED, {"ids": submission_ids, "at": utcnow()})


def stale_queued(session: Session, after_s: float, limit: int = 500) -> list[int]:
    """Queued submissions with no task published recently (message lost, broker was down when they were queued)."""
    now = utcnow()
    cutoff = now - timedelta(seconds=after_s)
    ids = session.scalars(
        select(Submission.id)
        .where(
            Submission.status == SubmissionStatus.QUEUED,
            or_(
                Submission.dispatched_at.is_(None) & (Submission.created_at < now - timedelta(seconds=2)),
                Submission.dispatched_at < cutoff,
            ),
        )
        .order_by(Submission.id)
        .limit(limit)
    ).all()
    session.commit()
    return list(ids)


def rejudge(session: Session, submission_id: int) -> None:
    """Put a finished submission back in the queue (its old results are replaced when the new ones are stored); it
    takes its turn like a newly queued item of its candidate."""
    row = session.execute(
        select(Submission.attempt_id, Submission.queue_class).where(Submission.id == submission_id)
    ).one_or_none()
    if row is None:
        return
    queue_round = next_round(session, row.attempt_id, row.queue_class)
    session.execute(
        update(Submission)
        .where(Submission.id == submission_id)
        .values(
            status=SubmissionStatus.QUEUED,
            queue_round=queue_round,
            claimed_by=None,
            lease_expires_at=None,
            status_message="",
            verdict=None,
            score=None,
            points=None,
            max_points=None,
            group_points=None,
            progress_done=0,
            progress_total=0,
            judge_runs=0,
        )
        .execution_options(synchronize_session=False)
    )
    session.commit()


# --- adding work -------------------------------------------------------------------------------------------------

MAX_SOURCE_BYTES = 128 * 1024
MAX_CUSTOM_INPUT_BYTES = 1024 * 1024
LANGUAGE_IDS = tuple(LANGUAGES)  # the sandbox's table of languages

_QUEUED_KEY = "assessment.queued"


@event.listens_for(Session, "after_commit")
def _tell_backend(session: Session) -> None:
    """After a commit that queued work, hand the new ids to the judging backend the session was made with
    (assessment.db.ON_QUEUED): it wakes in-process workers or publishes tasks. Sessions without a backend (tools,
    tests) only leave the rows queued; workers find them on their next poll."""
    queued = session.info.pop(_QUEUED_KEY, None)
    on_queued = session.info.get(ON_QUEUED)
    if not queued or on_queued is None:
        return
    try:
        on_queued(list(queued))
    except Exception:  # the Celery sweeper republishes what could not be sent; thread workers poll anyway
        log.warning("handing submissions %s to the judging backend failed", queued, exc_info=True)


@event.listens_for(Session, "after_rollback")
def _forget_queued(session: Session) -> None:
    session.info.pop(_QUEUED_KEY, None)


class EnqueueError(ValueError):
    """The submission cannot be queued; the message says why (shown to the candidate)."""


def enqueue(
    session: Session,
    *,
    attempt: Attempt | None,
    problem: Problem,
    language: str,
    source: str,
    kind: str = SubmissionKind.SUBMIT,
    custom_input: str | None = None,
    problem_version: ProblemVersion | None = None,
) -> Submission:
    """Create a queued Submission for the problem's current version (or `problem_version`). The caller commits;
    in-process judge workers wake up when that commit happens."""
    try:
        submission_kind = SubmissionKind(kind)
    except ValueError:
        raise EnqueueError(f"Unknown submission kind {kind!r}.") from None
    if language not in LANGUAGE_IDS:
        raise EnqueueError(f"Unknown language {language!r}; use one of {', '.join(LANGUAGE_IDS)}.")
    if len(source.encode("utf-8")) > MAX_SOURCE_BYTES:
        raise EnqueueError(f"The source is larger than {MAX_SOURCE_BYTES // 1024} KB.")
    if not source.strip():
        raise EnqueueError("The source is empty.")
    if submission_kind == SubmissionKind.CUSTOM:
        if custom_input is None:
            raise EnqueueError("A custom run needs an input.")
        if len(custom_input.encode("utf-8")) > MAX_CUSTOM_INPUT_BYTES:
            raise EnqueueError(f"The custom input is larger than {MAX_CUSTOM_INPUT_BYTES // 1024} KB.")
    else:
        custom_input = None
    if problem_version is None and problem.current_version_id is not None:
        problem_version = session.get(ProblemVersion, problem.current_version_id)
    version = problem_version
    if version is None:
        raise EnqueueError("This problem has no published version.")
    attempt_id = attempt.id if attempt is not None else None
    submission = Submission(
        attempt_id=attempt_id,
        problem_id=problem.id,
        problem_version_id=version.id,
        language=language,
        source=source,
        kind=submission_kind,
        custom_input=custom_input,
        queue_class=submission_kind.queue_class,
        queue_round=next_round(session, attempt_id, submission_kind.queue_class),
        status=SubmissionStatus.QUEUED,
        status_message="",
        progress_done=0,
        progress_total=0,
        judge_runs=0,
        compile_output="",
    )
    session.add(submission)
    session.flush()
    session.info.setdefault(_QUEUED_KEY, []).append(submission.id)
    return submission
