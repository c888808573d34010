"""The candidate's own page: every application with its stage, and the positions still open to apply for."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user
from sqlalchemy import select

from ..applications.stages import application_stage, window_problem
from ..extensions import session
from ..models import Application, ApplicationStage, Position, utcnow
from ..web.roles import candidate_required
from .blueprint import bp


@bp.route("/me")
@candidate_required
def dashboard():
    db = session()
    now = utcnow()
    applications = db.scalars(
        select(Application)
        .where(Application.user_id == current_user.id)
        .order_by(Application.created_at.desc(), Application.id.desc())
    ).all()
    rows = []
    for application in applications:
        stage = application_stage(application, now)
        position = application.position
        rows.append(
            {
                "application": application,
                "position": position,
                "stage": stage,
                "label": stage.label,
                "deadline_passed": position.test_deadline_at is not None and now >= position.test_deadline_at,
                "decision": application.decision.decision.candidate_text
                if stage == ApplicationStage.DECISION and application.decision is not None
                else None,
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
    return render_template("candidate/dashboard.html", rows=rows, open_positions=open_positions)
