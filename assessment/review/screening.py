"""CV screening of a position's applications: screeners (and administrators) see what screening needs (name,
education, institution, graduation year, when they applied, the CV) and advance, hold or reject each application with
a note. The rules are in assessment.applications.screening; who may screen in assessment.selection.access."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user

from ..applications.screening import screen, screening_rows
from ..enums import DecisionStage
from ..extensions import session
from ..models import DecisionKind
from ..selection.decisions import DecisionError, release_plan
from ..web.roles import staff_required
from .access import application_or_404, screener_position_or_403
from .blueprint import bp


@bp.route("/positions/<slug>/screening")
@staff_required
def screening(slug: str):
    position = screener_position_or_403(slug)
    db = session()
    rows = screening_rows(db, position)
    return render_template(
        "review/screening.html",
        position=position,
        rows=rows,
        waiting=sum(1 for r in rows if r.waiting),
        kinds=DecisionKind.at(DecisionStage.SCREENING),
        plan=release_plan(db, position, DecisionStage.SCREENING),
    )


@bp.route("/positions/<slug>/screening/<int:application_id>", methods=["POST"])
@staff_required
def screen_application(slug: str, application_id: int):
    position = screener_position_or_403(slug)
    application = application_or_404(position, application_id)
    db = session()
    decision = request.form.get("decision", "")
    try:
        screen(db, application, decision, request.form.get("note", ""), current_user)
    except DecisionError as exc:
        db.rollback()
        flash(str(exc), "error")
    else:
        if decision == DecisionKind.ADVANCE:
            flash(
                gettext("%(name)s is advanced: the test is released and its link emailed.", name=application.user.name),
                "success",
            )
        else:
            flash(
                gettext(
                    "Screening decision for %(name)s: %(decision)s. Candidates are told when an administrator "
                    "releases the screening decisions.",
                    name=application.user.name,
                    decision=DecisionKind(decision).label,
                ),
                "success",
            )
    return redirect(url_for("review.screening", slug=slug) + f"#application-{application.id}")
