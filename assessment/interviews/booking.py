"""Booking an interview: a shortlisted candidate picks a free slot of the position's interviewers.

Rules (position.yaml `interview`): a slot can be booked until `notice_hours` before it starts; a booking can be moved
to another free slot or cancelled until `notice_hours` before the booked interview, at most `max_reschedules` times in
all (after that, or closer to the interview, the candidate writes to the recruiting team). Booking is a
compare-and-set on the slot, so two candidates never get the same slot; moving frees the old slot only if the new one
was won, in one transaction. Every booking, move and cancellation is audited and emailed with a calendar invitation
(assessment.interviews.notify)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext
from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from ..db import rowcount
from ..models import Application, InterviewSlot, audit, utcnow
from . import notify
from .rules import (
    BOOKED,
    CANCELLED,
    CANCELLED_ON_WITHDRAWAL,
    RESCHEDULED,
    change_deadline,
    changes_made,
    settings_of,
    stage_problem,
)


class BookingError(Exception):
    """A booking the rules refuse; the message says why and what to do."""


def current_booking(db: Session, application: Application) -> InterviewSlot | None:
    return db.scalar(
        select(InterviewSlot)
        .where(InterviewSlot.application_id == application.id)
        .options(selectinload(InterviewSlot.panelists))
    )


def free_slots(db: Session, application: Application, now: datetime | None = None) -> list[InterviewSlot]:
    """The position's slots the candidate may book now, soonest first."""
    rules = settings_of(application.position)
    if rules is None:
        return []
    now = now or utcnow()
    return list(
        db.scalars(
            select(InterviewSlot)
            .where(
                InterviewSlot.position_id == application.position_id,
                InterviewSlot.application_id.is_(None),
                InterviewSlot.starts_at >= now + rules.notice,
            )
            .options(selectinload(InterviewSlot.panelists))
            .order_by(InterviewSlot.starts_at, InterviewSlot.id)
        )
    )


def change_problem(db: Session, application: Application, booked: InterviewSlot, now: datetime) -> str | None:
    """Why the candidate may not move or cancel their booking now (None when they may)."""
    rules = settings_of(application.position)
    if rules is None:
        return gettext("This position has no interview stage on the platform.")
    if now > change_deadline(booked.starts_at, rules):
        return gettext(
            "Your interview can no longer be changed online: changes close %(hours)s hours before it starts. "
            "Please write to the recruiting team.",
            hours=rules.notice_hours,
        )
    if changes_made(db, application) >= rules.max_reschedules:
        return gettext(
            "You have already changed your interview %(count)s times, the most this position allows online. "
            "Please write to the recruiting team.",
            count=rules.max_reschedules,
        )
    return None


def book(db: Session, application: Application, slot_id: int, now: datetime | None = None) -> InterviewSlot:
    """Book (or move the booking to) a free slot. Commits and emails. Raises BookingError."""
    now = now or utcnow()
    problem = stage_problem(application)
    if problem:
        raise BookingError(problem)
    rules = settings_of(application.position)
    assert rules is not None
    slot = db.get(InterviewSlot, slot_id)
    if slot is None or slot.position_id != application.position_id:
        raise BookingError(gettext("That interview time does not exist. Choose one of the times listed."))
    previous = current_booking(db, application)
    if previous is not None and previous.id == slot.id:
        return slot
    if previous is not None:
        problem = change_problem(db, application, previous, now)
        if problem:
            raise BookingError(problem)
    if slot.starts_at < now + rules.notice:
        raise BookingError(
            gettext(
                "That time is too soon: interviews are booked at least %(hours)s hours ahead. Choose a later one.",
                hours=rules.notice_hours,
            )
        )
    if previous is not None:
        db.execute(
            update(InterviewSlot)
            .where(InterviewSlot.id == previous.id, InterviewSlot.application_id == application.id)
            .values(application_id=None, booked_at=None)
            .execution_options(synchronize_session=False)
        )
    won = db.execute(
        update(InterviewSlot)
        .where(InterviewSlot.id == slot.id, InterviewSlot.application_id.is_(None))
        .values(application_id=application.id, booked_at=now)
        .execution_options(synchronize_session=False)
    )
    if rowcount(won) != 1:
        db.rollback()
        raise BookingError(gettext("Someone booked that time a moment ago. Please choose another one."))
    audit(
        db,
        RESCHEDULED if previous is not None else BOOKED,
        actor=application.user_id,
        target=application,
        slot_id=slot.id,
        starts_at=slot.starts_at.isoformat(),
        previous_slot_id=previous.id if previous is not None else None,
        previous_starts_at=previous.starts_at.isoformat() if previous is not None else None,
    )
    db.commit()
    db.refresh(slot)
    notify.interview_changed(db, application, slot, notify.MOVED if previous is not None else notify.BOOKED)
    return slot


def cancel(db: Session, application: Application, now: datetime | None = None) -> InterviewSlot:
    """The candidate cancels their booking (they may book again). Commits and emails. Raises BookingError."""
    now = now or utcnow()
    booked = current_booking(db, application)
    if booked is None:
        raise BookingError(gettext("You have no interview booked."))
    problem = change_problem(db, application, booked, now)
    if problem:
        raise BookingError(problem)
    free(db, application, booked, CANCELLED, actor=application.user_id)
    notify.interview_changed(db, application, booked, notify.CANCELLED)
    return booked


def free(db: Session, application: Application, slot: InterviewSlot, action: str, actor: object) -> None:
    """Release the candidate's booked slot (audited with `action`). Commits."""
    slot.application_id = None
    slot.booked_at = None
    audit(db, action, actor=actor, target=application, slot_id=slot.id, starts_at=slot.starts_at.isoformat())
    db.commit()


def cancel_on_withdrawal(db: Session, application: Application) -> None:
    """A withdrawn candidate's upcoming interview is cancelled; the panel is told, the candidate is not."""
    booked = current_booking(db, application)
    if booked is None or booked.starts_at <= utcnow():
        return
    free(db, application, booked, CANCELLED_ON_WITHDRAWAL, actor=application.user_id)
    notify.interview_changed(db, application, booked, notify.CANCELLED, notify_candidate=False)
