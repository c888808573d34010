"""Saving the weights tried on the board (administrators only): they override position.yaml's until reset; both
actions are audited with the weights before (assessment.selection.weights)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext
from flask_login import current_user

from ..extensions import session
from ..selection import weights
from ..web.roles import admin_required
from .blueprint import bp
from .lookups import position_or_404


@bp.route("/positions/<slug>/weights", methods=["POST"])
@admin_required
def weights_save(slug: str):
    db = session()
    position = position_or_404(slug)
    try:
        saved = weights.save(db, position, request.form.to_dict(), current_user, request.form.get("reason", ""))
    except weights.WeightsError as exc:
        db.rollback()
        flash(str(exc), "error")
    else:
        flash(
            gettext(
                "Weights saved: %(coding)s %% coding, %(essay)s %% essay. They override position.yaml's until you "
                "reset them; the weights before are in the audit log.",
                coding=f"{saved.coding * 100:.0f}",
                essay=f"{saved.essay * 100:.0f}",
            ),
            "success",
        )
    return redirect(url_for("review.board", slug=slug))


@bp.route("/positions/<slug>/weights/reset", methods=["POST"])
@admin_required
def weights_reset(slug: str):
    db = session()
    position = position_or_404(slug)
    weights.reset(db, position, current_user)
    flash(gettext("The board uses position.yaml's weights again."), "success")
    return redirect(url_for("review.board", slug=slug))
