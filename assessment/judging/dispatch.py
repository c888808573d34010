"""Getting queued submissions to a judge. With in-process workers (the embedded default) a commit that queued work
wakes the worker threads; with the Celery backend the same commit publishes one task per new submission."""
from __future__ import annotations

from datetime import timedelta
from typing import Callable

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from ..db import Database
from ..models import Submission, utcnow

# Called after a commit with the ids of the submissions it queued.
dispatchers: list[Callable[[list[int]], None]] = []


def dispatch(submission_ids: list[int]) -> None:
    for dispatcher in list(dispatchers):
        dispatcher(submission_ids)


def use_celery(broker_url: str | None = None, database_url: str | None = None) -> None:
    """Publish judge tasks for newly queued submissions (idempotent)."""
    from .celery_app import configure, publish

    configure(broker_url, database_url)
    if publish not in dispatchers:
        dispatchers.append(publish)


def mark_dispatched(database: Database, submission_ids: list[int]) -> None:
    with database.new_session() as session:
        session.execute(update(Submission).where(Submission.id.in_(submission_ids), Submission.status == "queued")
                        .values(dispatched_at=utcnow()).execution_options(synchronize_session=False))
        session.commit()


def stale_queued(session: Session, after_s: float, limit: int = 500) -> list[int]:
    """Queued submissions with no task published recently (message lost, broker was down when they were queued)."""
    now = utcnow()
    cutoff = now - timedelta(seconds=after_s)
    ids = session.scalars(
        select(Submission.id)
        .where(Submission.status == "queued",
               or_(Submission.dispatched_at.is_(None) & (Submission.created_at < now - timedelta(seconds=2)),
                   Submission.dispatched_at < cutoff))
        .order_by(Submission.id).limit(limit)
    ).all()
    session.commit()
    return list(ids)
