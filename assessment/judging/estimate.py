"""How fast the judges are working, measured from the queue itself, and what that means for a waiting submission.

Everything comes from the submissions table, the one record every judge writes whichever backend or host it runs on:
the submissions finished in the last minutes (how long each took, by queue class) and how many are being judged right
now (while submissions wait, that is how many judges there are). A waiting submission's estimate is the judge time of
everything ahead of it, class by class, shared by the judges at work, plus its own. Nothing here is a constant: with
no recent verdicts, or no judge at work, there is no estimate.

The figures are cached per process for a few seconds: every waiting candidate's page asks for its position, and the
estimate moves slowly.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..enums import ACTIVE_STATUSES
from ..models import Submission, utcnow

WINDOW_S = 600.0  # verdicts of the last ten minutes ...
SAMPLE = 400  # ... at most this many of the latest
CACHE_S = 5.0


@dataclass(frozen=True)
class JudgeRate:
    """Recent judging, measured: verdicts in the window, their mean judge time per queue class, judges at work."""

    judged: int = 0
    window_s: float = 0.0
    seconds_by_class: dict[int, float] = field(default_factory=dict)
    mean_seconds: float | None = None
    judging_now: int = 0

    @property
    def per_minute(self) -> float:
        return 60.0 * self.judged / self.window_s if self.window_s > 0 else 0.0

    def seconds_for(self, queue_class: int) -> float | None:
        return self.seconds_by_class.get(queue_class, self.mean_seconds)

    def wait_seconds(self, ahead_by_class: dict[int, int], own_class: int) -> float | None:
        """Until a verdict: the judge time of everything ahead, shared by the judges at work, plus this one's own.
        None without recent verdicts or without a judge at work (the page then says it is waiting for the judge)."""
        own = self.seconds_for(own_class)
        if own is None or self.judging_now < 1:
            return None
        work = sum(count * (self.seconds_for(queue_class) or own) for queue_class, count in ahead_by_class.items())
        return work / self.judging_now + own


def measure(session: Session, now: datetime | None = None) -> JudgeRate:
    """Recent judging from the database (two indexed queries: finished_at and the queue's index)."""
    now = now or utcnow()
    since = now - timedelta(seconds=WINDOW_S)
    rows: list[tuple[int, datetime, datetime]] = [
        (int(queue_class), started_at, finished_at)
        for queue_class, started_at, finished_at in session.execute(
            select(Submission.queue_class, Submission.started_at, Submission.finished_at)
            .where(Submission.finished_at >= since, Submission.started_at.is_not(None))
            .order_by(Submission.finished_at.desc())
            .limit(SAMPLE)
        ).all()
        if started_at is not None and finished_at is not None
    ]
    judging_now = session.scalar(select(func.count(Submission.id)).where(Submission.status.in_(ACTIVE_STATUSES))) or 0
    if not rows:
        return JudgeRate(judging_now=int(judging_now))
    durations: dict[int, list[float]] = {}
    for queue_class, started_at, finished_at in rows:
        seconds = max(0.0, (finished_at - started_at).total_seconds())
        durations.setdefault(queue_class, []).append(seconds)
    every = [seconds for values in durations.values() for seconds in values]
    # The rate's window: from the earliest start among these verdicts (or the window's start) to now.
    earliest = min(started_at for _, started_at, _ in rows)
    window_s = min(WINDOW_S, max(1.0, (now - earliest).total_seconds()))
    return JudgeRate(
        judged=len(rows),
        window_s=window_s,
        seconds_by_class={queue_class: sum(v) / len(v) for queue_class, v in durations.items()},
        mean_seconds=sum(every) / len(every),
        judging_now=int(judging_now),
    )


class _Cache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[object, tuple[float, JudgeRate]] = {}

    def get(self, session: Session) -> JudgeRate:
        key = session.get_bind().engine.url  # one figure per database
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and time.monotonic() - hit[0] < CACHE_S:
                return hit[1]
        rate = measure(session)
        with self._lock:
            self._items[key] = (time.monotonic(), rate)
        return rate

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_cache = _Cache()


def recent_rate(session: Session) -> JudgeRate:
    """`measure`, cached for a few seconds per process and database."""
    return _cache.get(session)


def forget_recent_rate() -> None:
    """Drop the cached figures (tests that change the queue and ask again at once)."""
    _cache.clear()
