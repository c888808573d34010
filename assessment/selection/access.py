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
  decide and are not grading the position.
- Screeners (`can_screen`) see what screening needs of the position's applications: name, education, institution,
  graduation year, when they applied, the CV. Screening sees identities, so a grader does not screen while their
  grading of the position is open (a grader stays blind).
- Interviewers (`can_interview`) publish availability and fill scorecards; they see the name and CV of the candidates
  whose interview panel they sit on. An interviewer on a candidate's panel sees other interviewers' scorecards of that
  candidate, and the candidate's interview score, only after submitting their own; the same holds for a decider or
  administrator who sits on the panel. Deciders and administrators see every submitted scorecard otherwise. A grader
  does not interview while their grading is open.
- The position's statistics (grader agreement, grader offsets, problem statistics) and their exports follow the
  board: closed to a grader while their grading is open, since they are built from the other graders' grades. Every
  grader's offset by name is for administrators and deciders; any other reviewer sees only their own.
- The replay of a candidate's code (its autosave history) follows the submission pages: administrators, and
  reviewers once their grading of the position is closed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..enums import ReviewPermission, Role
from ..models import Application, InterviewPanelist, InterviewSlot, Position, ReviewerAssignment, Scorecard

BOARD_CLOSED = _l(
    "Your grading of this position is still open, so its board, candidates and reports stay closed to "
    "you: grades are given without knowing who wrote an essay or how they did elsewhere. They open for "
    "you when an administrator closes the position's grading."
)
NOT_A_GRADER = _l(
    "You do not grade essays of this position. Grading is a permission an administrator gives reviewers "
    "per position; administrators, who see who the candidates are, do not grade."
)
STATISTICS_CLOSED = _l(
    "Your grading of this position is still open, so its statistics stay closed to you: they are built from the "
    "other graders' grades. They open for you when an administrator closes the position's grading."
)
NOT_A_DECIDER = _l(
    "Deciding (shortlist, hold, reject) is a separate permission from grading; an administrator grants it per "
    "position on the reviewers page."
)
NOT_A_SCREENER = _l(
    "Screening CVs is a permission an administrator gives reviewers per position on the reviewers page. A reviewer "
    "who grades the position's essays does not screen it while grading is open, so that their grades stay blind."
)
NOT_AN_INTERVIEWER = _l(
    "Interviewing is a permission an administrator gives reviewers per position on the reviewers page. A reviewer "
    "who grades the position's essays does not interview while grading is open, so that their grades stay blind."
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


def may_screen(db: Session, position: Position, user: Any) -> bool:
    """Advance, hold or reject applications at the CV stage, seeing CVs: administrators, and screeners who are not
    grading the position."""
    if getattr(user, "role", None) == Role.ADMIN:
        return True
    return has_permission(db, position, user, ReviewPermission.SCREEN) and not grading_open(db, position, user)


def may_interview(db: Session, position: Position, user: Any) -> bool:
    """Publish interview availability and fill scorecards: interviewers who are not grading the position."""
    return has_permission(db, position, user, ReviewPermission.INTERVIEW) and not grading_open(db, position, user)


def booked_slot(db: Session, application: Application) -> InterviewSlot | None:
    return db.scalar(select(InterviewSlot).where(InterviewSlot.application_id == application.id))


def on_panel(db: Session, application: Application, user: Any) -> bool:
    """The user interviews this candidate (their booked slot's panel)."""
    user_id = getattr(user, "id", None)
    if user_id is None:
        return False
    slot = booked_slot(db, application)
    if slot is None:
        return False
    if slot.interviewer_id == user_id:
        return True
    joined = db.scalar(
        select(InterviewPanelist.id).where(InterviewPanelist.slot_id == slot.id, InterviewPanelist.user_id == user_id)
    )
    return joined is not None


def has_submitted_scorecard(db: Session, application: Application, user: Any) -> bool:
    return (
        db.scalar(
            select(Scorecard.id).where(
                Scorecard.application_id == application.id, Scorecard.interviewer_id == getattr(user, "id", None)
            )
        )
        is not None
    )


def awaits_own_scorecard(db: Session, application: Application, user: Any) -> bool:
    """The user sits on the candidate's interview panel and has not submitted their scorecard yet: until then they
    see no other scorecard of the candidate and not the interview score."""
    return on_panel(db, application, user) and not has_submitted_scorecard(db, application, user)


def scorecards_owed(db: Session, position: Position, user: Any) -> set[int]:
    """The applications of the position whose interview panel the user sits on without having submitted a scorecard."""
    user_id = getattr(user, "id", None)
    if user_id is None:
        return set()
    joined = select(InterviewPanelist.slot_id).where(InterviewPanelist.user_id == user_id)
    panels = set(
        db.scalars(
            select(InterviewSlot.application_id).where(
                InterviewSlot.position_id == position.id,
                InterviewSlot.application_id.is_not(None),
                (InterviewSlot.interviewer_id == user_id) | InterviewSlot.id.in_(joined),
            )
        )
    )
    done = set(db.scalars(select(Scorecard.application_id).where(Scorecard.interviewer_id == user_id)))
    return {app_id for app_id in panels - done if app_id is not None}


def may_see_scorecards(db: Session, application: Application, user: Any) -> bool:
    """Other interviewers' scorecards of the candidate (ratings, recommendation, notes)."""
    position = application.position
    if not can_review(db, position, user) or awaits_own_scorecard(db, application, user):
        return False
    if may_decide(db, position, user):
        return True
    return may_interview(db, position, user) and has_submitted_scorecard(db, application, user)


def may_see_cv(db: Session, application: Application, user: Any) -> bool:
    """The CV: administrators and deciders who are not grading, screeners of the position, and the interviewers on
    the candidate's panel."""
    position = application.position
    if may_see_identity(db, position, user) or may_screen(db, position, user):
        return True
    return may_interview(db, position, user) and on_panel(db, application, user)


def may_see_statistics(db: Session, position: Position, user: Any) -> bool:
    return may_see_results(db, position, user)


def may_see_every_grader_offset(db: Session, position: Position, user: Any) -> bool:
    """How harsh each named colleague grades is for the people who run the selection; a grader sees their own."""
    return may_decide(db, position, user)


def may_replay_code(db: Session, position: Position, user: Any) -> bool:
    return may_see_results(db, position, user)


def label_for(identity: bool) -> Callable[[Application], str]:
    """How pages name a candidate for this viewer: their name, or the application's pseudonym."""

    def label(application: Application) -> str:
        return application.user.name if identity else application.pseudonym_label

    return label
