"""A candidate withdraws an application, or asks for their whole account to be deleted.

A withdrawn application gets no further email (every sender checks `withdrawn_at`), a running test ends, an upcoming
interview is cancelled (the panel is told), and reviewers see it marked "withdrawn". Withdrawing cannot be undone,
and a position takes one application per candidate, so the page asks for a confirmation first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..interviews.booking import cancel_on_withdrawal
from ..models import Application, Attempt, User, audit, utcnow


class WithdrawalError(ValueError):
    pass


def withdraw(db: Session, application: Application, reason: str = "", now: datetime | None = None) -> bool:
    """Withdraw the application (idempotent). Commits. True when this call withdrew it."""
    if application.withdrawn_at is not None:
        return False
    now = now or utcnow()
    application.withdrawn_at = now
    application.withdrawal_reason = " ".join((reason or "").split())[:2000]
    attempt = db.scalar(select(Attempt).where(Attempt.application_id == application.id))
    if attempt is not None and attempt.finished_at is None and attempt.deadline_at > now:
        attempt.finished_at = now  # the clock stops; what was saved is kept
    audit(
        db,
        "application.withdrawn",
        actor=application.user_id,
        target=application,
        position=application.position.slug,
        reason=application.withdrawal_reason,
    )
    db.commit()
    cancel_on_withdrawal(db, application)
    return True


def request_deletion(db: Session, user: User, now: datetime | None = None) -> bool:
    """The candidate asks for their account and data to be deleted: every application is withdrawn and the request
    waits for an administrator, who exports (if needed) and erases (assessment.privacy.erasure). Commits."""
    if user.deletion_requested_at is not None:
        return False
    if not user.is_candidate:
        raise WithdrawalError(gettext("Only candidate accounts can ask for deletion here; staff ask an administrator."))
    now = now or utcnow()
    for application in db.scalars(select(Application).where(Application.user_id == user.id)):
        withdraw(db, application, gettext("The candidate asked for their account to be deleted."), now)
    user.deletion_requested_at = now
    audit(db, "account.deletion_requested", actor=user, target=user)
    db.commit()
    return True


def deletion_requests(db: Session) -> Sequence[User]:
    """Accounts whose deletion was asked for and not done yet, oldest request first."""
    return db.scalars(
        select(User)
        .where(User.deletion_requested_at.is_not(None), User.erased_at.is_(None))
        .order_by(User.deletion_requested_at)
    ).all()


def candidate_of(db: Session, user_id: int) -> Any:
    user = db.get(User, user_id)
    return user if user is not None and user.is_candidate else None
