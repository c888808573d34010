"""The essay grading queue: which answer a reviewer grades next, with 30-minute reservations.

A reviewer is handed, first, an answer flagged for adjudication that they did not grade and nobody is adjudicating;
otherwise the answer with the fewest graders that still has fewer than `position.reviews_per_essay` graders
(submitted grades plus live reservations) and that they have not graded. Handing it out creates their EssayReview
with `submitted_at` None (the reservation); a reservation older than 30 minutes is released."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..models import Application, Attempt, EssayAnswer, EssayReview, Position, ReviewRole, utcnow
from .scoring import ADJUDICATOR, GRADER, needs_adjudication

RESERVATION = timedelta(minutes=30)


@dataclass
class AnswerState:
    answer_id: int
    reviews: list[EssayReview] = field(default_factory=list)
    flagged: bool = False

    @property
    def submitted_graders(self) -> list[EssayReview]:
        return [r for r in self.reviews if r.role == GRADER and r.submitted_at is not None]

    @property
    def graders(self) -> list[EssayReview]:
        return [r for r in self.reviews if r.role == GRADER]

    @property
    def adjudicators(self) -> list[EssayReview]:
        return [r for r in self.reviews if r.role == ADJUDICATOR]

    @property
    def adjudicated(self) -> bool:
        return any(r.submitted_at is not None for r in self.adjudicators)

    def reviewer_ids(self) -> set[int]:
        return {r.reviewer_id for r in self.reviews}


def final_answers(db: Session, position: Position) -> list[EssayAnswer]:
    """Final answers to the position's active prompts, oldest first."""
    prompt_ids = [p.id for p in position.active_prompts]
    if not prompt_ids:
        return []
    return list(
        db.scalars(
            select(EssayAnswer)
            .join(Attempt, EssayAnswer.attempt_id == Attempt.id)
            .join(Application, Attempt.application_id == Application.id)
            .where(
                Application.position_id == position.id,
                EssayAnswer.final.is_(True),
                EssayAnswer.prompt_id.in_(prompt_ids),
            )
            .order_by(EssayAnswer.id)
        )
    )


def expire_reservations(db: Session, answer_ids: list[int]) -> None:
    if not answer_ids:
        return
    db.execute(
        delete(EssayReview)
        .where(
            EssayReview.answer_id.in_(answer_ids),
            EssayReview.submitted_at.is_(None),
            EssayReview.reserved_at < utcnow() - RESERVATION,
        )
        .execution_options(synchronize_session=False)
    )


def answer_states(db: Session, position: Position, answers: list[EssayAnswer] | None = None) -> dict[int, AnswerState]:
    answers = final_answers(db, position) if answers is None else answers
    states = {a.id: AnswerState(a.id) for a in answers}
    if states:
        for review in db.scalars(
            select(EssayReview).where(EssayReview.answer_id.in_(list(states))).order_by(EssayReview.id)
        ):
            states[review.answer_id].reviews.append(review)
    for state in states.values():
        state.flagged = needs_adjudication(
            [r.total or 0.0 for r in state.submitted_graders], position.adjudication_threshold
        )
    return states


def next_review(db: Session, position: Position, user: Any) -> EssayReview | None:
    """The reviewer's current reservation, or a new one; None when there is nothing left for them. Commits."""
    answers = final_answers(db, position)
    expire_reservations(db, [a.id for a in answers])
    db.flush()
    states = answer_states(db, position, answers)
    for state in states.values():
        for review in state.reviews:
            if review.reviewer_id == user.id and review.submitted_at is None:
                review.reserved_at = utcnow()
                db.commit()
                return review
    needed = max(1, position.reviews_per_essay)
    for state in states.values():
        if state.flagged and not state.adjudicators and user.id not in state.reviewer_ids():
            return _reserve(db, state.answer_id, user, ADJUDICATOR)
    open_states = [s for s in states.values() if len(s.graders) < needed and user.id not in s.reviewer_ids()]
    open_states.sort(key=lambda s: (len(s.graders), s.answer_id))
    for state in open_states:
        return _reserve(db, state.answer_id, user, GRADER)
    db.commit()
    return None


def _reserve(db: Session, answer_id: int, user: Any, role: ReviewRole) -> EssayReview:
    now = utcnow()
    review = EssayReview(answer_id=answer_id, reviewer_id=user.id, role=role, reserved_at=now, updated_at=now)
    db.add(review)
    db.commit()
    return review


def queue_summary(db: Session, position: Position, user: Any) -> dict[str, Any]:
    states = answer_states(db, position)
    needed = max(1, position.reviews_per_essay)
    mine = [r for s in states.values() for r in s.reviews if r.reviewer_id == user.id and r.submitted_at is not None]
    return {
        "answers": len(states),
        "fully_graded": sum(1 for s in states.values() if len(s.submitted_graders) >= needed),
        "flagged": sum(1 for s in states.values() if s.flagged),
        "adjudicated": sum(1 for s in states.values() if s.flagged and s.adjudicated),
        "waiting_for_me": sum(
            1
            for s in states.values()
            if user.id not in s.reviewer_ids() and (len(s.graders) < needed or (s.flagged and not s.adjudicators))
        ),
        # an essay handed to the user and not submitted yet: "grade the next essay" goes back to it
        "reserved_for_me": sum(
            1 for s in states.values() for r in s.reviews if r.reviewer_id == user.id and r.submitted_at is None
        ),
        "mine": sorted(mine, key=lambda r: r.submitted_at, reverse=True),
    }
