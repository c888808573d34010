"""Selection decisions at every stage (CV screening, after the test, after the interviews), their history, and their
release to candidates.

- One vocabulary (`DecisionKind`, `DecisionStage` in assessment/enums.py): each kind names the stages it may be taken
  at. Every decision is a new row, so a candidate's rows are their decision history (who, when, what, note); the
  decision that stands at a stage is the latest of that stage.
- Nothing reaches a candidate before an administrator releases the stage's decisions, through a confirmation page
  that shows how many of each decision there are and who will be emailed (`release_plan`). The brake: after the test,
  release is refused while essays are ungraded or awaiting adjudication; after the interviews, while an interviewer
  of a candidate being decided has not submitted their scorecard; either unless the administrator overrides with a
  written reason (audited). The one exception is an advance at screening, which releases the test (and its email)
  at once (assessment.applications.screening).
- On release, and whenever an administrator sends pending emails afterwards, each decision that emails (shortlist,
  offer, reject) is sent at most once: `notified_at` is claimed with a compare-and-set before the email goes out, and
  a decision a candidate has been told about can no longer change. Withdrawn and erased candidates get no email."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import url_for
from flask_babel import gettext
from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from ..db import rowcount
from ..enums import DecisionStage
from ..extensions import settings
from ..mail import send_mail, subject
from ..models import (
    Application,
    Attempt,
    Decision,
    DecisionKind,
    InterviewPanelist,
    InterviewSlot,
    Position,
    Scorecard,
    User,
    audit,
    utcnow,
)
from .essay_queue import answer_states

log = logging.getLogger(__name__)

# The decisions that send an email on release (DecisionKind.email); the others send nothing.
NOTIFY = {kind: kind.email for kind in DecisionKind if kind.email is not None}

UNDECIDED = "undecided"  # the count of applications without a decision, beside one count per DecisionKind
WITHDRAWN = "withdrawn"  # the count of withdrawn applications (never emailed)


class DecisionError(Exception):
    pass


def stage_of(value: str | None) -> DecisionStage:
    """A stage from a form or URL value; the test stage when none is given."""
    if not value:
        return DecisionStage.TEST
    try:
        return DecisionStage(value)
    except ValueError:
        raise DecisionError(gettext("Unknown stage %(stage)r.", stage=value)) from None


def _applications(db: Session, position: Position) -> Sequence[Application]:
    return db.scalars(
        select(Application)
        .where(Application.position_id == position.id)
        .options(selectinload(Application.decisions), selectinload(Application.user))
        .order_by(Application.id)
    ).all()


def eligible(db: Session, application: Application, stage: DecisionStage, started: bool | None = None) -> str | None:
    """Why no decision at `stage` can be taken about the application now (None when one can). `started`: whether the
    candidate started the test, when the caller already knows."""
    if application.withdrawn_at is not None:
        return gettext("The candidate withdrew this application; it can no longer be decided.")
    if application.user.erased_at is not None:
        return gettext("This candidate's data was erased; the application can no longer be decided.")
    if stage in (DecisionStage.SCREENING, DecisionStage.TEST) and started is None:
        started = db.scalar(select(Attempt.id).where(Attempt.application_id == application.id)) is not None
    if stage == DecisionStage.SCREENING:
        if started:
            return gettext("The candidate has already started the test, so the CV screening is behind them.")
        return None
    if stage == DecisionStage.TEST:
        if not started:
            return gettext("The candidate has not taken the test yet; decide after the test, or at the CV screening.")
        return None
    shortlisted = application.released_decision_at(DecisionStage.TEST)
    if shortlisted is None or shortlisted.decision != DecisionKind.SHORTLIST:
        return gettext("Only candidates told they are shortlisted after the test reach the interview stage.")
    return None


def set_decision(
    db: Session,
    application: Application,
    decision: str,
    note: str,
    actor: Any,
    stage: DecisionStage = DecisionStage.TEST,
) -> Decision:
    """Record a decision at `stage` (a new history row). Commits."""
    allowed = DecisionKind.at(stage)
    try:
        kind = DecisionKind(decision)
    except ValueError:
        kind = None
    if kind is None or kind not in allowed:
        raise DecisionError(
            gettext("Choose one of: %(decisions)s.", decisions=", ".join(str(k.label) for k in allowed))
        )
    if kind == DecisionKind.ADVANCE:
        raise DecisionError(gettext("Advance a candidate from the screening page: it releases their test at once."))
    problem = eligible(db, application, stage)
    if problem:
        raise DecisionError(problem)
    note = (note or "").strip()[:5000]
    current = application.decision_at(stage)
    if current is not None and current.notified_at is not None and current.decision != kind:
        raise DecisionError(
            gettext("The candidate has already been told about this decision; it can no longer change.")
        )
    if current is not None and current.decision == kind and current.note == note:
        return current
    row = Decision(
        application_id=application.id,
        stage=stage,
        decision=kind,
        note=note,
        decided_by_id=getattr(actor, "id", actor),
        decided_at=utcnow(),
    )
    if current is not None and current.decision == kind:  # only the note changed: what candidates saw stands
        row.released_at, row.notified_at = current.released_at, current.notified_at
    db.add(row)
    application.decisions.append(row)
    db.flush()
    audit(
        db,
        "decision.set",
        actor=actor,
        target=row,
        application_id=application.id,
        stage=stage,
        old_decision=current.decision if current else None,
        new_decision=kind,
        old_note=current.note if current else None,
        note=note,
    )
    db.commit()
    return row


# ------------------------------------------------------------------------------------------------ release


@dataclass
class ReleasePlan:
    """What releasing a stage's decisions of a position (or sending its pending emails) would do, for the
    confirmation page."""

    stage: DecisionStage
    first: bool  # no decision of this stage has been released yet
    kinds: list[DecisionKind] = field(default_factory=list)  # the decisions of this stage, in order
    counts: dict[str, int] = field(default_factory=dict)  # per DecisionKind value, UNDECIDED and WITHDRAWN
    pending: list[Decision] = field(default_factory=list)  # standing decisions candidates have not been shown
    recipients: list[tuple[Application, Decision]] = field(default_factory=list)  # each gets one email
    ungraded_essays: int = 0  # after the test: final answers not fully graded or awaiting adjudication
    missing_scorecards: int = 0  # after the interviews: scorecards not submitted for candidates being decided

    @property
    def brake(self) -> int:
        return self.ungraded_essays + self.missing_scorecards

    @property
    def fingerprint(self) -> str:
        """Changes when anything on the page would change: the form is refused if it no longer matches."""
        data = [
            self.stage.value,
            self.first,
            sorted(self.counts.items()),
            self.ungraded_essays,
            self.missing_scorecards,
            sorted(d.id for d in self.pending),
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


def missing_scorecards(db: Session, application_ids: list[int]) -> int:
    """Scorecards not yet submitted by the panels of these candidates' interviews that have started."""
    if not application_ids:
        return 0
    now = utcnow()
    missing = 0
    slots = db.scalars(
        select(InterviewSlot).where(InterviewSlot.application_id.in_(application_ids), InterviewSlot.starts_at <= now)
    ).all()
    for slot in slots:
        panel = {slot.interviewer_id} | set(
            db.scalars(select(InterviewPanelist.user_id).where(InterviewPanelist.slot_id == slot.id))
        )
        done = set(db.scalars(select(Scorecard.interviewer_id).where(Scorecard.application_id == slot.application_id)))
        missing += len(panel - done)
    return missing


