"""Calendar invitations (.ics, RFC 5545) for interviews, made with the icalendar library (line folding, escaping and
the date-time forms are its job). One UID per candidate's interview, so a reschedule updates the same calendar entry
(a higher SEQUENCE) and a cancellation removes it (METHOD:CANCEL). Times are written in UTC; calendar programs show
them in their owner's zone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import parseaddr
from urllib.parse import urlsplit

from icalendar import Calendar, Event, vCalAddress, vText

from ..models import Application, InterviewSlot, User

PRODID = "-//Assessment//Interviews//EN"
REQUEST = "REQUEST"
CANCEL = "CANCEL"


def uid(application: Application, base_url: str) -> str:
    host = urlsplit(base_url).hostname or "assessment.local"
    return f"interview-{application.id}@{host}"


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def invitation(
    *,
    method: str,
    application: Application,
    slot: InterviewSlot,
    attendees: Sequence[User],
    organizer: str,
    base_url: str,
    sequence: int,
    summary: str,
    description: str,
    now: datetime,
) -> bytes:
    """The .ics of an interview: METHOD REQUEST (booked or moved) or CANCEL."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", uid(application, base_url))
    event.add("sequence", sequence)
    event.add("dtstamp", _utc(now))
    event.add("dtstart", _utc(slot.starts_at))
    event.add("dtend", _utc(slot.ends_at))
    event.add("summary", summary)
    event.add("description", description)
    if slot.location:
        event.add("location", slot.location)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    name, address = parseaddr(organizer)
    organizer_address = vCalAddress(f"mailto:{address or organizer}")
    if name:
        organizer_address.params["cn"] = vText(name)
    event.add("organizer", organizer_address)
    for person in attendees:
        attendee = vCalAddress(f"mailto:{person.email}")
        attendee.params["cn"] = vText(person.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=False)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
