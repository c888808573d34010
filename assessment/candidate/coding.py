"""Coding problems in the test: statement + editor page, code autosave, sample/custom runs, submissions and their
live status. Hidden test data, names, times and memory never leave the server: for a hidden test the candidate sees
"Test 7" and its verdict, and how many tests of each group passed."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import abort, jsonify, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext, ngettext
from sqlalchemy import Select, Update, bindparam, func, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import joinedload

from ..attempts import code_history
from ..attempts.clock import AttemptClosed, require_writable
from ..attempts.submissions import QueuePosition, SubmissionRefused, enqueue, language_info, queue_position
from ..extensions import session, settings
from ..models import (
    SCORED_KINDS,
    Application,
    Attempt,
    CodeDraft,
    Problem,
    ProblemVersion,
    Submission,
    SubmissionKind,
    SubmissionStatus,
    Verdict,
    table_of,
    utcnow,
)
from ..web.roles import candidate_required
from .autosave import SaveHistory, read_save_request, save_draft
from .blueprint import bp
from .integrity import PASTE_THRESHOLD
from .test_taking import bad_request, closed, conflict, json_body, own_attempt, page_context, settle

log = logging.getLogger("assessment.candidate")

MAX_SOURCE_CHARS = 100_000
MAX_INPUT_CHARS = 256 * 1024
MAX_SHOWN_CHARS = 20_000
MAX_PENDING_RUNS = 3
BUSY_RETRY_SECONDS = 2
POLL_RUNNING_MS = 500
POLL_PER_QUEUED_AHEAD_MS = 100
POLL_QUEUED_MAX_MS = 15000
RUN = "run"  # "run" is samples or custom input, chosen by the request's `mode`


# What the autosave's checks read of the problem's current version (not its statement): loaded with the problem in
# one query, here and in request_rows.py (which reads it with the user).
AUTOSAVE_VERSION_FIELDS = (ProblemVersion.statement_format,)
_VERSION_FOR_AUTOSAVE = (joinedload(Problem.current_version).load_only(*AUTOSAVE_VERSION_FIELDS),)


def _problem(application, problem_id: int, *, for_autosave: bool = False) -> Problem:
    """The test's problem, or 404. `for_autosave`: the lighter query above."""
    problem = session().get(Problem, problem_id, options=_VERSION_FOR_AUTOSAVE if for_autosave else ())
    if (
        problem is None
        or problem.position_id != application.position_id
        or problem.retired_at is not None
        or problem.current_version_id is None
        or not application.position.has_coding
    ):
        abort(404)
    if (
        problem.current_version is None or not problem.current_version.has_statement
    ):  # never opened to candidates without a statement
        abort(404, description=gettext("This problem is not available yet."))
    return problem


def snapshot_root(version: ProblemVersion) -> Path:
    path = Path(version.snapshot_path)
    return path if path.is_absolute() else settings().snapshot_dir / path


def _read(path: Path) -> str:
    try:
        with path.open("r", encoding="utf-8", errors="replace") as handle:
            text = handle.read(MAX_SHOWN_CHARS + 1)
    except OSError:
        return ""
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS] + "\n" + gettext("… (truncated)")


def _shown(base: Path, *overrides: str) -> Path | None:
    """The first file that exists among `base` + each suffix (display overrides of the package format)."""
    return next(
        (base.with_name(base.name + suffix) for suffix in overrides if base.with_name(base.name + suffix).is_file()),
        None,
    )


def samples(version: ProblemVersion) -> list[dict]:
    """Sample tests as the statement shows them: input and expected output (`.in.statement`, `.ans.statement` and
    `.out` override what is shown), or the transcript of an `.interaction` file (interactive problems)."""
    folder = snapshot_root(version) / "data" / "sample"
    if not folder.is_dir():
        return []
    bases = sorted(
        {p.name.split(".", 1)[0] for p in folder.iterdir() if p.is_file() and p.name.endswith((".in", ".interaction"))}
    )
    items = []
    for index, name in enumerate(bases, start=1):
        base = folder / name
        interaction = _shown(base, ".interaction")
        if interaction is not None:
            lines = _read(interaction).splitlines()
            items.append(
                {
                    "label": gettext("Sample %(num)d", num=index),
                    "interaction": [
                        {
                            "who": "judge" if line.startswith("<") else "you" if line.startswith(">") else "",
                            "text": line[1:] if line[:1] in "<>" else line,
                        }
                        for line in lines
                    ],
                }
            )
            continue
        if version.is_interactive:
            continue  # an interactive problem's .in/.ans are for the validator, not for candidates
        shown_in, shown_ans = _shown(base, ".in.statement", ".in"), _shown(base, ".ans.statement", ".out", ".ans")
        if shown_in is None:
            continue
        items.append(
            {
                "label": gettext("Sample %(num)d", num=index),
                "input": _read(shown_in),
                "expected": _read(shown_ans) if shown_ans else "",
            }
        )
    return items


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() + "Z" if value else None


