"""Candidate pages for reviewers: scores, submissions with highlighted code and per-test verdicts, integrity signals,
and the similarity evidence (pairs side by side with the matching lines marked). Closed to a grader while their
grading is open; candidates are named or pseudonymous depending on the viewer (assessment.selection.access)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from flask import abort, render_template
from flask_login import current_user
from sqlalchemy import select

from ..enums import DecisionKind, DecisionStage
from ..extensions import session
from ..interviews.scorecards import score as interview_score_of
from ..interviews.scorecards import scorecards as scorecard_list
from ..models import SCORED_KINDS, Application, Problem, Submission, SubmissionKind
from ..selection import access
from ..selection.board import blind, board_rows
from ..selection.decisions import eligible
from ..selection.decisions import history as decision_history
from ..selection.evidence import final_submission, integrity_events, scored_submissions, similar_pairs
from ..selection.integrity import duration_text
from ..selection.scoring import problem_score, rule_of, words
from ..web.localized import localized
from ..web.roles import staff_required
from .access import application_or_404, label_for, may_decide, may_see_identity, results_position_or_403
from .blueprint import bp
from .highlight import highlight
from .integrity import timeline_svg
from .playback import playback_page_data


def candidate_problems(db, position, attempt) -> list[dict]:
    """Per active problem: all the candidate's submissions (newest first), the final one and the problem score."""
    problems = position.active_problems
    if attempt is None:
        return [{"problem": p, "submissions": [], "final": None, "score": 0.0} for p in problems]
    all_subs = list(
        db.scalars(
            select(Submission)
            .where(
                Submission.attempt_id == attempt.id,
                Submission.problem_id.in_([p.id for p in problems]),
                Submission.kind.in_((*SCORED_KINDS, SubmissionKind.SAMPLES)),
            )
            .order_by(Submission.created_at.desc(), Submission.id.desc())
        )
    )
    scored = defaultdict(list)
    for sub in scored_submissions(db, [attempt.id], [p.id for p in problems]):
        scored[sub.problem_id].append(sub)
    result = []
    rule = rule_of(position)
    for p in problems:
        result.append(
            {
                "problem": p,
                "submissions": [s for s in all_subs if s.problem_id == p.id],
                "final": final_submission(scored[p.id], rule),
                "score": problem_score(((s.kind, s.score) for s in scored[p.id]), rule),
            }
        )
    return result


def _row_for(db, position, application_id):
    row = next((r for r in board_rows(db, position) if r.application_id == application_id), None)
    return row if row is None or may_see_identity(position) else blind([row])[0]


def viewer(position) -> dict[str, Any]:
    """What the templates need to name candidates for this viewer."""
    identity = may_see_identity(position)
    return {
        "identity": identity,
        "who": label_for(identity),
        "can_decide": may_decide(position),
        "rule": words(position),
    }


@bp.route("/positions/<slug>/candidates/<int:application_id>")
@staff_required
def candidate(slug: str, application_id: int):
    position = results_position_or_403(slug)
    application = application_or_404(position, application_id)
    db = session()
    attempt = application.attempt
    pairs = [p for p in similar_pairs(db, position) if application.id in (p.application_a, p.application_b)]
    apps = {a.id: a for a in db.scalars(select(Application).where(Application.position_id == position.id))}
    events = integrity_events(db, attempt.id) if attempt else []
    timeline = None
    if attempt is not None:
        end = attempt.finished_at or max(attempt.deadline_at, attempt.started_at)
        timeline = timeline_svg(attempt.started_at, end, events)
    interview: dict[str, Any] = {
        "slot": access.booked_slot(db, application),
        "owed": access.awaits_own_scorecard(db, application, current_user),
        "visible": access.may_see_scorecards(db, application, current_user),
    }
    if interview["visible"]:
        interview["score"] = interview_score_of(scorecard_list(db, application))
    return render_template(
        "review/candidate.html",
        position=position,
        application=application,
        attempt=attempt,
        history=decision_history(application),
        interview=interview,
        stage_kinds={stage: DecisionKind.at(stage) for stage in (DecisionStage.TEST, DecisionStage.INTERVIEW)},
        final_open=eligible(db, application, DecisionStage.INTERVIEW) is None,
        row=_row_for(db, position, application.id),
        problems=candidate_problems(db, position, attempt),
        events=events,
        timeline=timeline,
        duration_text=duration_text,
        pairs=pairs,
        apps=apps,
        problem_titles={
            p.id: (localized(p.current_version).title if p.current_version else p.slug) for p in position.problems
        },
        **viewer(position),
    )


@bp.route("/positions/<slug>/candidates/<int:application_id>/submissions/<int:submission_id>")
@staff_required
def submission(slug: str, application_id: int, submission_id: int):
    position = results_position_or_403(slug)
    application = application_or_404(position, application_id)
    sub = session().get(Submission, submission_id)
    if sub is None or application.attempt is None or sub.attempt_id != application.attempt.id:
        abort(404)
    return render_template(
        "review/submission.html",
        position=position,
        application=application,
        sub=sub,
        code=highlight(sub.source, sub.language),
        playback=playback_page_data(position, application, sub),
        **viewer(position),
    )


@bp.route("/positions/<slug>/similarity")
@staff_required
def similarity_list(slug: str):
    position = results_position_or_403(slug)
    db = session()
    pairs = similar_pairs(db, position)
    apps = {a.id: a for a in db.scalars(select(Application).where(Application.position_id == position.id))}
    problems = {p.id: p for p in position.problems}
    return render_template(
        "review/similarity.html", position=position, pairs=pairs, apps=apps, problems=problems, **viewer(position)
    )


@bp.route("/positions/<slug>/similarity/<int:submission_a>/<int:submission_b>")
@staff_required
def similarity_pair(slug: str, submission_a: int, submission_b: int):
    position = results_position_or_403(slug)
    db = session()
    pair = next(
        (
            p
            for p in similar_pairs(db, position)
            if (p.submission_a, p.submission_b) in ((submission_a, submission_b), (submission_b, submission_a))
        ),
        None,
    )
    if pair is None:
        abort(404)
    sub_a, sub_b = db.get(Submission, pair.submission_a), db.get(Submission, pair.submission_b)
    if sub_a is None or sub_b is None:
        abort(404)
    app_a, app_b = db.get(Application, pair.application_a), db.get(Application, pair.application_b)
    problem = db.get(Problem, pair.problem_id)
    return render_template(
        "review/similarity_pair.html",
        position=position,
        pair=pair,
        problem=problem,
        sides=[
            (app_a, sub_a, highlight(sub_a.source, sub_a.language, pair.lines_a)),
            (app_b, sub_b, highlight(sub_b.source, sub_b.language, pair.lines_b)),
        ],
        **viewer(position),
    )
