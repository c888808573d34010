"""The position's interview settings (position.yaml `interview`, with their defaults) and who is at the interview
stage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..enums import DecisionKind, DecisionStage
from ..models import Application, AuditEntry, Position
from ..problems.interview import DEFAULTS

# Audit actions that change a candidate's booking; their count is the calendar invitation's SEQUENCE.
BOOKED = "interview.booked"
RESCHEDULED = "interview.rescheduled"
CANCELLED = "interview.cancelled"  # by the candidate
CANCELLED_BY_INTERVIEWER = "interview.cancelled_by_interviewer"
CANCELLED_ON_WITHDRAWAL = "interview.cancelled_on_withdrawal"
CHANGES = (RESCHEDULED, CANCELLED)  # what counts against max_reschedules
ALL = (BOOKED, RESCHEDULED, CANCELLED, CANCELLED_BY_INTERVIEWER, CANCELLED_ON_WITHDRAWAL)


@dataclass(frozen=True)
class InterviewSettings:
    duration_minutes: int
    notice_hours: int  # booking and changes close this long before an interview
    max_reschedules: int  # changes (reschedule or cancel) a candidate may make
    scale: int  # ratings 1..scale
    criteria: list[dict[str, str]]

    @property
    def notice(self) -> timedelta:
        return timedelta(hours=self.notice_hours)

    @property
    def criterion_names(self) -> list[str]:
        return [c["name"] for c in self.criteria]


def settings_of(position: Position) -> InterviewSettings | None:
    config = position.interview
    if not config:
        return None
    return InterviewSettings(
        duration_minutes=int(config.get("duration_minutes", DEFAULTS["duration_minutes"])),
        notice_hours=int(config.get("notice_hours", DEFAULTS["notice_hours"])),
        max_reschedules=int(config.get("max_reschedules", DEFAULTS["max_reschedules"])),
        scale=int(config.get("scale", DEFAULTS["scale"])),
        criteria=list(config.get("criteria") or []),
    )


def stage_problem(application: Application) -> str | None:
    """Why the candidate cannot book an interview (None when they can)."""
    if not application.position.has_interview:
        return gettext("This position has no interview stage on the platform; the recruiting team will contact you.")
    if application.withdrawn_at is not None:
        return gettext("You withdrew this application.")
    shortlisted = application.released_decision_at(DecisionStage.TEST)
    if shortlisted is None or shortlisted.decision != DecisionKind.SHORTLIST:
        return gettext("Interviews are for shortlisted candidates.")
    final = application.released_decision_at(DecisionStage.INTERVIEW)
    if final is not None and final.decision.final:
        return gettext("A decision after the interviews has been made, so there is nothing left to book.")
    return None


def changes_made(db: Session, application: Application) -> int:
    """How often the candidate rescheduled or cancelled their interview."""
    return int(
        db.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(
                AuditEntry.action.in_(CHANGES),
                AuditEntry.target_type == "Application",
                AuditEntry.target_id == application.id,
            )
        )
        or 0
    )


def sequence(db: Session, application: Application) -> int:
    """The calendar SEQUENCE of the candidate's interview: how often the booking changed before."""
    return max(
        0,
        int(
            db.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(
                    AuditEntry.action.in_(ALL),
                    AuditEntry.target_type == "Application",
                    AuditEntry.target_id == application.id,
                )
            )
            or 0
        )
        - 1,
    )


def change_deadline(starts_at: datetime, settings: InterviewSettings) -> datetime:
    """Until when a booking of this interview may be changed or cancelled."""
    return starts_at - settings.notice
