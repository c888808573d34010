"""The reviewer's home (positions with their grading progress), a position's grading queue and "grade the next
essay" (the queue's rules are in assessment.selection.essay_queue)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext
from flask_login import current_user

from ..extensions import session
from ..selection.essay_queue import next_review, queue_summary
from ..web.roles import staff_required
from .access import (
    grader_position_or_403,
    grading_open,
    may_decide,
    may_grade,
    may_interview,
    may_screen,
    may_see_results,
    visible_positions,
)
from .blueprint import bp


@bp.route("/")
@staff_required
def home():
    db = session()
    positions = visible_positions()
    summaries = {p.id: queue_summary(db, p, current_user) for p in positions if p.has_essay and may_grade(p)}
    access = {
        p.id: {
            "grades": may_grade(p),
            "results": may_see_results(p),
            "open": grading_open(p),
            "screens": may_screen(p),
            "interviews": may_interview(p) or (p.has_interview and may_decide(p)),
        }
        for p in positions
    }
    return render_template("review/home.html", positions=positions, summaries=summaries, access=access)


@bp.route("/positions/<slug>/queue")
@staff_required
def queue(slug: str):
    position = grader_position_or_403(slug)
    summary = queue_summary(session(), position, current_user)
    return render_template("review/queue.html", position=position, summary=summary, results=may_see_results(position))


@bp.route("/positions/<slug>/queue/next")
@staff_required
def queue_next(slug: str):
    position = grader_position_or_403(slug)
    if position.grading_closed_at is not None:
        flash(gettext("Grading of this position is closed."), "info")
        return redirect(url_for("review.queue", slug=slug))
    review = next_review(session(), position, current_user)
    if review is None:
        flash(gettext("There is no essay left for you to grade in this position."), "success")
        return redirect(url_for("review.queue", slug=slug))
    return redirect(url_for("review.grade", review_id=review.id))