def _in_stage(db: Session, application: Application, stage: DecisionStage, started: bool) -> bool:
    """The application has reached `stage` (it is counted there, decided or not)."""
    if application.withdrawn_at is not None:
        return False
    if stage == DecisionStage.SCREENING:
        return application.position.unlock.screened or application.decision_at(stage) is not None
    return eligible(db, application, stage, started) is None or application.decision_at(stage) is not None


def release_plan(db: Session, position: Position, stage: DecisionStage = DecisionStage.TEST) -> ReleasePlan:
    kinds = DecisionKind.at(stage)
    plan = ReleasePlan(
        stage=stage, first=True, kinds=kinds, counts={**{k.value: 0 for k in kinds}, UNDECIDED: 0, WITHDRAWN: 0}
    )
    started = set(
        db.scalars(
            select(Attempt.application_id)
            .join(Application, Application.id == Attempt.application_id)
            .where(Application.position_id == position.id)
        )
    )
    for application in _applications(db, position):
        if any(d.stage == stage and d.released_at is not None for d in application.decisions):
            plan.first = False
        if application.withdrawn_at is not None:
            plan.counts[WITHDRAWN] += 1
            continue
        if not _in_stage(db, application, stage, application.id in started):
            continue
        decision = application.decision_at(stage)
        if decision is None:
            plan.counts[UNDECIDED] += 1
            continue
        plan.counts[decision.decision.value] += 1
        if decision.released_at is None:
            plan.pending.append(decision)
        if decision.decision in NOTIFY and decision.notified_at is None and application.user.erased_at is None:
            plan.recipients.append((application, decision))
    if stage == DecisionStage.TEST and position.has_essay:
        plan.ungraded_essays = ungraded_essays(db, position)
    if stage == DecisionStage.INTERVIEW:
        plan.missing_scorecards = missing_scorecards(db, [d.application_id for d in plan.pending])
    return plan