def _status_url(application_id: int, submission: Submission) -> str:
    return url_for("candidate.test_submission", application_id=application_id, submission_id=submission.id)


# ---------------------------------------------------------------------------------------------- page


@bp.route("/applications/<int:application_id>/test/problems/<int:problem_id>")
@candidate_required
def test_problem(application_id: int, problem_id: int):
    application, attempt = own_attempt(application_id)
    settle(attempt)
    problem = _problem(application, problem_id)
    version = problem.current_version
    assert version is not None  # _problem() only returns problems with a current version
    languages = [language_info(lang) for lang in application.position.languages or []]
    drafts = (
        session()
        .scalars(
            select(CodeDraft)
            .where(CodeDraft.attempt_id == attempt.id, CodeDraft.problem_id == problem.id)
            .order_by(CodeDraft.updated_at.desc())
        )
        .all()
    )
    allowed = {lang["id"] for lang in languages}
    current = next((d.language for d in drafts if d.language in allowed), languages[0]["id"] if languages else "python")
    history = (
        session()
        .scalars(
            select(Submission)
            .where(
                Submission.attempt_id == attempt.id,
                Submission.problem_id == problem.id,
                Submission.kind.in_(SCORED_KINDS),
            )
            .order_by(Submission.created_at.desc(), Submission.id.desc())
            .limit(20)
        )
        .all()
    )
    context = page_context(
        application,
        attempt,
        problem=problem,
        version=version,
        samples=samples(version),
        languages=languages,
        history=history,
    )
    context["page_data"] = {
        "kind": "coding",
        "problem_id": problem.id,
        "urls": {
            "draft": url_for("candidate.test_code_draft", application_id=application.id, problem_id=problem.id),
            "run": url_for("candidate.test_run", application_id=application.id, problem_id=problem.id),
            "submit": url_for("candidate.test_submit", application_id=application.id, problem_id=problem.id),
        },
        "languages": languages,
        "drafts": {d.language: {"source": d.source, "revision": d.revision} for d in drafts if d.language in allowed},
        "current_language": current,
        "read_only": context["over"],
        "paste_threshold": PASTE_THRESHOLD,
        "pending": [
            {"id": s.id, "status_url": _status_url(application.id, s)}
            for s in history
            if s.status != SubmissionStatus.DONE
        ],
    }
    return render_template("candidate/problem.html", **context)


# ---------------------------------------------------------------------------------------------- JSON endpoints


@bp.route("/applications/<int:application_id>/test/problems/<int:problem_id>/draft", methods=["POST"])
@candidate_required
def test_code_draft(application_id: int, problem_id: int):
    application, attempt = own_attempt(application_id)
    problem = _problem(application, problem_id, for_autosave=True)
    data = json_body()
    try:
        require_writable(attempt, settings=settings())
    except AttemptClosed as exc:
        return closed(exc)
    language, source = data.get("language"), data.get("source")
    if language not in (application.position.languages or []):
        return bad_request(gettext("This language is not allowed for this test."))
    if not isinstance(source, str) or len(source) > MAX_SOURCE_CHARS:
        return bad_request(gettext("The code must be text of at most %(num)d characters.", num=MAX_SOURCE_CHARS))
    request_or_problem = read_save_request(data)
    if isinstance(request_or_problem, str):
        return bad_request(request_or_problem)
    base, revision, tab = request_or_problem
    patch = code_history.read_patch(data, source)
    pasted = code_history.read_pastes(data, PASTE_THRESHOLD, MAX_SOURCE_CHARS)
    for problem_text in (patch, pasted):
        if isinstance(problem_text, str):
            return bad_request(problem_text)
    assert not isinstance(patch, str) and not isinstance(pasted, str)
    now = utcnow()
    result = save_draft(
        CodeDraft,
        dict(attempt_id=attempt.id, problem_id=problem.id, language=language),
        dict(source=source, updated_at=now),
        base=base,
        revision=revision,
        tab=tab,
        history=SaveHistory(
            record=code_history.record_save,
            record_with_update=code_history.save_and_record,
            values=code_history.record_save_values(
                revision=revision, saved_at=now, source=source, patch=patch, pasted=pasted
            ),
            patched=patch is not None,
            whole=lambda draft_id: code_history.whole_text_save(
                draft_id, revision=revision, saved_at=now, source=source, pasted=pasted
            ),
        ),
    )
    if result.saved:
        return jsonify(saved=True, revision=revision, saved_at=_iso(now))
    stored = result.row
    if result.conflict:
        return conflict(
            "code",
            {
                "source": stored.source,
                "revision": stored.revision,
                "language": language,
                "saved_at": _iso(stored.updated_at),
            },
        )
    return jsonify(saved=False, revision=stored.revision, saved_at=_iso(stored.updated_at))


