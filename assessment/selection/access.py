"""Who may see and do what in a position's review. The web areas enforce these rules on every page and endpoint
(review/access.py, the CV download); no template decides them.

- Administrators see every position and who every candidate is, decide and release; they do not grade.
- A reviewer sees the positions they are assigned to. Per assignment, grading essays (`can_grade`, the default) and
  deciding (`can_decide`) are separate permissions (`ReviewPermission`).
- While a grader's grading of a position is open (until an administrator closes the position's grading), the board,
  candidate pages, reports, code similarity, CSV and CVs of that position are closed to them: their grades stay
  blind. Afterwards they see those pages with candidates as pseudonyms ("Candidate 7KQ2MX", one per application, so
  stable across the position's pages and different in every position).
- Names, emails, institutions, CVs and decision notes are shown only to administrators and to reviewers who may
  decide and are not grading the position."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..enums import ReviewPermission, Role
from ..models import Application, Position, ReviewerAssignment

BOARD_CLOSED = _l(
    "Your grading of this position is still open, so its board, candidates and reports stay closed to "
    "you: grades are given without knowing who wrote an essay or how they did elsewhere. They open for "
    "you when an administrator closes the position's grading."
)
NOT_A_GRADER = _l(
    "You do not grade essays of this position. Grading is a permission an administrator gives reviewers "
    "per position; administrators, who see who the candidates are, do not grade."
)
NOT_A_DECIDER = _l(
    "Deciding (shortlist, hold, reject) is a separate permission from grading; an administrator grants it per "
    "position on the reviewers page."
)


def visible_positions(db: Session, user: Any) -> list[Position]:
    """The positions in the user's review area: every active one for administrators, the assigned ones otherwise."""
    query = select(Position).where(Position.retired_at.is_(None)).order_by(Position.sort_order, Position.title)
    if user.role != Role.ADMIN:
        query = query.join(ReviewerAssignment, ReviewerAssignment.position_id == Position.id).where(
            ReviewerAssignment.user_id == user.id
        )
    return list(db.scalars(query))


def assignment(db: Session, position: Position, user: Any) -> ReviewerAssignment | None:
    if getattr(user, "role", None) != Role.REVIEWER:
        return None
    return db.scalar(
        select(ReviewerAssignment).where(
            ReviewerAssignment.user_id == user.id, ReviewerAssignment.position_id == position.id
        )
    )


def has_permission(db: Session, position: Position, user: Any, permission: ReviewPermission) -> bool:
    found = assignment(db, position, user)
    return found is not None and bool(getattr(found, permission.column))


def can_review(db: Session, position: Position, user: Any) -> bool:
    """The position appears in the user's review area (admins: every position)."""
    return getattr(user, "role", None) == Role.ADMIN or assignment(db, position, user) is not None


def may_grade(db: Session, position: Position, user: Any) -> bool:
    return has_permission(db, position, user, ReviewPermission.GRADE)


def grading_open(db: Session, position: Position, user: Any) -> bool:
    """The user grades this position and its grading is not closed yet: they must not see identities or results."""
    return position.grading_closed_at is None and may_grade(db, position, user)


def may_see_results(db: Session, position: Position, user: Any) -> bool:
    return can_review(db, position, user) and not grading_open(db, position, user)


def may_decide(db: Session, position: Position, user: Any) -> bool:
    if getattr(user, "role", None) == Role.ADMIN:
        return True
    return has_permission(db, position, user, ReviewPermission.DECIDE) and not grading_open(db, position, user)


def may_see_identity(db: Session, position: Position, user: Any) -> bool:
    """Names, emails, institutions, CVs and decision notes: administrators and deciders who are not grading."""
    return may_decide(db, position, user)


def label_for(identity: bool) -> Callable[[Application], str]:
    """How pages name a candidate for this viewer: their name, or the application's pseudonym."""

    def label(application: Application) -> str:
        return application.user.name if identity else application.pseudonym_label

    return label
