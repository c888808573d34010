"""The timed test: start page, overview with the side panel, server clock, finishing and the confirmation page.
Shared helpers for the coding and essay views live here too."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..attempts.clock import (
    AttemptClosed,
    TestUnavailable,
    availability_problem,
    clock_payload,
    contents,
    is_due_for_finalizing,
    is_over,
    start_attempt,
)
from ..attempts.finalize import finalize_attempt
from ..attempts.submissions import language_info
from ..extensions import session, settings
from ..models import (
    SCORED_KINDS,
    Application,
    Attempt,
    CodeDraft,
    EssayAnswer,
    Submission,
    SubmissionStatus,
    Verdict,
    utcnow,
)
from ..selection.scoring import coding_score, counted_submission, rule_of, words
from ..web.localized import localized
from ..web.roles import candidate_required
from .blueprint import bp

# ---------------------------------------------------------------------------------------------- helpers


# The application with its attempt and position in one query (the test's frequent requests have it already:
# request_rows.py read it with the user).
_WITH_ATTEMPT_AND_POSITION = (joinedload(Application.attempt), joinedload(Application.position))


def own_application(application_id: int) -> Application:
    """The signed-in candidate's application, or 404 (never reveal that someone else's exists)."""
    application = session().get(Application, application_id, options=_WITH_ATTEMPT_AND_POSITION)
    if application is None or application.user_id != current_user.id:
        abort(404)
    return application


def own_attempt(application_id: int) -> tuple[Application, Attempt]:
    application = own_application(application_id)
    attempt = application.attempt
    if attempt is None:
        abort(404, description=gettext("You have not started this test yet."))
    return application, attempt


def settle(attempt: Attempt) -> None:
    """Finalize an attempt whose time is up if the background finalizer has not done it yet."""
    if is_due_for_finalizing(attempt, settings=settings()):
        finalize_attempt(session(), attempt.id)
        session().refresh(attempt)


def closed(exc: AttemptClosed):
    return jsonify(error="deadline_passed", message=exc.message), 409


def bad_request(message: str, status: int = 400):
    return jsonify(error="bad_request", message=message), status


def conflict(what: str, theirs: dict):
    """A save from a tab that had not seen the stored text: both texts stay, the candidate chooses."""
    if what == "code":
        message = gettext(
            "This code was changed in another tab or on another device after this page loaded, so your text here "
            "was not saved over it. Both texts are shown: choose which one to keep."
        )
    else:
        message = gettext(
            "This answer was changed in another tab or on another device after this page loaded, so your text here "
            "was not saved over it. Both texts are shown: choose which one to keep."
        )
    return jsonify(error="conflict", theirs=theirs, message=message), 409


def json_body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description="Expected a JSON object.")
    return data


def side_panel(application: Application, attempt: Attempt) -> dict:
    """Navigation entries with status badges for every problem and essay."""
    info = contents(application)
    drafts = {d.problem_id for d in session().scalars(select(CodeDraft).where(CodeDraft.attempt_id == attempt.id))}
    graded = (
        session()
        .execute(
            select(Submission.problem_id, Submission.verdict, Submission.status).where(
                Submission.attempt_id == attempt.id, Submission.kind.in_(SCORED_KINDS)
            )
        )
        .all()
    )
    answers = {
        a.prompt_id: a for a in session().scalars(select(EssayAnswer).where(EssayAnswer.attempt_id == attempt.id))
    }
    # (text, tone, state): the state names the badge for the page's script, whatever the language
    problems = []
    for index, problem in enumerate(info.problems):
        mine = [row for row in graded if row.problem_id == problem.id]
        if any(row.verdict == Verdict.AC for row in mine):
            badge = (gettext("Solved"), "ok", "solved")
        elif any(row.status != SubmissionStatus.DONE for row in mine):
            badge = (gettext("Judging"), "warn", "judging")
        elif mine:
            badge = (gettext("Submitted"), "bad", "submitted")
        elif problem.id in drafts:
            badge = (gettext("Draft"), "muted", "draft")
        else:
            badge = (gettext("Not started"), "muted", "not-started")
        problems.append(
            {
                "problem": problem,
                "label": f"{chr(65 + index) if index < 26 else index + 1}. {localized(problem.current_version).title}",
                "badge": badge,
            }
        )
    essays = []
    for index, prompt in enumerate(info.prompts):
        answer = answers.get(prompt.id)
        version = prompt.current_version
        if answer is None or not answer.word_count:
            badge = (gettext("Not started"), "muted", "not-started")
        else:
            words_text = ngettext("%(num)d word", "%(num)d words", answer.word_count)
            within = version.min_words <= answer.word_count <= version.max_words
            badge = (words_text, "ok" if within else "warn", "written")
        essays.append(
            {
                "prompt": prompt,
                "label": gettext("Essay %(num)d. %(title)s", num=index + 1, title=localized(version).title),
                "badge": badge,
            }
        )
    return {"problems": problems, "essays": essays}


def page_context(application: Application, attempt: Attempt, **extra) -> dict:
    now = utcnow()
    return dict(
        application=application,
        attempt=attempt,
        position=application.position,
        panel=side_panel(application, attempt),
        clock=clock_payload(attempt, now, settings()),
        over=is_over(attempt, now),
        rule=words(application.position),
        **extra,
    )


def counted_results(application: Application, attempt: Attempt) -> tuple[list[dict], float | None]:
    """Per problem, the submission that counts under the position's scoring rule and its score, and the coding
    score: computed exactly as the selection board computes them (selection/scoring.py)."""
    info = contents(application)
    if not info.problems:
        return [], None
    rule = rule_of(application.position)
    submissions = (
        session()
        .scalars(
            select(Submission)
            .where(Submission.attempt_id == attempt.id, Submission.kind.in_(SCORED_KINDS))
            .order_by(Submission.created_at, Submission.id)
        )
        .all()
    )
    rows = []
    for problem in info.problems:
        mine = [s for s in submissions if s.problem_id == problem.id]
        chosen = counted_submission([s for s in mine if s.status == SubmissionStatus.DONE], rule)
        rows.append(
            {
                "problem": problem,
                "submission": chosen,
                "score": chosen.score if chosen and chosen.score is not None else 0.0,
                "pending": [s for s in mine if s.status != SubmissionStatus.DONE],
                "submitted": len(mine),
            }
        )
    return rows, coding_score([row["score"] for row in rows])


# ---------------------------------------------------------------------------------------------- pages


@bp.route("/applications/<int:application_id>/test")
@candidate_required
def test_start(application_id: int):
    application = own_application(application_id)
    if application.attempt is not None:
        settle(application.attempt)
        if application.attempt.finished_at is not None:
            return redirect(url_for("candidate.test_done", application_id=application.id))
    return render_template(
        "candidate/test_start.html",
        application=application,
        position=application.position,
        info=contents(application),
        attempt=application.attempt,
        problem=availability_problem(application),
        languages=[language_info(lang) for lang in application.position.languages or []],
        rule=words(application.position),
    )


@bp.route("/applications/<int:application_id>/test/start", methods=["POST"])
@candidate_required
def test_begin(application_id: int):
    application = own_application(application_id)
    try:
        start_attempt(session(), application)
    except TestUnavailable as exc:
        flash(exc.message, "error")  # worded in the candidate's language where it was raised
        return redirect(url_for("candidate.test_start", application_id=application.id))
    return redirect(url_for("candidate.test", application_id=application.id))


@bp.route("/applications/<int:application_id>/test/overview")
@candidate_required
def test(application_id: int):
    application, attempt = own_attempt(application_id)
    settle(attempt)
    return render_template("candidate/test.html", **page_context(application, attempt, info=contents(application)))


@bp.route("/applications/<int:application_id>/test/clock")
@candidate_required
def test_clock(application_id: int):
    _, attempt = own_attempt(application_id)
    return jsonify(clock_payload(attempt, utcnow(), settings()))


@bp.route("/applications/<int:application_id>/test/finish", methods=["GET", "POST"])
@candidate_required
def test_finish(application_id: int):
    application, attempt = own_attempt(application_id)
    if request.method == "GET":
        if attempt.finished_at is not None:
            return redirect(url_for("candidate.test_done", application_id=application.id))
        return render_template("candidate/finish.html", **page_context(application, attempt))
    if attempt.finished_at is None:
        now = utcnow()
        attempt.finished_at = min(now, attempt.deadline_at)
        session().commit()
    settle(attempt)
    return redirect(url_for("candidate.test_done", application_id=application.id))


@bp.route("/applications/<int:application_id>/test/done")
@candidate_required
def test_done(application_id: int):
    application, attempt = own_attempt(application_id)
    settle(attempt)
    if not is_over(attempt):
        return redirect(url_for("candidate.test", application_id=application.id))
    info = contents(application)
    problems, coding = counted_results(application, attempt)
    answers = {
        a.prompt_id: a for a in session().scalars(select(EssayAnswer).where(EssayAnswer.attempt_id == attempt.id))
    }
    essays = [{"prompt": prompt, "answer": answers.get(prompt.id)} for prompt in info.prompts]
    return render_template(
        "candidate/done.html",
        application=application,
        attempt=attempt,
        position=application.position,
        problems=problems,
        coding=coding,
        essays=essays,
        rule=words(application.position),
    )
