"""Seeding for the stages around the test: applicants waiting for screening (with a real stored CV), reviewers with
per-position permissions, shortlisted candidates, interview slots and scorecards."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from assessment.models import (
    Application,
    Decision,
    InterviewSlot,
    Position,
    ReviewerAssignment,
    User,
    utcnow,
)
from tests.review import factories as f

TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
# One cheap hash of the test password for every seeded person: signing in verifies it like any other, in a millisecond.
CHEAP_PASSWORD_HASH = generate_password_hash(f.PASSWORD, method="pbkdf2:sha256:1000")
INTERVIEW = {
    "duration_minutes": 45,
    "notice_hours": 24,
    "max_reschedules": 1,
    "scale": 5,
    "criteria": [
        {"name": "Problem solving", "description": "Breaks a problem down and tests ideas."},
        {"name": "Communication", "description": "Explains clearly and listens."},
    ],
}


def person(s, email: str, role: str = "candidate", name: str | None = None) -> User:
    """A confirmed account with the test password (cheaply hashed)."""
    who = User(email=email, name=name or email.split("@")[0].title(), role=role, email_confirmed_at=utcnow())
    who.password_hash = CHEAP_PASSWORD_HASH
    s.add(who)
    s.flush()
    return who


def applicant(s, pos: Position, email: str, name: str, cv_dir: Path, **fields) -> Application:
    """An application that has not started the test, with a CV stored like an uploaded one."""
    from assessment.candidate.cv import store_cv

    who = person(s, email, "candidate", name)
    stored = store_cv(cv_dir, TINY_PDF + name.encode())
    application = Application(
        user_id=who.id,
        position_id=pos.id,
        phone="+45 12 34 56 78",
        education_level=fields.get("education_level", "master"),
        institution=fields.get("institution", "Aarhus University"),
        graduation_year=fields.get("graduation_year", 2025),
        cv_path=stored.name,
        cv_sha256=stored.sha256,
        cv_original_name=f"{name.replace(' ', '_')}.pdf",
        cv_size=stored.size,
    )
    s.add(application)
    s.commit()
    return application


def staff(s, pos: Position, email: str, name: str, **permissions: bool) -> User:
    """A reviewer assigned to `pos` with exactly these permissions (grade, decide, screen, interview)."""
    who = person(s, email, "reviewer", name)
    s.add(
        ReviewerAssignment(
            user_id=who.id,
            position_id=pos.id,
            can_grade=permissions.get("grade", False),
            can_decide=permissions.get("decide", False),
            can_screen=permissions.get("screen", False),
            can_interview=permissions.get("interview", False),
        )
    )
    s.commit()
    return who


def with_interviews(s, pos: Position, config: dict | None = None, unlock: str | None = None) -> Position:
    pos.interview = dict(config or INTERVIEW)
    if unlock:
        pos.unlock = unlock
    s.commit()
    return pos


def shortlisted(s, application: Application, decider: User, released: bool = True) -> Decision:
    """A shortlist decision after the test, released and emailed (the candidate may book an interview)."""
    now = utcnow()
    decision = Decision(
        application_id=application.id,
        stage="test",
        decision="shortlist",
        decided_by_id=decider.id,
        released_at=now if released else None,
        notified_at=now if released else None,
    )
    s.add(decision)
    s.commit()
    return decision


def slot(
    s, pos: Position, interviewer: User, starts_at: datetime, minutes: int = 45, zone: str = "UTC", location: str = ""
) -> InterviewSlot:
    item = InterviewSlot(
        position_id=pos.id,
        interviewer_id=interviewer.id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        timezone=zone,
        location=location,
    )
    s.add(item)
    s.commit()
    return item


def book(s, slot_row: InterviewSlot, application: Application) -> InterviewSlot:
    slot_row.application_id = application.id
    slot_row.booked_at = utcnow()
    s.commit()
    return slot_row


def application_of(s, email: str) -> Application:
    return s.scalar(select(Application).join(User, User.id == Application.user_id).where(User.email == email))
