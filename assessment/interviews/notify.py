"""Interview emails, each with its calendar invitation: to the candidate (times in their zone) and to every
interviewer on the panel (times in the interviewer's zone). A withdrawn or erased candidate is never emailed."""

from __future__ import annotations

import logging

from flask import url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from ..extensions import settings
from ..mail import MailError, send_mail
from ..mail import subject as mail_subject
from ..models import Application, InterviewSlot, User, utcnow
from ..timezones import format_local, person_zone
from . import calendar
from .rules import change_deadline, sequence, settings_of

log = logging.getLogger("assessment.interviews")

BOOKED, MOVED, CANCELLED = "booked", "moved", "cancelled"
SUBJECTS = {
    BOOKED: _l("Interview booked: %(title)s"),
    MOVED: _l("Interview moved: %(title)s"),
    CANCELLED: _l("Interview cancelled: %(title)s"),
}


def _ics(db: Session, application: Application, slot: InterviewSlot, method: str, attendees: list[User]) -> bytes:
    config = settings()
    return calendar.invitation(
        method=method,
        application=application,
        slot=slot,
        attendees=attendees,
        organizer=config.mail_from,
        base_url=config.base_url,
        sequence=sequence(db, application),
        summary=gettext(
            "Interview: %(title)s (%(name)s)", title=application.position.title, name=application.user.name
        ),
        description=gettext("Interview for %(title)s.", title=application.position.title)
        + (" " + gettext("Where: %(place)s.", place=slot.location) if slot.location else ""),
        now=utcnow(),
    )


def _send(to: User, subject: object, template: str, ics: bytes, method: str, **context: object) -> bool:
    try:
        send_mail(
            to.email,
            subject,
            template,
            locale=to.locale,
            attachments=[("interview.ics", f"text/calendar; method={method}", ics)],
            **context,
        )
        return True
    except MailError:
        log.exception("interview email failed", extra={"template": template})
        return False


def interview_changed(
    db: Session, application: Application, slot: InterviewSlot, what: str, *, notify_candidate: bool = True
) -> None:
    """Tell the candidate and the panel that the interview in `slot` was booked, moved there, or cancelled."""
    position = application.position
    rules = settings_of(position)
    method = calendar.CANCEL if what == CANCELLED else calendar.REQUEST
    candidate = application.user
    panel = list(slot.panel)
    ics = _ics(db, application, slot, method, [candidate, *panel])
    subject = mail_subject(SUBJECTS[what], title=position.title)
    base = settings().base_url.rstrip("/")
    if notify_candidate and application.withdrawn_at is None and candidate.erased_at is None:
        zone = person_zone(candidate, position.timezone)
        _send(
            candidate,
            subject,
            "interview_candidate",
            ics,
            method,
            what=what,
            name=candidate.name,
            position=position,
            when=format_local(slot.starts_at, zone, "en", "long"),
            until=format_local(slot.ends_at, zone, "en", "time"),
            interviewer_time=format_local(slot.starts_at, slot.timezone, "en", "long") if slot.timezone != zone else "",
            change_until=format_local(change_deadline(slot.starts_at, rules), zone, "en", "long") if rules else "",
            panel=", ".join(person.name for person in panel),
            location=slot.location,
            link=base + url_for("candidate.interview", application_id=application.id),
        )
    for person in panel:
        zone = person_zone(person, slot.timezone)
        _send(
            person,
            subject,
            "interview_interviewer",
            ics,
            method,
            what=what,
            name=person.name,
            candidate=candidate.name,
            position=position,
            when=format_local(slot.starts_at, zone, "en", "long"),
            candidate_time=format_local(slot.starts_at, person_zone(candidate, position.timezone), "en", "long"),
            location=slot.location,
            link=base + url_for("review.interviews", slug=position.slug),
        )
