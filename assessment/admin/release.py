"""Closing a position's essay grading and releasing its decisions to candidates (admins only)."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_login import current_user
from sqlalchemy import select

from ..extensions import session
from ..models import Position, audit, utcnow
from ..selection.decisions import release
from ..web.roles import admin_required
from .blueprint import bp


def _position(slug: str) -> Position:
    position = session().scalar(select(Position).where(Position.slug == slug))
    if position is None:
        abort(404)
    return position


@bp.route("/positions/<slug>/close-grading", methods=["POST"])
@admin_required
def close_grading(slug: str):
    db = session()
    position = _position(slug)
    if position.grading_closed_at is None:
        position.grading_closed_at = utcnow()
        audit(db, "position.close_grading", actor=current_user, target=position)
        db.commit()
        flash("Grading is closed: reviewers can no longer grade or revise essays of this position.", "success")
    return redirect(url_for("review.board", slug=slug))


@bp.route("/positions/<slug>/reopen-grading", methods=["POST"])
@admin_required
def reopen_grading(slug: str):
    db = session()
    position = _position(slug)
    if position.grading_closed_at is not None:
        position.grading_closed_at = None
        audit(db, "position.reopen_grading", actor=current_user, target=position)
        db.commit()
        flash("Grading is open again.", "success")
    return redirect(url_for("review.board", slug=slug))


@bp.route("/positions/<slug>/release-decisions", methods=["POST"])
@admin_required
def release_decisions(slug: str):
    position = _position(slug)
    first = position.decisions_released_at is None
    sent = release(session(), position, current_user)
    flash(
        ("Decisions released. " if first else "") + f"{sent} email(s) sent; candidates on hold were not notified.",
        "success",
    )
    return redirect(url_for("review.board", slug=slug))
