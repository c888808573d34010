"""Who may see which position: admins see all, reviewers only the positions they are assigned to."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from ..extensions import session
from ..models import Application, Position, ReviewerAssignment, Role


def visible_positions(user=None) -> list[Position]:
    user = user or current_user
    db = session()
    query = select(Position).where(Position.retired_at.is_(None)).order_by(Position.sort_order, Position.title)
    if user.role != Role.ADMIN:
        query = query.join(ReviewerAssignment, ReviewerAssignment.position_id == Position.id).where(
            ReviewerAssignment.user_id == user.id
        )
    return list(db.scalars(query))


def can_review(position: Position, user=None) -> bool:
    user = user or current_user
    if user.role == Role.ADMIN:
        return True
    if user.role != Role.REVIEWER:
        return False
    return (
        session().scalar(
            select(ReviewerAssignment.id).where(
                ReviewerAssignment.user_id == user.id, ReviewerAssignment.position_id == position.id
            )
        )
        is not None
    )


def position_or_404(slug: str) -> Position:
    """The position, if the signed-in staff member may review it; 404 otherwise (existence is not revealed)."""
    position = session().scalar(select(Position).where(Position.slug == slug))
    if position is None or not can_review(position):
        abort(404)
    return position


def application_or_404(position: Position, application_id: int) -> Application:
    application = session().get(Application, application_id)
    if application is None or application.position_id != position.id:
        abort(404)
    return application
