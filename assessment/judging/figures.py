"""The judge's figures for monitoring, read from the submissions table at the moment they are asked for.

Judges may be threads of the web process or Celery workers on other hosts; every one of them writes its claims and
verdicts to the submissions table, so that table is where all of them are seen at once, whichever web process
answers. A few indexed aggregates (the queue's index for what waits and runs, the whole table for the verdict
counts), cached for a few seconds per process so that several scrapers cost no more."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..enums import ACTIVE_STATUSES, SubmissionKind, SubmissionStatus
from ..models import Submission, utcnow
from .estimate import JudgeRate, forget_recent_rate, recent_rate

CACHE_S = 5.0


@dataclass(frozen=True)
class JudgeFigures:
    queued: dict[str, int] = field(default_factory=dict)  # by kind
    oldest_queued_seconds: dict[str, float] = field(default_factory=dict)  # by kind
    judging: int = 0
    verdicts: dict[tuple[str, str], int] = field(default_factory=dict)  # (kind, verdict) -> submissions judged
    rate: JudgeRate = field(default_factory=JudgeRate)


def read_figures(session: Session, now: datetime | None = None) -> JudgeFigures:
    now = now or utcnow()
    queued: dict[str, int] = {kind.value: 0 for kind in SubmissionKind}
    oldest: dict[str, float] = {}
    for kind, count, first in session.execute(
        select(Submission.kind, func.count(Submission.id), func.min(Submission.created_at))
        .where(Submission.status == SubmissionStatus.QUEUED)
        .group_by(Submission.kind)
    ).all():
        queued[str(kind)] = int(count)
        if first is not None:
            oldest[str(kind)] = max(0.0, (now - first).total_seconds())
    judging = session.scalar(select(func.count(Submission.id)).where(Submission.status.in_(ACTIVE_STATUSES))) or 0
    verdicts = {
        (str(kind), str(verdict)): int(count)
        for kind, verdict, count in session.execute(
            select(Submission.kind, Submission.verdict, func.count(Submission.id))
            .where(Submission.status == SubmissionStatus.DONE, Submission.verdict.is_not(None))
            .group_by(Submission.kind, Submission.verdict)
        ).all()
    }
    return JudgeFigures(queued, oldest, int(judging), verdicts, recent_rate(session))


class _Cache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[object, tuple[float, JudgeFigures]] = {}

    def get(self, session: Session) -> JudgeFigures:
        key = session.get_bind().engine.url
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and time.monotonic() - hit[0] < CACHE_S:
                return hit[1]
        figures = read_figures(session)
        with self._lock:
            self._items[key] = (time.monotonic(), figures)
        return figures

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_cache = _Cache()


def judge_figures(session: Session) -> JudgeFigures:
    """`read_figures`, cached for a few seconds per process and database."""
    return _cache.get(session)


def forget_judge_figures() -> None:
    """Drop the cached figures (tests that change the queue and ask again at once)."""
    _cache.clear()
    forget_recent_rate()