def _queue_statements() -> tuple[Update, Select[int]]:
    """The attempt's row lock (an UPDATE that changes nothing) and the count of its unfinished submissions, built once:
    every run and submission sends both."""
    attempts = table_of(Attempt)
    hold = update(attempts).where(attempts.c.id == bindparam("attempt_id")).values(id=attempts.c.id)
    pending = select(func.count(Submission.id)).where(
        Submission.attempt_id == bindparam("attempt_id"), Submission.status != SubmissionStatus.DONE
    )
    return hold, pending


_HOLD_ATTEMPT, _PENDING = _queue_statements()


def _queue(application: Application, attempt: Attempt, problem: Problem, kind: str) -> ResponseReturnValue:
    data = json_body()
    try:
        require_writable(attempt, settings=settings())
    except AttemptClosed as exc:
        return closed(exc)
    language, source = data.get("language"), data.get("source")
    if language not in (application.position.languages or []):
        return bad_request(gettext("This language is not allowed for this test."))
    if not isinstance(source, str) or not source.strip():
        return bad_request(gettext("Write some code first."))
    if len(source) > MAX_SOURCE_CHARS:
        return bad_request(gettext("The code is too long (at most %(num)d characters).", num=MAX_SOURCE_CHARS))
    custom_input = None
    if kind == "run":
        mode = data.get("mode", SubmissionKind.SAMPLES)
        version = problem.current_version
        if version is None:
            abort(404)
        if mode == SubmissionKind.CUSTOM and (version.is_interactive or version.is_multi_pass):
            return bad_request(
                gettext(
                    "Custom input is not available for this problem: the judge talks to your program "
                    "while it runs. Use the samples, or submit."
                )
            )
        if mode == SubmissionKind.SAMPLES and not version.sample_count:
            return bad_request(gettext("This problem has no sample tests to run; submit to judge your code."))
        if mode == SubmissionKind.CUSTOM:
            custom_input = data.get("input", "")
            if not isinstance(custom_input, str) or len(custom_input) > MAX_INPUT_CHARS:
                return bad_request(
                    gettext("The custom input must be text of at most %(num)d KB.", num=MAX_INPUT_CHARS // 1024)
                )
            kind = SubmissionKind.CUSTOM
        elif mode == SubmissionKind.SAMPLES:
            kind = SubmissionKind.SAMPLES
        else:
            return bad_request("mode must be 'samples' or 'custom'.")
    db = session()
    # Count and insert while holding the attempt's row: parallel requests of one candidate take turns (a row lock on
    # PostgreSQL; SQLite's single writer lock), so at most MAX_PENDING_RUNS can be waiting, however many arrive at once.
    db.execute(_HOLD_ATTEMPT, {"attempt_id": attempt.id})
    pending = db.scalar(_PENDING, {"attempt_id": attempt.id})
    if (pending or 0) >= MAX_PENDING_RUNS:
        db.rollback()
        response = jsonify(
            error="busy",
            retry_after=BUSY_RETRY_SECONDS,
            message=gettext("Please wait for your earlier runs to finish before starting another."),
        )
        response.status_code = 429
        response.headers["Retry-After"] = str(BUSY_RETRY_SECONDS)
        return response
    try:
        submission = enqueue(
            db, attempt=attempt, problem=problem, language=language, source=source, kind=kind, custom_input=custom_input
        )
    except SubmissionRefused as exc:
        db.rollback()
        return bad_request(str(exc))
    db.commit()
    # The answer carries what the first status poll would say (the place in the queue, when to ask again): the page
    # shows it at once and asks again only after `poll_after_ms`. The submission is queued whatever happens next: if
    # reading its place fails, the answer says so with no status and the page asks at once.
    try:
        status: dict | None = live_status(submission)
    except SQLAlchemyError:
        db.rollback()
        log.warning("submission %s queued; its first status could not be read", submission.id, exc_info=True)
        status = None
    return (
        jsonify(
            submission_id=submission.id,
            kind=kind,
            status_url=_status_url(application.id, submission),
            status=status,
        ),
        202,
    )


@bp.route("/applications/<int:application_id>/test/problems/<int:problem_id>/run", methods=["POST"])
@candidate_required
def test_run(application_id: int, problem_id: int):
    application, attempt = own_attempt(application_id)
    return _queue(application, attempt, _problem(application, problem_id), RUN)


@bp.route("/applications/<int:application_id>/test/problems/<int:problem_id>/submit", methods=["POST"])
@candidate_required
def test_submit(application_id: int, problem_id: int):
    application, attempt = own_attempt(application_id)
    return _queue(application, attempt, _problem(application, problem_id), SubmissionKind.SUBMIT)


@bp.route("/applications/<int:application_id>/test/submissions/<int:submission_id>")
@candidate_required
def test_submission(application_id: int, submission_id: int):
    _, attempt = own_attempt(application_id)
    submission = session().get(Submission, submission_id)
    if submission is None or submission.attempt_id != attempt.id:
        abort(404)
    return jsonify(live_status(submission))


def live_status(submission: Submission) -> dict:
    """The status poll's answer: the candidate's view of the submission, its place in the queue while it waits, and
    when to ask again."""
    position = (
        queue_position(session(), submission)
        if submission.status == SubmissionStatus.QUEUED
        else QueuePosition(0, None)
    )
    status = submission_status(submission, position)
    status["poll_after_ms"] = poll_after_ms(submission, position.ahead)
    return status


def poll_after_ms(submission: Submission, ahead: int) -> int | None:
    """When the page should ask again: soon while tests run (live progress), later the further back in the queue it
    is, so that a long queue during a rush does not turn every waiting browser into a request storm."""
    if submission.status == SubmissionStatus.DONE:
        return None
    if submission.status == SubmissionStatus.QUEUED:
        return min(POLL_QUEUED_MAX_MS, POLL_RUNNING_MS * 2 + POLL_PER_QUEUED_AHEAD_MS * ahead)
    return POLL_RUNNING_MS


def wait_text(seconds: int | None) -> str:
    """The estimate as the page says it: rounded, never more precise than it is."""
    if seconds is None:
        return ""
    if seconds < 60:
        return gettext("under a minute")
    minutes = round(seconds / 60)
    return ngettext("about %(num)d minute", "about %(num)d minutes", minutes)


def phase_text(submission: Submission, position: QueuePosition | None = None) -> str:
    if submission.status == SubmissionStatus.QUEUED:
        if position is not None and position.ahead:
            wait = wait_text(position.estimated_seconds)
            if wait:
                return gettext("Waiting for the judge… (%(num)d ahead, %(wait)s)", num=position.ahead, wait=wait)
            return gettext("Waiting for the judge… (%(num)d ahead)", num=position.ahead)
        return gettext("Waiting for the judge…")
    if submission.status == SubmissionStatus.COMPILING:
        return gettext("Compiling…")
    if submission.status == SubmissionStatus.RUNNING:
        if submission.kind.scored:
            # No "test 5 of 12": how long each hidden test takes would show in how fast the count moves.
            return gettext("Running the tests…")
        total = submission.progress_total or 0
        if total:
            current = min(submission.progress_done + 1, total)
            if submission.kind == SubmissionKind.SAMPLES:  # the samples are all it runs: "sample 2 of 3"
                return gettext("Running sample %(current)d of %(total)d…", current=current, total=total)
            return gettext("Running test %(current)d of %(total)d…", current=current, total=total)
        return gettext("Running…")
    return gettext(submission.verdict.label if submission.verdict else Verdict.OK.label)


def counts_text(submission: Submission, hidden: int, samples_passed: int, samples: int) -> str:
    """What the result line says a finished submission passed, counting exactly what it names: the hidden tests
    (the score's tests) of a submission, the samples of a sample run; the rows the page lists match these numbers.
    `hidden`: how many hidden tests the problem has; `samples`: the sample rows listed with this result."""
    if submission.kind == SubmissionKind.SAMPLES:
        return ngettext(
            "%(passed)d of %(num)d sample passed",
            "%(passed)d of %(num)d samples passed",
            submission.tests_total or 0,
            passed=submission.tests_passed or 0,
        )
    if not submission.kind.scored or not submission.tests_total:
        return ""
    if not hidden:  # a package with sample data only is judged (and scored) on its samples
        return ngettext(
            "%(passed)d of %(num)d test passed",
            "%(passed)d of %(num)d tests passed",
            submission.tests_total,
            passed=submission.tests_passed or 0,
        )
    text = ngettext(
        "%(passed)d of %(num)d hidden test passed",
        "%(passed)d of %(num)d hidden tests passed",
        submission.tests_total,
        passed=submission.tests_passed or 0,
    )
    if samples:
        text += " · " + ngettext(
            "%(passed)d of %(num)d sample passed",
            "%(passed)d of %(num)d samples passed",
            samples,
            passed=samples_passed,
        )
    return text


def submission_status(submission: Submission, position: QueuePosition | None = None) -> dict:
    """The candidate's view of a submission. Samples and custom input: everything (input, output, time, memory).
    Hidden tests: only the verdict, named "Test N", and how many tests of each group passed; no time or memory
    (figures per test or their maximum would tell how big the hidden tests are)."""
    done = submission.status == SubmissionStatus.DONE
    show_io = submission.kind.shows_output
    roots: list[Path | None] = []  # the problem's files, looked up for the first sample shown (not while queued)

    def root() -> Path | None:
        if not roots:
            roots.append(snapshot_root(submission.problem_version) if submission.problem_version else None)
        return roots[0]

    tests = []
    groups: dict[str, dict[str, Any]] = {}
    sample_no = hidden_no = samples_passed = 0
    sample_time: int | None = None
    sample_memory: int | None = None
    # the results of its verdict: none before it has one (a submission put back in the queue keeps its old ones until
    # they are replaced, and they are not what the page waits for)
    for result in submission.results if done else ():
        open_detail = result.is_sample or submission.kind == SubmissionKind.CUSTOM
        entry: dict[str, Any] = {
            "verdict": result.verdict,
            "verdict_text": gettext(result.verdict.label),
            "sample": bool(result.is_sample),
        }
        if open_detail:
            entry.update(time_ms=result.time_ms, memory_kb=result.memory_kb)
            sample_time = max(sample_time or 0, result.time_ms or 0)
            sample_memory = max(sample_memory or 0, result.memory_kb or 0)
        else:
            group = groups.setdefault(
                result.group, {"label": gettext("Group %(num)d", num=len(groups) + 1), "passed": 0, "total": 0}
            )
            group["total"] += 1
            group["passed"] += 1 if result.verdict == Verdict.AC else 0
        if submission.kind == SubmissionKind.CUSTOM:
            entry["label"] = gettext("Custom input")
            entry["input"] = (submission.custom_input or "")[:MAX_SHOWN_CHARS]
            entry["output"] = (result.output or "")[:MAX_SHOWN_CHARS]
            entry["message"] = (result.message or "")[:2000]
        elif result.is_sample:
            sample_no += 1
            samples_passed += 1 if result.verdict == Verdict.AC else 0
            entry["label"] = gettext("Sample %(num)d", num=sample_no)
            shown = root() if show_io else None
            if shown is not None and not submission.problem_version.is_interactive:
                base = shown / "data" / result.name
                entry["input"] = _read(base.with_suffix(".in"))
                entry["expected"] = _read(base.with_suffix(".ans"))
                entry["output"] = (result.output or "")[:MAX_SHOWN_CHARS]
                entry["message"] = (result.message or "")[:2000]
        else:
            hidden_no += 1
            entry["label"] = gettext("Test %(num)d", num=hidden_no)
        tests.append(entry)
    return {
        "id": submission.id,
        "kind": submission.kind,
        "language": submission.language,
        "status": submission.status,
        "done": done,
        "phase": phase_text(submission, position),
        # While it waits: how many the judges take before it, and the estimated seconds until its verdict (null
        # when the judges' recent pace is unknown).
        "queue": (
            {"ahead": position.ahead, "estimated_seconds": position.estimated_seconds}
            if submission.status == SubmissionStatus.QUEUED and position is not None
            else None
        ),
        # Per-test progress only for samples and custom input (see phase_text).
        "progress": (
            {"done": submission.progress_done, "total": submission.progress_total}
            if show_io
            else {"done": None, "total": None}
        ),
        "verdict": submission.verdict if done else None,
        "verdict_text": gettext(submission.verdict.label) if done and submission.verdict else "",
        # "13 of 13 hidden tests passed · 3 of 3 samples passed": the same numbers as the rows listed in `tests`
        "counts_text": counts_text(
            submission,
            submission.problem_version.secret_count if submission.problem_version else hidden_no,
            samples_passed,
            sample_no,
        )
        if done
        else "",
        "score": submission.score if done else None,
        "tests_passed": submission.tests_passed if done else None,
        "tests_total": submission.tests_total if done else None,
        "groups": list(groups.values()),
        "max_time_ms": sample_time,  # over the samples (and custom input) only
        "max_memory_kb": sample_memory,
        "compile_output": (submission.compile_output or "")[:8000] if done and submission.verdict == Verdict.CE else "",
        "created_at": _iso(submission.created_at),
        "tests": tests,
    }
