"""Recording a selection decision after the test (the board, a candidate's page) or after the interviews (the
interviews page, a candidate's page); the rules are in assessment.selection.decisions. Deciding is a separate
permission from grading (assessment.selection.access); screening decisions are taken on the screening page."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext
from flask_login import current_user

from ..enums import DecisionStage
from ..extensions import session
from ..models import DecisionKind
from ..selection.decisions import DecisionError, set_decision, stage_of
from ..web.roles import staff_required
from .access import application_or_404, decider_position_or_403, label_for, may_see_identity
from .blueprint import bp


@bp.route("/positions/<slug>/candidates/<int:application_id>/decision", methods=["POST"])
@staff_required
def decide(slug: str, application_id: int):
    position = decider_position_or_403(slug)
    application = application_or_404(position, application_id)
    who = label_for(may_see_identity(position))
    db = session()
    try:
        stage = stage_of(request.form.get("stage"))
    except DecisionError:
        abort(400)
    if stage == DecisionStage.SCREENING:
        abort(400, description=gettext("Screening decisions are taken on the screening page."))
    try:
        set_decision(
            db, application, request.form.get("decision", ""), request.form.get("note", ""), current_user, stage
        )
    except DecisionError as exc:
        db.rollback()
        flash(str(exc), "error")
    else:
        flash(
            gettext(
                "Decision for %(name)s: %(decision)s.",
                name=who(application),
                decision=DecisionKind(request.form.get("decision", "")).label,
            ),
            "success",
        )
    target = request.form.get("next")
    if target == "candidate":
        return redirect(url_for("review.candidate", slug=slug, application_id=application.id))
    if target == "interviews":
        return redirect(url_for("review.interviews", slug=slug) + f"#candidate-{application.id}")
    return redirect(url_for("review.board", slug=slug) + f"#candidate-{application.id}")