def release(db: Session, position: Position, actor: Any, stage: DecisionStage = DecisionStage.TEST) -> int:
    """Release the stage's standing decisions (candidates see them from now on) and send the pending emails.
    Returns the number of emails sent."""
    plan = release_plan(db, position, stage)
    now = utcnow()
    for decision in plan.pending:
        decision.released_at = now
    if position.decisions_released_at is None:
        position.decisions_released_at = now
    audit(
        db,
        "position.release_decisions",
        actor=actor,
        target=position,
        stage=stage,
        released=len(plan.pending),
        counts=plan.counts,
    )
    db.commit()
    return send_pending(db, position, stage)


def booking_link(application: Application) -> str | None:
    """Where a shortlisted candidate chooses an interview time (positions with an interview stage)."""
    if not application.position.has_interview:
        return None
    return settings().base_url.rstrip("/") + url_for("candidate.interview", application_id=application.id)


def send_pending(db: Session, position: Position, stage: DecisionStage = DecisionStage.TEST) -> int:
    """Email every candidate whose released decision at `stage` sends an email and was not sent yet. Returns the
    number of emails sent."""
    pending = db.scalars(
        select(Decision)
        .join(Application, Decision.application_id == Application.id)
        .join(User, Application.user_id == User.id)
        .where(
            Application.position_id == position.id,
            Application.withdrawn_at.is_(None),
            User.erased_at.is_(None),
            Decision.stage == stage,
            Decision.released_at.is_not(None),
            Decision.notified_at.is_(None),
            Decision.decision.in_(tuple(NOTIFY)),
        )
    ).all()
    sent = 0
    for decision in pending:
        if decision.application.decision_at(stage) is not decision:
            continue  # superseded by a newer decision (which is released on its own)
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
        application = decision.application
        candidate = application.user
        try:
            send_mail(
                candidate.email,
                subject(words, title=position.title),
                template,
                locale=candidate.locale,
                name=candidate.name,
                position=position,
                stage=stage,
                booking_link=booking_link(application) if decision.decision == DecisionKind.SHORTLIST else None,
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
            stage=stage,
            decision=decision.decision,
            email=candidate.email,
        )
        db.commit()
        sent += 1
    return sent


# ------------------------------------------------------------------------------------------------ history


@dataclass(frozen=True)
class HistoryEntry:
    """One decision of a candidate, as the candidate's page lists it."""

    stage: DecisionStage
    decision: DecisionKind
    note: str
    by: str  # who decided ("" when automatic)
    at: Any
    released_at: Any
    notified_at: Any
    standing: bool  # the decision that stands at its stage


def history(application: Application) -> list[HistoryEntry]:
    """Every decision taken about the application, oldest first."""
    standing = {d.stage: d.id for d in application.decisions}
    return [
        HistoryEntry(
            stage=d.stage,
            decision=d.decision,
            note=d.note,
            by=d.decided_by.name if d.decided_by is not None else "",
            at=d.decided_at,
            released_at=d.released_at,
            notified_at=d.notified_at,
            standing=standing[d.stage] == d.id,
        )
        for d in application.decisions
    ]
