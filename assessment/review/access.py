"""Who may see and do what in a position's review, enforced here for every page and endpoint (never by a template).

- Administrators see every position and who every candidate is, decide and release; they do not grade.
- A reviewer sees the positions they are assigned to. Per assignment, grading essays (`can_grade`, the default) and
  deciding (`can_decide`) are separate permissions.
- While a grader's grading of a position is open (until an administrator closes the position's grading), the board,
  candidate pages, reports, code similarity, CSV and CVs of that position are closed to them: their grades stay
  blind. Afterwards they see those pages with candidates as pseudonyms ("Candidate 7KQ2MX", one per application, so
  stable across the position's pages and different in every position).
- Names, emails, institutions, CVs and decision notes are shown only to administrators and to reviewers who may
  decide and are not grading the position."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from ..extensions import session
from ..models import Application, Position, ReviewerAssignment

BOARD_CLOSED = (
    "Your grading of this position is still open, so its board, candidates and reports stay closed to "
    "you: grades are given without knowing who wrote an essay or how they did elsewhere. They open for "
    "you when an administrator closes the position's grading."
)


def visible_positions(user=None) -> list[Position]:
    user = user or current_user
    db = session()
    query = select(Position).where(Position.retired_at.is_(None)).order_by(Position.sort_order, Position.title)
    if user.role != "admin":
        query = query.join(ReviewerAssignment, ReviewerAssignment.position_id == Position.id).where(
            ReviewerAssignment.user_id == user.id
        )
    return list(db.scalars(query))


def assignment(position: Position, user=None) -> ReviewerAssignment | None:
    user = user or current_user
    if getattr(user, "role", None) != "reviewer":
        return None
    return session().scalar(
        select(ReviewerAssignment).where(
            ReviewerAssignment.user_id == user.id, ReviewerAssignment.position_id == position.id
        )
    )


def can_review(position: Position, user=None) -> bool:
    """The position appears in the user's review area (admins: every position)."""
    user = user or current_user
    return user.role == "admin" or assignment(position, user) is not None


def may_grade(position: Position, user=None) -> bool:
    found = assignment(position, user)
    return found is not None and found.can_grade


def grading_open(position: Position, user=None) -> bool:
    """The user grades this position and its grading is not closed yet: they must not see identities or results."""
    return position.grading_closed_at is None and may_grade(position, user)


def may_see_results(position: Position, user=None) -> bool:
    return can_review(position, user) and not grading_open(position, user)


def may_decide(position: Position, user=None) -> bool:
    user = user or current_user
    if user.role == "admin":
        return True
    found = assignment(position, user)
    return found is not None and found.can_decide and not grading_open(position, user)


def may_see_identity(position: Position, user=None) -> bool:
    """Names, emails, institutions, CVs and decision notes: administrators and deciders who are not grading."""
    return may_decide(position, user)


def position_or_404(slug: str) -> Position:
    """The position, if the signed-in staff member may review it; 404 otherwise (existence is not revealed)."""
    position = session().scalar(select(Position).where(Position.slug == slug))
    if position is None or not can_review(position):
        abort(404)
    return position


def results_position_or_403(slug: str) -> Position:
    """The position for its board, candidate pages, reports and similarity: 403 while the user's grading is open."""
    position = position_or_404(slug)
    if grading_open(position):
        abort(403, description=BOARD_CLOSED)
    return position


def application_or_404(position: Position, application_id: int) -> Application:
    application = session().get(Application, application_id)
    if application is None or application.position_id != position.id:
        abort(404)
    return application


def label_for(identity: bool):
    """How pages name a candidate for this viewer: their name, or the application's pseudonym."""

    def label(application: Application) -> str:
        return application.user.name if identity else application.pseudonym_label

    return label
