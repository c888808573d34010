"""The rules of an application: when applying is open, the stage shown to the candidate, releasing the test (and
telling the candidate), and who may download the CV. Called by the candidate and the admin pages."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext, lazy_gettext
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from ..enums import DecisionStage
from ..extensions import session
from ..mail import MailError, email_time, send_mail
from ..models import (
    STAFF_ROLES,
    Application,
    ApplicationStage,
    Decision,
    DecisionKind,
    EssayAnswer,
    EssayReview,
    Position,
    audit,
    utcnow,
)
from ..selection.access import may_see_cv
from ..timezones import format_pair, person_zone
from .links import test_link

log = logging.getLogger("assessment.applying")


def window_problem(position: Position, now: datetime, zone: str | None = None, locale: str = "en") -> str | None:
    """Why applying is refused right now (None inside the application window). Times are shown in `zone` (the
    reader's; the position's when None), with the position's own zone beside them."""
    if position.retired_at is not None:
        return gettext("%(title)s is no longer open for applications.", title=position.title)
    if position.application_opens_at is not None and now < position.application_opens_at:
        return gettext(
            "Applications for %(title)s open on %(time)s. Please come back then.",
            title=position.title,
            time=reader_and_position_time(position.application_opens_at, zone, position.timezone, locale),
        )
    if position.application_closes_at is not None and now > position.application_closes_at:
        return gettext(
            "Applications for %(title)s closed on %(time)s (the apply-by date), so no new applications are accepted.",
            title=position.title,
            time=reader_and_position_time(position.application_closes_at, zone, position.timezone, locale),
        )
    return None


def reader_and_position_time(value: datetime, zone: str | None, position_zone: str, locale: str = "en") -> str:
    """A time in the reader's zone, with the position's zone in brackets when it differs."""
    mine, theirs = format_pair(value, zone or position_zone, position_zone, locale, "long")
    return (
        mine if theirs is None else gettext("%(time)s (%(other)s, the position's time zone)", time=mine, other=theirs)
    )


@dataclass(frozen=True)
class StageView:
    """What the candidate's dashboard shows of an application: where it stands and, once released, the words of the
    decision that put it there."""

    stage: ApplicationStage
    decision: Decision | None = None  # the released decision the dashboard tells the candidate about

    @property
    def message(self) -> str:
        return str(self.decision.decision.candidate_text) if self.decision is not None else ""


def stage_view(application: Application, now: datetime | None = None) -> StageView:
    """Where the application stands, honestly: only released decisions count, in the order of the stages."""
    now = now or utcnow()
    if application.withdrawn_at is not None:
        return StageView(ApplicationStage.WITHDRAWN)
    released = {stage: application.released_decision_at(stage) for stage in DecisionStage}
    final = next((d for d in reversed(list(released.values())) if d is not None and d.decision.final), None)
    if final is not None:
        return StageView(ApplicationStage.DECISION, final)
    after_interview = released[DecisionStage.INTERVIEW]
    after_test = released[DecisionStage.TEST]
    if after_interview is not None:  # on hold after the interviews
        return StageView(ApplicationStage.DECISION, after_interview)
    if after_test is not None:
        if after_test.decision == DecisionKind.SHORTLIST and application.position.has_interview:
            return StageView(ApplicationStage.INTERVIEW, after_test)
        return StageView(ApplicationStage.DECISION, after_test)
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
            return StageView(ApplicationStage.UNDER_REVIEW)
        if attempt.finished_at is not None or attempt.finalized_at is not None or now >= attempt.deadline_at:
            return StageView(ApplicationStage.TEST_DONE)
        return StageView(ApplicationStage.IN_TEST)
    if application.test_released_at is not None:
        return StageView(ApplicationStage.TEST_AVAILABLE)
    return StageView(ApplicationStage.APPLIED, released[DecisionStage.SCREENING])


def application_stage(application: Application, now: datetime | None = None) -> ApplicationStage:
    """Where the application stands (see ApplicationStage for the order)."""
    return stage_view(application, now).stage


def notify_unlocked(application: Application) -> bool:
    """Email the test's link (never to a withdrawn or erased candidate)."""
    position = application.position
    if application.withdrawn_at is not None or application.user.erased_at is not None:
        return False
    zone = person_zone(application.user, position.timezone)
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
            deadline_text=email_time(position.test_deadline_at, zone, position.timezone),
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
    """Administrators, deciders and screeners of the position (not while grading it), and the interviewers on the
    candidate's panel (assessment.selection.access.may_see_cv)."""
    if not getattr(user, "is_authenticated", False) or user.role not in STAFF_ROLES:
        return False
    db = object_session(application) or session()
    return may_see_cv(db, application, user)
