"""Interviewers' scorecards: one per interviewer and candidate, rating each criterion of the position's interview
(position.yaml `interview.criteria`) from 1 to its `scale`, with an overall recommendation and notes. A scorecard can
be filled once the interview has started, only by an interviewer on its panel, and is final once submitted. Who may
read others' scorecards is in assessment.selection.access (an interviewer only after submitting their own)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..enums import InterviewRecommendation
from ..models import Application, Scorecard, User, audit, utcnow
from ..selection.access import booked_slot, may_interview
from ..selection.scoring import as_percent, interview_score, scorecard_score
from .rules import settings_of


class ScorecardError(ValueError):
    """A scorecard the rules refuse; the message says why."""


def scorecards(db: Session, application: Application) -> list[Scorecard]:
    return list(db.scalars(select(Scorecard).where(Scorecard.application_id == application.id).order_by(Scorecard.id)))


def own(db: Session, application: Application, user: Any) -> Scorecard | None:
    return db.scalar(
        select(Scorecard).where(
            Scorecard.application_id == application.id, Scorecard.interviewer_id == getattr(user, "id", None)
        )
    )


def fill_problem(db: Session, application: Application, user: Any, now: datetime | None = None) -> str | None:
    """Why the user may not fill a scorecard of this candidate now (None when they may)."""
    if application.user.erased_at is not None:
        return gettext("This candidate's data was erased.")
    if not may_interview(db, application.position, user):
        return gettext("Only interviewers of this position fill scorecards.")
    slot = booked_slot(db, application)
    if slot is None or not slot.on_panel(user.id):
        return gettext("You are not on this candidate's interview panel.")
    if slot.starts_at > (now or utcnow()):
        return gettext("The scorecard opens when the interview starts.")
    if own(db, application, user) is not None:
        return gettext("You have submitted your scorecard; it is final.")
    return None


def submit(
    db: Session,
    application: Application,
    user: User,
    ratings: Mapping[str, Any],
    recommendation: str,
    notes: str,
    now: datetime | None = None,
) -> Scorecard:
    """Submit the user's scorecard: `ratings` maps each criterion's index ("0", "1", ...) to a rating. Commits."""
    problem = fill_problem(db, application, user, now)
    if problem:
        raise ScorecardError(problem)
    rules = settings_of(application.position)
    assert rules is not None  # a booked slot exists only where the position has an interview stage
    values = []
    for index, name in enumerate(rules.criterion_names):
        raw = ratings.get(str(index))
        try:
            value = int(str(raw))
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= rules.scale:
            raise ScorecardError(
                gettext("Rate “%(criterion)s” from 1 to %(scale)s.", criterion=name, scale=rules.scale)
            )
        values.append(value)
    try:
        choice = InterviewRecommendation(recommendation)
    except ValueError:
        raise ScorecardError(gettext("Choose your overall recommendation.")) from None
    card = Scorecard(
        application_id=application.id,
        interviewer_id=user.id,
        criteria=rules.criterion_names,
        ratings=values,
        scale=rules.scale,
        recommendation=choice,
        notes=(notes or "").strip()[:20000],
        submitted_at=now or utcnow(),
    )
    db.add(card)
    try:
        db.flush()
    except IntegrityError:  # submitted twice at once
        db.rollback()
        raise ScorecardError(gettext("You have submitted your scorecard; it is final.")) from None
    audit(
        db,
        "interview.scorecard_submitted",
        actor=user,
        target=application,
        scorecard_id=card.id,
        ratings=values,
        scale=rules.scale,
        recommendation=choice,
        score=as_percent(scorecard_score(values, rules.scale)),
    )
    db.commit()
    return card


def score(cards: list[Scorecard]) -> float | None:
    """The candidate's interview score in percent (2 decimals), None without a scorecard."""
    return as_percent(interview_score([(list(c.ratings), c.scale) for c in cards]))
