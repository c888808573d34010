"""CV screening: the first stage of a position's selection.

Where position.yaml says `unlock: on_apply`, every application is advanced automatically when it arrives; with
`unlock: on_release` it waits for a screener (a reviewer with the screening permission) or an administrator to advance,
hold or reject it, with a note. Advancing releases the test at once and emails its link (that email is the
candidate's notice); holding and rejecting are decisions of the screening stage, released to candidates like every
other decision (assessment.selection.decisions). Only advanced candidates ever get the test."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..enums import DecisionStage
from ..models import Application, Decision, DecisionKind, Position, audit, utcnow
from ..selection.decisions import DecisionError, eligible, set_decision
from .stages import notify_unlocked, release_test

AUTOMATIC_NOTE = "position.yaml: unlock: on_apply"


def advance(
    db: Session,
    application: Application,
    actor: Any,
    note: str = "",
    now: datetime | None = None,
) -> bool:
    """Advance the application past screening: the test is released and the advance recorded (shown to the candidate
    with the test's email). Returns True when this call advanced it; the caller then calls `notify_advanced` after the
    commit. Raises DecisionError when it cannot be advanced."""
    problem = eligible(db, application, DecisionStage.SCREENING)
    if problem:
        if application.test_released_at is not None and application.withdrawn_at is None:
            return False  # already advanced: the test is running or done
        raise DecisionError(problem)
    current = application.decision_at(DecisionStage.SCREENING)
    if current is not None and current.decision == DecisionKind.ADVANCE:
        return False
    if current is not None and current.notified_at is not None:
        raise DecisionError(
            gettext("The candidate has already been told about this decision; it can no longer change.")
        )
    now = now or utcnow()
    row = Decision(
        application_id=application.id,
        stage=DecisionStage.SCREENING,
        decision=DecisionKind.ADVANCE,
        note=(note or "").strip()[:5000],
        decided_by_id=getattr(actor, "id", actor),
        decided_at=now,
        released_at=now,
    )
    db.add(row)
    application.decisions.append(row)
    db.flush()
    audit(
        db,
        "decision.set",
        actor=actor,
        target=row,
        application_id=application.id,
        stage=DecisionStage.SCREENING,
        old_decision=current.decision if current else None,
        new_decision=DecisionKind.ADVANCE,
        old_note=current.note if current else None,
        note=row.note,
    )
    release_test(db, application, actor, now)
    return True


def notify_advanced(db: Session, application: Application) -> bool:
    """Email the test's link to an advanced candidate (after the commit); the advance counts as told once it went."""
    sent = notify_unlocked(application)
    decision = application.decision_at(DecisionStage.SCREENING)
    if sent and decision is not None and decision.decision == DecisionKind.ADVANCE and decision.notified_at is None:
        decision.notified_at = utcnow()
        db.commit()
    return sent


def screen(db: Session, application: Application, decision: str, note: str, actor: Any) -> Decision | None:
    """Record a screening decision: advance (releases the test and emails it), hold or reject (released later).
    Commits. Returns the hold/reject decision, None for an advance."""
    if decision == DecisionKind.ADVANCE.value:
        if advance(db, application, actor, note):
            db.commit()
            notify_advanced(db, application)
        return None
    return set_decision(db, application, decision, note, actor, stage=DecisionStage.SCREENING)


@dataclass
class ScreeningRow:
    application: Application
    decision: Decision | None  # the standing screening decision
    waiting: bool  # nobody has advanced or rejected it yet (held ones wait too)


def screening_rows(db: Session, position: Position) -> list[ScreeningRow]:
    """The position's applications for the screening page: those waiting first (oldest first), then the others."""
    applications = db.scalars(
        select(Application)
        .where(Application.position_id == position.id)
        .options(selectinload(Application.decisions), selectinload(Application.user))
        .order_by(Application.created_at, Application.id)
    ).all()
    rows = []
    for application in applications:
        decision = application.decision_at(DecisionStage.SCREENING)
        waiting = (
            application.withdrawn_at is None
            and application.test_released_at is None
            and (decision is None or decision.decision == DecisionKind.HOLD)
        )
        rows.append(ScreeningRow(application=application, decision=decision, waiting=waiting))
    rows.sort(key=lambda r: (not r.waiting, r.application.created_at, r.application.id))
    return rows
