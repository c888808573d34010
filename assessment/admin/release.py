"""Closing a position's essay grading and releasing its decisions to candidates (admins only).

Releasing goes through a confirmation page: how many of each decision, who gets which email, and whether any essay
is still ungraded or awaiting adjudication; then release is refused unless the administrator overrides with a
written reason, which is audited. A form made from an older state of the page (a decision changed meanwhile) is
refused too. Nothing is sent by a POST that did not come from that page."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from flask_login import current_user

from ..enums import DecisionStage
from ..extensions import session
from ..models import Position, audit, utcnow
from ..selection.decisions import UNDECIDED, WITHDRAWN, DecisionError, release, release_plan, stage_of
from ..web.roles import admin_required
from .blueprint import bp
from .lookups import position_or_404

MIN_REASON = 10


@bp.route("/positions/<slug>/close-grading", methods=["POST"])
@admin_required
def close_grading(slug: str):
    db = session()
    position = position_or_404(slug)
    if position.grading_closed_at is None:
        position.grading_closed_at = utcnow()
        audit(db, "position.close_grading", actor=current_user, target=position)
        db.commit()
        flash(gettext("Grading is closed: reviewers can no longer grade or revise essays of this position."), "success")
    return redirect(url_for("review.board", slug=slug))


@bp.route("/positions/<slug>/reopen-grading", methods=["POST"])
@admin_required
def reopen_grading(slug: str):
    db = session()
    position = position_or_404(slug)
    if position.grading_closed_at is not None:
        position.grading_closed_at = None
        audit(db, "position.reopen_grading", actor=current_user, target=position)
        db.commit()
        flash(
            gettext(
                "Grading is open again. Graders of this position no longer see its board and candidates until it "
                "closes again."
            ),
            "success",
        )
    return redirect(url_for("review.board", slug=slug))


# Where each stage's decisions are taken (the page the release page links back to).
BACK = {
    DecisionStage.SCREENING: "review.screening",
    DecisionStage.TEST: "review.board",
    DecisionStage.INTERVIEW: "review.interviews",
}


def _stage(value: str | None) -> DecisionStage:
    try:
        return stage_of(value)
    except DecisionError:
        abort(404)


def _confirmation(position: Position, stage: DecisionStage, status: int = 200, error: str | None = None):
    plan = release_plan(session(), position, stage)
    return render_template(
        "admin/release.html",
        position=position,
        plan=plan,
        stage=stage,
        back=url_for(BACK[stage], slug=position.slug),
        undecided=UNDECIDED,
        withdrawn=WITHDRAWN,
        error=error,
        min_reason=MIN_REASON,
        reason=request.form.get("reason", ""),
    ), status


@bp.route("/positions/<slug>/release-decisions")
@admin_required
def release_confirmation(slug: str):
    return _confirmation(position_or_404(slug), _stage(request.args.get("stage")))


@bp.route("/positions/<slug>/release-decisions", methods=["POST"])
@admin_required
def release_decisions(slug: str):
    db = session()
    position = position_or_404(slug)
    stage = _stage(request.form.get("stage"))
    if request.form.get("confirm") != "yes":
        return _confirmation(
            position,
            stage,
            400,
            gettext("Nothing was sent. Check the decisions and recipients below, then confirm on this page."),
        )
    plan = release_plan(db, position, stage)
    if request.form.get("fingerprint") != plan.fingerprint:
        return _confirmation(
            position,
            stage,
            409,
            gettext(
                "Nothing was sent: the decisions changed since this page was opened. "
                "Check the updated counts and recipients, then confirm again."
            ),
        )
    reason = " ".join((request.form.get("reason") or "").split())[:2000]
    if plan.brake:
        if request.form.get("override") != "yes" or len(reason) < MIN_REASON:
            if plan.ungraded_essays:
                why = ngettext(
                    "%(num)d essay is not fully graded or awaits adjudication. Wait for the grading",
                    "%(num)d essays are not fully graded or await adjudication. Wait for the grading",
                    plan.ungraded_essays,
                )
            else:
                why = ngettext(
                    "%(num)d interviewer scorecard of these candidates is not submitted. Wait for it",
                    "%(num)d interviewer scorecards of these candidates are not submitted. Wait for them",
                    plan.missing_scorecards,
                )
            return _confirmation(
                position,
                stage,
                409,
                gettext(
                    "Nothing was sent: %(why)s, or release anyway with a written reason (at least %(min)d characters).",
                    why=why,
                    min=MIN_REASON,
                ),
            )
        audit(
            db,
            "position.release_override",
            actor=current_user,
            target=position,
            stage=stage,
            reason=reason,
            ungraded_essays=plan.ungraded_essays,
            missing_scorecards=plan.missing_scorecards,
            counts=plan.counts,
            recipients=len(plan.recipients),
        )
        db.commit()
    first = plan.first
    sent = release(db, position, current_user, stage)
    failed = len(plan.recipients) - sent
    parts = [gettext("Decisions released.")] if first else []
    parts.append(
        ngettext(
            "%(num)d email sent; candidates on hold or without a decision were not notified.",
            "%(num)d emails sent; candidates on hold or without a decision were not notified.",
            sent,
        )
    )
    if failed:
        parts.append(
            ngettext(
                "%(num)d email could not be sent and stays pending.",
                "%(num)d emails could not be sent and stay pending.",
                failed,
            )
        )
    flash(" ".join(parts), "success" if not failed else "error")
    return redirect(url_for(BACK[stage], slug=slug))
