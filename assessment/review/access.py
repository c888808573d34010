"""Who may see and do what in a position's review, enforced here for every page and endpoint of the review area
(never by a template). The rules are in assessment.selection.access; these helpers apply them to the signed-in user
and answer 404 (a position or candidate the user may not know of) or 403 (one they may not open now)."""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from ..extensions import session
from ..models import Application, Position
from ..selection import access
from ..selection.access import (
    BOARD_CLOSED,
    NOT_A_DECIDER,
    NOT_A_GRADER,
    NOT_A_SCREENER,
    NOT_AN_INTERVIEWER,
    STATISTICS_CLOSED,
    label_for,
)

__all__ = [
    "application_or_404",
    "can_review",
    "decider_position_or_403",
    "grader_position_or_403",
    "grading_open",
    "interviews_position_or_403",
    "label_for",
    "may_decide",
    "may_grade",
    "may_interview",
    "may_replay_code",
    "may_screen",
    "may_see_every_grader_offset",
    "may_see_identity",
    "may_see_results",
    "position_or_404",
    "replay_position_or_403",
    "results_position_or_403",
    "screener_position_or_403",
    "statistics_position_or_403",
    "visible_positions",
]


def _user(user: Any) -> Any:
    return user if user is not None else current_user


def visible_positions(user: Any = None) -> list[Position]:
    return access.visible_positions(session(), _user(user))


def can_review(position: Position, user: Any = None) -> bool:
    return access.can_review(session(), position, _user(user))


def may_grade(position: Position, user: Any = None) -> bool:
    return access.may_grade(session(), position, _user(user))


def grading_open(position: Position, user: Any = None) -> bool:
    return access.grading_open(session(), position, _user(user))


def may_see_results(position: Position, user: Any = None) -> bool:
    return access.may_see_results(session(), position, _user(user))


def may_see_every_grader_offset(position: Position, user: Any = None) -> bool:
    return access.may_see_every_grader_offset(session(), position, _user(user))


def may_replay_code(position: Position, user: Any = None) -> bool:
    return access.may_replay_code(session(), position, _user(user))


def may_decide(position: Position, user: Any = None) -> bool:
    return access.may_decide(session(), position, _user(user))


def may_see_identity(position: Position, user: Any = None) -> bool:
    return access.may_see_identity(session(), position, _user(user))


def may_screen(position: Position, user: Any = None) -> bool:
    return access.may_screen(session(), position, _user(user))


def may_interview(position: Position, user: Any = None) -> bool:
    return access.may_interview(session(), position, _user(user))


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


def statistics_position_or_403(slug: str) -> Position:
    """The position for its statistics page and exports: 403 while the user's grading is open."""
    position = position_or_404(slug)
    if not access.may_see_statistics(session(), position, current_user):
        abort(403, description=STATISTICS_CLOSED)
    return position


def replay_position_or_403(slug: str) -> Position:
    """The position for replaying a candidate's code: 403 while the user's grading is open."""
    position = position_or_404(slug)
    if not may_replay_code(position):
        abort(403, description=BOARD_CLOSED)
    return position


def grader_position_or_403(slug: str) -> Position:
    """The position for its grading queue: 403 for a reviewer who does not grade it (and for administrators)."""
    position = position_or_404(slug)
    if not may_grade(position):
        abort(403, description=NOT_A_GRADER)
    return position


def decider_position_or_403(slug: str) -> Position:
    """The position for recording decisions: 403 without the permission to decide."""
    position = position_or_404(slug)
    if not may_decide(position):
        abort(403, description=NOT_A_DECIDER)
    return position


def screener_position_or_403(slug: str) -> Position:
    """The position for its CV screening: 403 without the permission to screen (and for graders while grading)."""
    position = position_or_404(slug)
    if not may_screen(position):
        abort(403, description=NOT_A_SCREENER)
    return position


def interviews_position_or_403(slug: str) -> Position:
    """The position's interview page: interviewers, deciders and administrators."""
    position = position_or_404(slug)
    if not (may_interview(position) or may_decide(position)):
        abort(403, description=NOT_AN_INTERVIEWER)
    return position


def application_or_404(position: Position, application_id: int) -> Application:
    application = session().get(Application, application_id)
    if application is None or application.position_id != position.id:
        abort(404)
    return application
