"""Coding problems in the test: statement + editor page, code autosave, sample/custom runs, submissions and their
live status. Hidden test data, names, times and memory never leave the server: for a hidden test the candidate sees
"Test 7" and its verdict, and how many tests of each group passed."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask import abort, jsonify, render_template, url_for
from sqlalchemy import func, select, update

from ..auth.decorators import candidate_required
from ..extensions import session, settings
from ..models import Attempt, CodeDraft, Problem, ProblemVersion, Submission, utcnow
from . import bp
from .attempts import AttemptClosed, require_writable
from .autosave import read_save_request, save_draft
from .judge_adapter import SubmissionRefused, enqueue, language_info, queued_ahead
from .test_taking import bad_request, closed, conflict, json_body, own_attempt, page_context, settle

MAX_SOURCE_CHARS = 100_000
MAX_INPUT_CHARS = 256 * 1024
MAX_SHOWN_CHARS = 20_000
MAX_PENDING_RUNS = 3
BUSY_RETRY_SECONDS = 2
POLL_RUNNING_MS = 500
POLL_PER_QUEUED_AHEAD_MS = 100
POLL_QUEUED_MAX_MS = 5000

VERDICT_TEXT = {
    "AC": "Accepted",
    "WA": "Wrong answer",
    "TLE": "Time limit exceeded",
    "MLE": "Memory limit exceeded",
    "RTE": "Run-time error",
    "OLE": "Output limit exceeded",
    "CE": "Compilation error",
    "JE": "Judge error",
    "OK": "Finished",
}


def _problem(application, problem_id: int) -> Problem:
    problem = session().get(Problem, problem_id)
    if (
        problem is None
        or problem.position_id != application.position_id
        or problem.retired_at is not None
        or problem.current_version_id is None
        or not application.position.has_coding
    ):
        abort(404)
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
    return text if len(text) <= MAX_SHOWN_CHARS else text[:MAX_SHOWN_CHARS] + "\n… (truncated)"


def samples(version: ProblemVersion) -> list[dict]:
    folder = snapshot_root(version) / "data" / "sample"
    if not folder.is_dir():
        return []
    items = []
    for index, path in enumerate(sorted(folder.glob("*.in")), start=1):
        answer = path.with_suffix(".ans")
        items.append(
            {"label": f"Sample {index}", "input": _read(path), "expected": _read(answer) if answer.exists() else ""}
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
                Submission.kind.in_(("submit", "auto")),
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
        verdict_text=VERDICT_TEXT,
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
        "pending": [{"id": s.id, "status_url": _status_url(application.id, s)} for s in history if s.status != "done"],
    }
    return render_template("candidate/problem.html", **context)


# ---------------------------------------------------------------------------------------------- JSON endpoints


@bp.route("/applications/<int:application_id>/test/problems/<int:problem_id>/draft", methods=["POST"])
@candidate_required
def test_code_draft(application_id: int, problem_id: int):
    application, attempt = own_attempt(application_id)
    problem = _problem(application, problem_id)
    data = json_body()
    try:
        require_writable(attempt, settings=settings())
    except AttemptClosed as exc:
        return closed(exc)
    language, source = data.get("language"), data.get("source")
    if language not in (application.position.languages or []):
        return bad_request("This language is not allowed for this test.")
    if not isinstance(source, str) or len(source) > MAX_SOURCE_CHARS:
        return bad_request(f"The code must be text of at most {MAX_SOURCE_CHARS} characters.")
    request_or_problem = read_save_request(data)
    if isinstance(request_or_problem, str):
        return bad_request(request_or_problem)
    base, revision, tab = request_or_problem
    now = utcnow()
    result = save_draft(
        CodeDraft,
        dict(attempt_id=attempt.id, problem_id=problem.id, language=language),
        dict(source=source, updated_at=now),
        base=base,
        revision=revision,
        tab=tab,
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


def _queue(application, attempt, problem, kind: str):
    data = json_body()
    try:
        require_writable(attempt, settings=settings())
    except AttemptClosed as exc:
        return closed(exc)
    language, source = data.get("language"), data.get("source")
    if language not in (application.position.languages or []):
        return bad_request("This language is not allowed for this test.")
    if not isinstance(source, str) or not source.strip():
        return bad_request("Write some code first.")
    if len(source) > MAX_SOURCE_CHARS:
        return bad_request(f"The code is too long (at most {MAX_SOURCE_CHARS} characters).")
    custom_input = None
    if kind == "run":
        mode = data.get("mode", "samples")
        if mode == "custom":
            custom_input = data.get("input", "")
            if not isinstance(custom_input, str) or len(custom_input) > MAX_INPUT_CHARS:
                return bad_request(f"The custom input must be text of at most {MAX_INPUT_CHARS // 1024} KB.")
            kind = "custom"
        elif mode == "samples":
            kind = "samples"
        else:
            return bad_request("mode must be 'samples' or 'custom'.")
    db = session()
    # Count and insert while holding the attempt's row: parallel requests of one candidate take turns (a row lock on
    # PostgreSQL; SQLite's single writer lock), so at most MAX_PENDING_RUNS can be waiting, however many arrive at once.
    db.execute(
        update(Attempt)
        .where(Attempt.id == attempt.id)
        .values(id=Attempt.id)
        .execution_options(synchronize_session=False)
    )
    pending = db.scalar(
        select(func.count(Submission.id)).where(Submission.attempt_id == attempt.id, Submission.status != "done")
    )
    if pending >= MAX_PENDING_RUNS:
        db.rollback()
        response = jsonify(
            error="busy",
            retry_after=BUSY_RETRY_SECONDS,
            message="Please wait for your earlier runs to finish before starting another.",
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
    return jsonify(submission_id=submission.id, kind=kind, status_url=_status_url(application.id, submission)), 202


@bp.route("/applications/<int:application_id>/test/problems/<int:problem_id>/run", methods=["POST"])
@candidate_required
def test_run(application_id: int, problem_id: int):
    application, attempt = own_attempt(application_id)
    return _queue(application, attempt, _problem(application, problem_id), "run")


@bp.route("/applications/<int:application_id>/test/problems/<int:problem_id>/submit", methods=["POST"])
@candidate_required
def test_submit(application_id: int, problem_id: int):
    application, attempt = own_attempt(application_id)
    return _queue(application, attempt, _problem(application, problem_id), "submit")


@bp.route("/applications/<int:application_id>/test/submissions/<int:submission_id>")
@candidate_required
def test_submission(application_id: int, submission_id: int):
    _, attempt = own_attempt(application_id)
    submission = session().get(Submission, submission_id)
    if submission is None or submission.attempt_id != attempt.id:
        abort(404)
    ahead = queued_ahead(session(), submission) if submission.status == "queued" else 0
    status = submission_status(submission, ahead)
    status["poll_after_ms"] = poll_after_ms(submission, ahead)
    return jsonify(status)


def poll_after_ms(submission: Submission, ahead: int) -> int | None:
    """When the page should ask again: soon while tests run (live progress), later the further back in the queue it
    is, so that a long queue during a rush does not turn every waiting browser into a request storm."""
    if submission.status == "done":
        return None
    if submission.status == "queued":
        return min(POLL_QUEUED_MAX_MS, POLL_RUNNING_MS * 2 + POLL_PER_QUEUED_AHEAD_MS * ahead)
    return POLL_RUNNING_MS


def phase_text(submission: Submission, ahead: int = 0) -> str:
    if submission.status == "queued":
        if ahead:
            return f"Waiting for the judge… ({ahead} ahead)"
        return "Waiting for the judge…"
    if submission.status == "compiling":
        return "Compiling…"
    if submission.status == "running":
        if submission.kind in ("submit", "auto"):
            # No "test 5 of 12": how long each hidden test takes would show in how fast the count moves.
            return "Running the tests…"
        total = submission.progress_total or 0
        if total:
            current = min(submission.progress_done + 1, total)
            return f"Running test {current} of {total}…"
        return "Running…"
    return VERDICT_TEXT.get(submission.verdict or "", "Finished")


def submission_status(submission: Submission, ahead: int = 0) -> dict:
    """The candidate's view of a submission. Samples and custom input: everything (input, output, time, memory).
    Hidden tests: only the verdict, named "Test N", and how many tests of each group passed; no time or memory
    (figures per test or their maximum would tell how big the hidden tests are)."""
    done = submission.status == "done"
    show_io = submission.kind in ("samples", "custom")
    root = snapshot_root(submission.problem_version) if show_io and submission.problem_version else None
    tests = []
    groups: dict[str, dict] = {}
    sample_no = hidden_no = 0
    sample_time = sample_memory = None
    for result in submission.results:
        open_detail = result.is_sample or submission.kind == "custom"
        entry = {
            "verdict": result.verdict,
            "verdict_text": VERDICT_TEXT.get(result.verdict, result.verdict),
            "sample": bool(result.is_sample),
        }
        if open_detail:
            entry.update(time_ms=result.time_ms, memory_kb=result.memory_kb)
            sample_time = max(sample_time or 0, result.time_ms or 0)
            sample_memory = max(sample_memory or 0, result.memory_kb or 0)
        else:
            group = groups.setdefault(result.group, {"label": f"Group {len(groups) + 1}", "passed": 0, "total": 0})
            group["total"] += 1
            group["passed"] += 1 if result.verdict == "AC" else 0
        if submission.kind == "custom":
            entry["label"] = "Custom input"
            entry["input"] = (submission.custom_input or "")[:MAX_SHOWN_CHARS]
            entry["output"] = (result.output or "")[:MAX_SHOWN_CHARS]
            entry["message"] = (result.message or "")[:2000]
        elif result.is_sample:
            sample_no += 1
            entry["label"] = f"Sample {sample_no}"
            if show_io and root is not None:
                base = root / "data" / result.name
                entry["input"] = _read(base.with_suffix(".in"))
                entry["expected"] = _read(base.with_suffix(".ans"))
                entry["output"] = (result.output or "")[:MAX_SHOWN_CHARS]
                entry["message"] = (result.message or "")[:2000]
        else:
            hidden_no += 1
            entry["label"] = f"Test {hidden_no}"
        tests.append(entry)
    return {
        "id": submission.id,
        "kind": submission.kind,
        "language": submission.language,
        "status": submission.status,
        "done": done,
        "phase": phase_text(submission, ahead),
        # Per-test progress only for samples and custom input (see phase_text).
        "progress": (
            {"done": submission.progress_done, "total": submission.progress_total}
            if show_io
            else {"done": None, "total": None}
        ),
        "verdict": submission.verdict if done else None,
        "verdict_text": VERDICT_TEXT.get(submission.verdict or "", "") if done else "",
        "score": submission.score if done else None,
        "tests_passed": submission.tests_passed,
        "tests_total": submission.tests_total,
        "groups": list(groups.values()),
        "max_time_ms": sample_time,  # over the samples (and custom input) only
        "max_memory_kb": sample_memory,
        "compile_output": (submission.compile_output or "")[:8000] if done and submission.verdict == "CE" else "",
        "created_at": _iso(submission.created_at),
        "tests": tests,
    }
