"""A printable report per candidate and position for hiring managers: scores, essays with grades and comments,
code with verdicts. Printing to PDF is the browser's job (print CSS in static/css/review.css)."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import select

from ..extensions import session
from ..models import EssayAnswer
from ..selection.evidence import graded_answers
from ..selection.scoring import criterion_points
from ..web.roles import staff_required
from .access import application_or_404, results_position_or_403
from .blueprint import bp
from .highlight import highlight
from .submissions import _row_for, candidate_problems, viewer


@bp.route("/positions/<slug>/candidates/<int:application_id>/report")
@staff_required
def report(slug: str, application_id: int):
    position = results_position_or_403(slug)
    application = application_or_404(position, application_id)
    db = session()
    attempt = application.attempt
    essays = []
    if attempt is not None:
        prompt_ids = {p.id for p in position.active_prompts}
        answers = [
            a
            for a in db.scalars(
                select(EssayAnswer).where(EssayAnswer.attempt_id == attempt.id, EssayAnswer.final.is_(True))
            )
            if a.prompt_id in prompt_ids
        ]
        graded = graded_answers(db, answers)
        order = {p.id: i for i, p in enumerate(position.active_prompts)}
        for answer in sorted(answers, key=lambda a: order[a.prompt_id]):
            item = graded[answer.id]
            criteria = answer.prompt_version.criteria
            essays.append(
                {
                    "answer": answer,
                    "version": answer.prompt_version,
                    "reviews": item.reviews,
                    "score": item.score,
                    "criteria": criteria,
                    "aggregate": criterion_points([c.id for c in criteria], item.grades),
                }
            )
    problems = candidate_problems(db, position, attempt)
    for entry in problems:
        final = entry["final"]
        entry["code"] = highlight(final.source, final.language) if final else None
    return render_template(
        "review/report.html",
        position=position,
        application=application,
        attempt=attempt,
        row=_row_for(db, position, application.id),
        essays=essays,
        problems=problems,
        **viewer(position),
    )
