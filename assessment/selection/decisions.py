"""Selection decisions (shortlist / hold / reject, with a note) and their release to candidates.

Nothing reaches a candidate before an admin releases the position's decisions, through a confirmation page that shows
how many of each decision there are and who will be emailed (`release_plan`); release is refused while essays are
ungraded or awaiting adjudication unless the admin overrides with a written reason (audited). On release, and whenever
an admin sends pending emails afterwards, shortlisted candidates get the interview invitation and rejected ones a
courteous rejection; "hold" sends nothing. Each Decision is notified at most once: `notified_at` is claimed with a
compare-and-set before the email goes out, and a decision a candidate has been told about can no longer change."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..db import rowcount
from ..extensions import settings
from ..mail import send_mail, subject
from ..models import Application, Decision, DecisionKind, Position, audit, utcnow
from .essay_queue import answer_states

log = logging.getLogger(__name__)

# The decisions that send an email on release (DecisionKind.email); the others send nothing.
NOTIFY = {kind: kind.email for kind in DecisionKind if kind.email is not None}


UNDECIDED = "undecided"  # the count of applications without a decision, beside one count per DecisionKind


class DecisionError(Exception):
    pass


@dataclass
class ReleasePlan:
    """What releasing (or sending the pending emails of) a position would do, for the confirmation page."""

    first: bool  # the decisions have not been released yet
    counts: dict[str, int] = field(default_factory=dict)  # per DecisionKind value, and UNDECIDED
    recipients: list[tuple[Application, Decision]] = field(default_factory=list)  # each gets one email
    ungraded_essays: int = 0  # final answers not fully graded or awaiting adjudication

    @property
    def fingerprint(self) -> str:
        """Changes when anything on the page would change: the form is refused if it no longer matches."""
        data = [
            self.first,
            sorted(self.counts.items()),
            self.ungraded_essays,
            [(d.id, str(d.decision), a.user.email) for a, d in self.recipients],
        ]
        return hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()[:32]


def ungraded_essays(db: Session, position: Position) -> int:
    """Final answers of the position that still lack a grade or await adjudication."""
    needed = max(1, position.reviews_per_essay)
    return sum(
        1
        for state in answer_states(db, position).values()
        if len(state.submitted_graders) < needed or (state.flagged and not state.adjudicated)
    )


def release_plan(db: Session, position: Position) -> ReleasePlan:
    applications = db.scalars(
        select(Application).where(Application.position_id == position.id).order_by(Application.id)
    ).all()
    plan = ReleasePlan(
        first=position.decisions_released_at is None,
        counts={**{kind.value: 0 for kind in DecisionKind}, UNDECIDED: 0},
    )
    for application in applications:
        decision = application.decision
        plan.counts[decision.decision.value if decision else UNDECIDED] += 1
        if decision is not None and decision.decision in NOTIFY and decision.notified_at is None:
            plan.recipients.append((application, decision))
    plan.ungraded_essays = ungraded_essays(db, position) if position.has_essay else 0
    return plan


def set_decision(db: Session, application: Application, decision: str, note: str, actor: Any) -> Decision:
    try:
        kind = DecisionKind(decision)
    except ValueError:
        raise DecisionError(
            gettext("Choose one of: %(decisions)s.", decisions=", ".join(str(k.label) for k in DecisionKind))
        ) from None
    note = (note or "").strip()[:5000]
    current = application.decision
    if current is not None and current.notified_at is not None and current.decision != kind:
        raise DecisionError(
            gettext("The candidate has already been told about this decision; it can no longer change.")
        )
    old = (current.decision, current.note) if current else (None, None)
    if current is None:
        current = Decision(application_id=application.id, decision=kind)
        db.add(current)
        application.decision = current
    current.decision = kind
    current.note = note
    current.decided_by_id = actor.id
    current.decided_at = utcnow()
    db.flush()
    audit(
        db,
        "decision.set",
        actor=actor,
        target=current,
        application_id=application.id,
        old_decision=old[0],
        new_decision=kind,
        old_note=old[1],
        note=note,
    )
    db.commit()
    return current


def send_pending(db: Session, position: Position) -> int:
    """Email every shortlisted/rejected candidate of a released position not yet notified. Returns emails sent."""
    if position.decisions_released_at is None:
        return 0
    pending = db.scalars(
        select(Decision)
        .join(Application, Decision.application_id == Application.id)
        .where(
            Application.position_id == position.id, Decision.notified_at.is_(None), Decision.decision.in_(tuple(NOTIFY))
        )
    ).all()
    sent = 0
    for decision in pending:
        claimed = db.execute(
            update(Decision)
            .where(Decision.id == decision.id, Decision.notified_at.is_(None))
            .values(notified_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        db.commit()
        if rowcount(claimed) != 1:
            continue  # someone else is sending it
        db.refresh(decision)
        template, words = NOTIFY[decision.decision]
        candidate = decision.application.user
        try:
            send_mail(
                candidate.email,
                subject(words, title=position.title),
                template,
                locale=candidate.locale,
                name=candidate.name,
                position=position,
                base_url=settings().base_url.rstrip("/"),
            )
        except Exception:
            log.exception("decision email failed", extra={"decision_id": decision.id})
            db.execute(update(Decision).where(Decision.id == decision.id).values(notified_at=None))
            db.commit()
            continue
        audit(
            db,
            "decision.notified",
            target=decision,
            application_id=decision.application_id,
            decision=decision.decision,
            email=candidate.email,
        )
        db.commit()
        sent += 1
    return sent


def release(db: Session, position: Position, actor) -> int:
    """Release the position's decisions (once) and send the pending emails. Returns emails sent."""
    if position.decisions_released_at is None:
        position.decisions_released_at = utcnow()
        audit(db, "position.release_decisions", actor=actor, target=position)
        db.commit()
    return send_pending(db, position)
