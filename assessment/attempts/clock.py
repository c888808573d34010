"""The test clock and the rules of an attempt. The server is the only clock: the deadline is fixed when the
candidate starts and every write is checked against it (plus a few seconds of grace for the network)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import Application, Attempt, Unlock, audit, utcnow


class AttemptClosed(Exception):
    """A write arrived after the deadline (plus grace) or after the candidate finished."""

    def __init__(self, message: str | None = None):
        message = message or gettext("Time is up: the test has ended and no more changes can be saved.")
        super().__init__(message)
        self.message = message


class TestUnavailable(Exception):
    """The candidate may not start the test (not released yet, deadline passed, nothing to do)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class TestContents:
    problems: list
    prompts: list
    languages: list[str]
    duration_minutes: int


def contents(application: Application) -> TestContents:
    position = application.position
    return TestContents(
        # a problem without a statement is never shown to candidates (see availability_problem)
        problems=[p for p in position.active_problems if p.current_version and p.current_version.has_statement]
        if position.has_coding
        else [],
        prompts=position.active_prompts if position.has_essay else [],
        languages=list(position.languages or []),
        duration_minutes=position.duration_minutes,
    )


def availability_problem(application: Application, now: datetime | None = None) -> str | None:
    """Why the test cannot be started now (None when it can)."""
    now = now or utcnow()
    position = application.position
    if position.retired_at is not None:
        return gettext("This position is no longer open.")
    if application.withdrawn_at is not None or application.user.deletion_requested_at is not None:
        return gettext("You withdrew this application, so its test can no longer be taken.")
    if position.unlock == Unlock.ON_RELEASE and application.test_released_at is None:
        return gettext(
            "The test is not released yet. You will receive an email once the recruiting team has reviewed your "
            "application."
        )
    if position.test_deadline_at is not None and now >= position.test_deadline_at:
        return gettext("The deadline for taking this test has passed.")
    if position.has_coding and any(
        not (p.current_version and p.current_version.has_statement) for p in position.active_problems
    ):
        return gettext("This test is not ready yet: one of its problems has no statement. Please try again later.")
    info = contents(application)
    if not info.problems and not info.prompts:
        return gettext("This test has no questions yet. Please try again later.")
    return None


def planned_deadline(application: Application, now: datetime, extra_seconds: int = 0) -> datetime:
    position = application.position
    deadline = now + timedelta(minutes=position.duration_minutes, seconds=extra_seconds)
    if position.test_deadline_at is not None:
        deadline = min(deadline, position.test_deadline_at)
    return deadline


def start_attempt(session: Session, application: Application, now: datetime | None = None) -> Attempt:
    """Start the clock (idempotent: a second click, another tab or device gets the existing attempt)."""
    if application.attempt is not None:
        return application.attempt
    now = now or utcnow()
    problem = availability_problem(application, now)
    if problem:
        raise TestUnavailable(problem)
    extra = int(getattr(application, "extra_seconds", None) or 0)  # granted before the start
    attempt = Attempt(
        application_id=application.id,
        started_at=now,
        extra_seconds=extra,
        deadline_at=planned_deadline(application, now, extra),
    )
    session.add(attempt)
    try:
        session.flush()
    except IntegrityError:  # started concurrently from another tab
        session.rollback()
        existing = session.scalar(select(Attempt).where(Attempt.application_id == application.id))
        assert existing is not None
        return existing
    audit(
        session,
        "attempt.started",
        actor=application.user_id,
        target=attempt,
        deadline_at=attempt.deadline_at.isoformat(),
    )
    session.commit()
    return attempt


def grace(settings=None) -> timedelta:
    seconds = getattr(settings, "deadline_grace_seconds", 5) if settings is not None else 5
    return timedelta(seconds=seconds)


def is_over(attempt: Attempt, now: datetime | None = None) -> bool:
    """The test is over for display purposes (read-only pages): deadline reached or finished."""
    now = now or utcnow()
    return attempt.finished_at is not None or now >= attempt.deadline_at


def accepts_writes(attempt: Attempt, now: datetime | None = None, settings=None) -> bool:
    now = now or utcnow()
    return attempt.finished_at is None and attempt.finalized_at is None and now <= attempt.deadline_at + grace(settings)


def require_writable(attempt: Attempt, now: datetime | None = None, settings=None) -> None:
    if attempt.finished_at is not None or attempt.finalized_at is not None:
        raise AttemptClosed(gettext("You have finished the test: no more changes can be saved."))
    if not accepts_writes(attempt, now, settings):
        raise AttemptClosed()


def is_due_for_finalizing(attempt: Attempt, now: datetime | None = None, settings=None) -> bool:
    now = now or utcnow()
    if attempt.finalized_at is not None:
        return False
    return attempt.finished_at is not None or now > attempt.deadline_at + grace(settings)


def remaining_seconds(attempt: Attempt, now: datetime | None = None) -> float:
    now = now or utcnow()
    if attempt.finished_at is not None:
        return 0.0
    return max(0.0, (attempt.deadline_at - now).total_seconds())


def grant_extra_time(session: Session, attempt: Attempt, seconds: int, actor) -> Attempt:
    """Give a candidate more time (e.g. an accessibility accommodation or an outage). Extends the running
    deadline; the position's hard test deadline still applies. Audited; the caller commits."""
    seconds = int(seconds)
    if seconds <= 0:
        raise ValueError(gettext("Extra time must be a positive number of seconds."))
    if attempt.finalized_at is not None or attempt.finished_at is not None:
        raise AttemptClosed(gettext("This attempt has already ended; extra time can no longer be granted."))
    previous = attempt.deadline_at
    wanted = previous + timedelta(seconds=seconds)
    hard = attempt.application.position.test_deadline_at
    attempt.deadline_at = min(wanted, hard) if hard is not None else wanted
    attempt.extra_seconds = (attempt.extra_seconds or 0) + seconds
    audit(
        session,
        "attempt.extra_time",
        actor=actor,
        target=attempt,
        seconds=seconds,
        previous_deadline=previous.isoformat(),
        deadline_at=attempt.deadline_at.isoformat(),
        capped=attempt.deadline_at < wanted,
    )
    return attempt


def clock_payload(attempt: Attempt, now: datetime | None = None, settings=None) -> dict:
    """What the browser needs to show a countdown from the server's time."""
    now = now or utcnow()
    return {
        "server_now": _epoch_ms(now),
        "deadline": _epoch_ms(attempt.deadline_at),
        "remaining_seconds": round(remaining_seconds(attempt, now), 3),
        "grace_seconds": int(grace(settings).total_seconds()),
        "finished": attempt.finished_at is not None,
        "read_only": not accepts_writes(attempt, now, settings) or is_over(attempt, now),
    }


def _epoch_ms(value: datetime) -> int:

    return int(value.replace(tzinfo=UTC).timestamp() * 1000)
