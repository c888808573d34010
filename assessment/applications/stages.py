"""The rules of an application: when applying is open, the stage shown to the candidate, releasing the test (and
telling the candidate), and who may download the CV. Called by the candidate and the admin pages."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from flask_babel import gettext, lazy_gettext
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from ..extensions import session
from ..mail import MailError, send_mail
from ..models import (
    STAFF_ROLES,
    Application,
    ApplicationStage,
    EssayAnswer,
    EssayReview,
    Position,
    audit,
    utcnow,
)
from ..selection.access import may_see_identity
from .links import test_link

log = logging.getLogger("assessment.applying")


def window_problem(position: Position, now: datetime) -> str | None:
    """Why applying is refused right now (None inside the application window)."""
    if position.retired_at is not None:
        return gettext("%(title)s is no longer open for applications.", title=position.title)
    if position.application_opens_at is not None and now < position.application_opens_at:
        return gettext(
            "Applications for %(title)s open on %(when)s UTC. Please come back then.",
            title=position.title,
            when=f"{position.application_opens_at:%Y-%m-%d %H:%M}",
        )
    if position.application_closes_at is not None and now > position.application_closes_at:
        return gettext(
            "Applications for %(title)s closed on %(when)s UTC, so no new applications are accepted.",
            title=position.title,
            when=f"{position.application_closes_at:%Y-%m-%d %H:%M}",
        )
    return None


def application_stage(application: Application, now: datetime | None = None) -> ApplicationStage:
    """Where the application stands (see ApplicationStage for the order)."""
    now = now or utcnow()
    if application.position.decisions_released_at is not None and application.decision is not None:
        return ApplicationStage.DECISION
    attempt = application.attempt
    if attempt is not None:
        db = object_session(application)
        reviewed = (
            db is not None
            and db.scalar(
                select(EssayReview.id)
                .join(EssayAnswer, EssayReview.answer_id == EssayAnswer.id)
                .where(EssayAnswer.attempt_id == attempt.id, EssayReview.submitted_at.is_not(None))
                .limit(1)
            )
            is not None
        )
        if reviewed:
            return ApplicationStage.UNDER_REVIEW
        if attempt.finished_at is not None or attempt.finalized_at is not None or now >= attempt.deadline_at:
            return ApplicationStage.TEST_DONE
        return ApplicationStage.IN_TEST
    if application.test_released_at is not None:
        return ApplicationStage.TEST_AVAILABLE
    return ApplicationStage.APPLIED


def notify_unlocked(application: Application) -> bool:
    position = application.position
    try:
        send_mail(
            application.user.email,
            lazy_gettext("Your test for %(title)s is available", title=position.title),
            "test_unlocked",
            locale=application.user.locale,
            name=application.user.name,
            position=position,
            link=test_link(application),
            deadline=position.test_deadline_at,
        )
        return True
    except MailError:
        log.exception("could not send the test-unlocked email", extra={"application": application.id})
        return False


def release_test(db: Session, application: Application, actor: Any = None, now: datetime | None = None) -> bool:
    """Unlock the test (idempotent). Returns True when this call released it. The caller commits, then notifies."""
    if application.test_released_at is not None:
        return False
    application.test_released_at = now or utcnow()
    application.released_by_id = getattr(actor, "id", actor)
    audit(db, "application.release_test", actor=actor, target=application, position=application.position.slug)
    return True


def can_download_cv(user: Any, application: Application) -> bool:
    """Administrators, and reviewers who may see the position's candidates' identities (not while grading it)."""
    if not getattr(user, "is_authenticated", False) or user.role not in STAFF_ROLES:
        return False
    db = object_session(application) or session()
    return may_see_identity(db, application.position, user)
