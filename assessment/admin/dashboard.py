"""The admin dashboard: positions with their application counts, and one position's page."""

from __future__ import annotations

from flask import abort, render_template
from sqlalchemy import func, select

from ..extensions import session
from ..models import Application, Position, Role, Submission, SubmissionStatus, User
from ..privacy.withdrawal import deletion_requests
from ..selection import weights
from ..web.roles import admin_required
from .blueprint import bp


@bp.route("/")
@admin_required
def dashboard():
    db = session()
    positions = db.scalars(
        select(Position).order_by(Position.retired_at.is_not(None), Position.sort_order, Position.title)
    ).all()
    counts = dict(db.execute(select(Application.position_id, func.count()).group_by(Application.position_id)).all())
    stats = {
        "candidates": db.scalar(select(func.count()).select_from(User).where(User.role == Role.CANDIDATE)) or 0,
        "applications": sum(counts.values()),
        "queued": db.scalar(
            select(func.count()).select_from(Submission).where(Submission.status != SubmissionStatus.DONE)
        )
        or 0,
        "deletion_requests": len(deletion_requests(db)),
    }
    return render_template("admin/dashboard.html", positions=positions, counts=counts, stats=stats)


@bp.route("/positions/<slug>")
@admin_required
def position(slug: str):
    item = session().scalar(select(Position).where(Position.slug == slug))
    if item is None:
        abort(404)
    return render_template(
        "admin/position.html",
        position=item,
        weight=weights.effective(item),
        default_weight=weights.defaults(item),
        weight_changes=weights.changes(session(), item),
    )
