"""The candidate's own page: every application with the stage it honestly stands at (only released decisions count),
what to do next (take the test, book the interview, nothing), and the positions still open to apply for."""

from __future__ import annotations

from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..applications.stages import stage_view, window_problem
from ..extensions import session
from ..interviews.booking import current_booking
from ..models import Application, ApplicationStage, Position, utcnow
from ..web.roles import candidate_required
from .blueprint import bp

# The steps the dashboard draws, in order: (key, label, the stages that are that step).
STEPS = (
    ("applied", _l("Applied"), (ApplicationStage.APPLIED,)),
    ("test", _l("Test"), (ApplicationStage.TEST_AVAILABLE, ApplicationStage.IN_TEST)),
    ("test_done", _l("Test done"), (ApplicationStage.TEST_DONE,)),
    ("review", _l("Review"), (ApplicationStage.UNDER_REVIEW,)),
    ("interview", _l("Interview"), (ApplicationStage.INTERVIEW,)),
    ("decision", _l("Decision"), (ApplicationStage.DECISION,)),
)


def steps_for(position: Position, stage: ApplicationStage, reached: int) -> list[dict]:
    """The progress steps with their state (done, current, later, skipped): a position without an interview stage
    has none, and an application decided early never pretends to have passed the later steps."""
    steps = [(key, label, stages) for key, label, stages in STEPS if key != "interview" or position.has_interview]
    current = next((i for i, (_, _, stages) in enumerate(steps) if stage in stages), None)
    result = []
    for index, (key, label, _stages) in enumerate(steps):
        if current is None:
            state = "later"
        elif index < current:
            state = "done" if index <= reached else "skipped"
        elif index == current:
            state = "current"
        else:
            state = "later"
        result.append({"key": key, "label": label, "state": state})
    return result


def reached_step(application: Application) -> int:
    """The furthest step the application actually went through (before a decision that ended it)."""
    if application.attempt is not None:
        return 3
    if application.test_released_at is not None:
        return 1
    return 0


@bp.route("/me")
@candidate_required
def dashboard():
    db = session()
    now = utcnow()
    applications = db.scalars(
        select(Application)
        .where(Application.user_id == current_user.id)
        .options(selectinload(Application.decisions), selectinload(Application.position))
        .order_by(Application.created_at.desc(), Application.id.desc())
    ).all()
    rows = []
    for application in applications:
        view = stage_view(application, now)
        position = application.position
        rows.append(
            {
                "application": application,
                "position": position,
                "stage": view.stage,
                "label": view.stage.label,
                "steps": steps_for(position, view.stage, reached_step(application)),
                "deadline_passed": position.test_deadline_at is not None and now >= position.test_deadline_at,
                "decision": view.message or None,
                "decision_stage": view.decision.stage if view.decision is not None else None,
                "booking": current_booking(db, application) if view.stage == ApplicationStage.INTERVIEW else None,
            }
        )
    applied = {a.position_id for a in applications}
    open_positions = [
        p
        for p in db.scalars(
            select(Position).where(Position.retired_at.is_(None)).order_by(Position.sort_order, Position.title)
        ).all()
        if p.id not in applied and window_problem(p, now) is None
    ]
    return render_template(
        "candidate/dashboard.html",
        rows=rows,
        open_positions=open_positions,
        deletion_requested=current_user.deletion_requested_at,
    )
