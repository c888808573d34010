"""Interviewers' availability: slots published in the interviewer's own time zone (stored in UTC), panels, and
withdrawing a slot (a booked one is cancelled and its candidate told, so they can book another)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import Application, InterviewPanelist, InterviewSlot, Position, User, audit, utcnow
from ..timezones import to_utc, zone_name
from . import notify
from .booking import free
from .rules import CANCELLED_BY_INTERVIEWER, settings_of

MAX_SLOTS_AT_ONCE = 48


class SlotError(ValueError):
    """Availability the rules refuse; the message says why."""


def _utc(local: datetime, zone: str) -> datetime:
    try:
        return to_utc(local, zone)
    except ValueError:
        raise SlotError(
            gettext(
                "%(when)s does not exist in %(zone)s (the clocks skip that hour)",
                when=f"{local:%Y-%m-%d %H:%M}",
                zone=zone_name(zone),
            )
        ) from None


def plan_slots(day: date, start: time, end: time, minutes: int, zone: str) -> list[tuple[datetime, datetime]]:
    """Back-to-back slots of `minutes` from `start` to `end` on `day`, wall-clock times in `zone`, as naive UTC."""
    if minutes <= 0:
        raise SlotError(gettext("An interview needs a length of at least one minute."))
    first = datetime.combine(day, start)
    last = datetime.combine(day, end)
    if last <= first:
        raise SlotError(gettext("The end of your availability must be after its start."))
    result = []
    begin = first
    while begin + timedelta(minutes=minutes) <= last:
        finish = begin + timedelta(minutes=minutes)
        result.append((_utc(begin, zone), _utc(finish, zone)))
        begin = finish
    if not result:
        raise SlotError(gettext("That time is shorter than one interview (%(minutes)s minutes).", minutes=minutes))
    if len(result) > MAX_SLOTS_AT_ONCE:
        raise SlotError(gettext("Publish at most %(count)s interviews at once.", count=MAX_SLOTS_AT_ONCE))
    return result


def publish(
    db: Session,
    position: Position,
    interviewer: User,
    day: date,
    start: time,
    end: time,
    zone: str,
    location: str = "",
    now: datetime | None = None,
) -> list[InterviewSlot]:
    """Publish back-to-back slots of the position's interview length. Refuses past times and overlaps with the
    interviewer's own slots (of any position). Commits."""
    rules = settings_of(position)
    if rules is None:
        raise SlotError(gettext("This position has no interview stage; add `interview:` to its position.yaml."))
    now = now or utcnow()
    zone = zone_name(zone)
    planned = plan_slots(day, start, end, rules.duration_minutes, zone)
    if planned[0][0] <= now:
        raise SlotError(gettext("Interviews can only be offered in the future."))
    mine = db.scalars(
        select(InterviewSlot).where(
            InterviewSlot.interviewer_id == interviewer.id,
            InterviewSlot.ends_at > planned[0][0],
            InterviewSlot.starts_at < planned[-1][1],
        )
    ).all()
    for begin, finish in planned:
        if any(s.starts_at < finish and begin < s.ends_at for s in mine):
            raise SlotError(gettext("You already offer an interview during that time; nothing was published."))
    slots = [
        InterviewSlot(
            position_id=position.id,
            interviewer_id=interviewer.id,
            starts_at=begin,
            ends_at=finish,
            timezone=zone,
            location=" ".join((location or "").split())[:300],
        )
        for begin, finish in planned
    ]
    db.add_all(slots)
    db.flush()
    audit(
        db,
        "interview.slots_published",
        actor=interviewer,
        target=position,
        slots=[s.id for s in slots],
        first=planned[0][0].isoformat(),
        last=planned[-1][1].isoformat(),
        timezone=zone,
    )
    db.commit()
    return slots


def position_slots(db: Session, position: Position, since: datetime | None = None) -> Sequence[InterviewSlot]:
    """The position's slots, soonest first (from `since` on, when given)."""
    query = (
        select(InterviewSlot)
        .where(InterviewSlot.position_id == position.id)
        .options(selectinload(InterviewSlot.panelists), selectinload(InterviewSlot.application))
        .order_by(InterviewSlot.starts_at, InterviewSlot.id)
    )
    if since is not None:
        query = query.where(InterviewSlot.ends_at >= since)
    return db.scalars(query).all()


def withdraw(db: Session, slot: InterviewSlot, actor: User, reason: str = "") -> Application | None:
    """The interviewer withdraws a slot they published. A booked, upcoming one is cancelled: its candidate and panel
    are emailed (the candidate may book another time, and it does not count as their change). Commits. Returns the
    candidate whose booking was cancelled, if any."""
    if slot.interviewer_id != actor.id:
        raise SlotError(gettext("Only the interviewer who published a time can withdraw it."))
    if slot.starts_at <= utcnow():
        raise SlotError(gettext("That interview has started or is over; it can no longer be withdrawn."))
    application = slot.application
    if application is not None:
        free(db, application, slot, CANCELLED_BY_INTERVIEWER, actor=actor)
        notify.interview_changed(db, application, slot, notify.CANCELLED)
    audit(
        db,
        "interview.slot_withdrawn",
        actor=actor,
        target=slot.position,
        slot_id=slot.id,
        starts_at=slot.starts_at.isoformat(),
        reason=" ".join((reason or "").split())[:500],
    )
    db.delete(slot)
    db.commit()
    return application


def join(db: Session, slot: InterviewSlot, user: User) -> bool:
    """Join the slot's panel (another interviewer of the position). Commits. True when it changed."""
    if slot.on_panel(user.id):
        return False
    if slot.starts_at <= utcnow():
        raise SlotError(gettext("That interview has started or is over."))
    slot.panelists.append(InterviewPanelist(user_id=user.id))
    audit(db, "interview.panel_joined", actor=user, target=slot.position, slot_id=slot.id)
    db.commit()
    return True


def leave(db: Session, slot: InterviewSlot, user: User) -> bool:
    """Leave a panel one joined (not one's own slot). Commits. True when it changed."""
    mine = next((p for p in slot.panelists if p.user_id == user.id), None)
    if mine is None:
        return False
    if slot.starts_at <= utcnow():
        raise SlotError(gettext("That interview has started or is over."))
    slot.panelists.remove(mine)
    audit(db, "interview.panel_left", actor=user, target=slot.position, slot_id=slot.id)
    db.commit()
    return True
