"""`assessment judge`, `assessment verify` and `assessment worker`."""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

EXIT_BAD_INPUT = 2
EXIT_SANDBOX_UNAVAILABLE = 3


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def _sandbox_failed(exc: Exception) -> NoReturn:
    from sandbox.judge import SandboxOverloaded

    if isinstance(exc, SandboxOverloaded):
        _fail(f"not judged: {exc}. Run it again when the machine is less busy.", EXIT_SANDBOX_UNAVAILABLE)
    _fail(
        f"the sandbox is unavailable: {exc}. Start Docker and run `assessment sandbox build`.",
        EXIT_SANDBOX_UNAVAILABLE,
    )


def _load(problem_dir: Path):
    from assessment.problems import PackageError, load_package

    try:
        return load_package(problem_dir)
    except PackageError as exc:
        lines = [
            f"  {issue.path}: {issue.message}" for issue in exc.issues if getattr(issue, "severity", "error") == "error"
        ]
        _fail(f"{problem_dir} is not a valid problem package:\n" + "\n".join(lines or [str(exc)]))


def _language_id(source: Path, language: str | None, names: list[str], entrypoint: str | None = None) -> str:
    from assessment.judging.requests import is_python2, known_language, language_for_files
    from sandbox.languages import LANGUAGES

    known = sorted(LANGUAGES)
    if language:
        found = known_language(language)
        if found is None:
            _fail(f"unknown language {language!r}; use one of: {', '.join(known)}")
        return str(found)
    if source.is_dir():
        found, why = language_for_files(names, entrypoint)
        if found is None:
            _fail(f"cannot tell the language of the folder {source}: {why}; pass --language ({', '.join(known)})")
        return str(found)
    if is_python2(source):
        _fail(
            f"{source.name} is a Python 2 program (its #! line says python2); Python 2 is not available: port it "
            "to Python 3 or pass --language python to try it as Python 3"
        )
    found, _ = language_for_files([source.name])
    if found is None:
        _fail(f"cannot tell the language of {source.name} from its extension; pass --language ({', '.join(known)})")
    return str(found)


@click.command("judge")
@click.argument("problem_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--language", "-l", help="Language id (default: from the file extensions).")
@click.option(
    "--entrypoint",
    "-e",
    help="Entry point of a folder SOURCE: the file to run, or the main class for Java and Kotlin (default: the "
    "language's rule).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of the report.")
def judge_command(problem_dir: Path, source: Path, language: str | None, entrypoint: str | None, as_json: bool) -> None:
    """Judge SOURCE (a file, or a folder of files) against the problem package PROBLEM_DIR (no database needed).

    Exit status 0 when the submission was judged, whatever the verdict."""
    from assessment.judging.requests import SubmissionFilesError, build_request, planned_tests, read_submission
    from assessment.judging.results import summarize
    from assessment.judging.runner import run_judge
    from sandbox.judge import SandboxUnavailable

    package = _load(problem_dir)
    try:
        submitted = read_submission(source, package.code_limit_kb)
    except SubmissionFilesError as exc:
        _fail(str(exc))
    if entrypoint and submitted.files is None:
        _fail("--entrypoint is for a folder of files; a single file is its own entry point")
    language_id = _language_id(source, language, submitted.names, entrypoint)
    request = build_request(
        package, "submit", submitted.source, language_id, files=submitted.files, entrypoint=entrypoint
    )
    try:
        report = run_judge(request)
    except SandboxUnavailable as exc:
        _sandbox_failed(exc)
    result = summarize("submit", planned_tests(request), report, package.grading)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "verdict": result.verdict,
                    "score": result.score,
                    "tests": [
                        {
                            "name": r.name,
                            "group": r.group,
                            "verdict": r.verdict,
                            "time_ms": r.time_ms,
                            "memory_kb": r.memory_kb,
                            "score": r.score,
                            "passes": [p.as_dict() for p in r.passes],
                        }
                        for r in result.rows
                    ],
                    "compile_output": result.compile_output,
                    "language": language_id,
                    "files": submitted.names,
                    "problem_type": package.problem_type,
                    "points": result.points,
                    "max_points": result.max_points,
                    "graded_verdict": result.graded_verdict,
                    "groups": [g.as_dict() for g in result.groups],
                    "message": result.message,
                }
            )
        )
        return
    what = f"{source.name}/ ({len(submitted.names)} files)" if submitted.files is not None else source.name
    kind = "" if package.problem_type == "pass-fail" else f", {package.problem_type}"
    click.echo(
        f"{package.title} ({package.path.name}{kind}): {what} [{language_id}], "
        f"time limit {package.time_limit_s:g} s, memory {package.memory_mb} MB"
    )
    if result.rows:
        width = max(len(r.name) for r in result.rows)
        gwidth = max(len(r.group) for r in result.rows)
        click.echo(f"  {'test'.ljust(width)}  {'group'.ljust(gwidth)}  verdict  {'time':>8}  {'memory':>10}")
        for r in result.rows:
            extra = f"  score {r.score:g}" if r.score is not None else ""
            extra += f"  {len(r.passes)} passes" if len(r.passes) > 1 else ""
            click.echo(
                f"  {r.name.ljust(width)}  {r.group.ljust(gwidth)}  {r.verdict:<7}  {r.time_ms:>5} ms  "
                f"{r.memory_kb:>7} KB{extra}"
            )
    if result.compile_output.strip():
        click.echo("compile output:")
        for out_line in result.compile_output.rstrip().splitlines():
            click.echo("  " + out_line)
    for group in result.groups:
        top = f"/{group.max_points:g}" if group.max_points is not None else ""
        click.echo(f"  {group.group}: {group.points:g}{top} points ({group.verdict})")
    score = "-" if result.score is None else f"{result.score * 100:.1f}%"
    summary = f"verdict: {result.verdict}  score: {score}"
    if result.points is not None:
        summary += f"  points: {result.points:g}" + (f"/{result.max_points:g}" if result.max_points is not None else "")
    if result.tests_total is not None:
        summary += f"  secret tests passed: {result.tests_passed}/{result.tests_total}"
    click.echo(summary)
    if result.message:
        click.echo(result.message)


@click.command("verify")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
def verify_command(paths: tuple[Path, ...]) -> None:
    """Check that every submission (file or folder) under each package's submissions/ gets the verdict its folder
    names (or its submissions.yaml entry or @EXPECTED_RESULTS@ line says).

    Each PATH is a problem package or any folder containing packages (e.g. problems/). Exit status 1 on any
    mismatch."""
    from assessment.judging.verify import verify
    from sandbox.judge import SandboxUnavailable

    try:
        report = verify(list(paths), echo=click.echo)
    except SandboxUnavailable as exc:
        _sandbox_failed(exc)
    for path, messages in report.package_errors:
        if len(messages) == 1 and not messages[0].startswith(str(path)):
            click.echo(f"FAIL {path}: {messages[0]}", err=True)
            continue
        click.echo(f"FAIL {path}: not a valid problem package:", err=True)
        for message in messages:
            click.echo(f"     {message}", err=True)
    failures = report.failures
    skipped = len(report.skipped)
    click.echo(
        f"{len(report.jobs)} submission(s) in {report.packages} package(s): "
        f"{len(report.jobs) - len(failures) - skipped} as expected, {len(failures)} mismatched"
        + (f", {skipped} skipped" if skipped else "")
        + (f", {len(report.package_errors)} invalid package(s)" if report.package_errors else "")
        + f" ({report.elapsed_s:.1f} s)"
    )
    if not report.ok:
        sys.exit(1)


def serve_judges(
    app: Any,
    stop: threading.Event,
    workers: int | None = None,
    lease_s: float | None = None,
    grace_s: float = 60.0,
    on_ready: Callable[[Any], None] | None = None,
    poll_s: float | None = None,
) -> None:
    """Judge (and finalise attempts whose time ran out) until `stop` is set; then let the workers finish what they
    are judging for up to `grace_s` and give back what is still unfinished, for another judge to take."""
    from assessment.attempts.finalize import start_finalizer, stop_finalizer
    from assessment.judging.queue import release
    from assessment.judging.service import start_judge_service

    service = start_judge_service(app, workers=workers, lease_s=lease_s, poll_s=poll_s)
    start_finalizer(app)
    logging.getLogger("assessment.judging").info("worker process ready")
    if on_ready is not None:
        on_ready(service)
    while not stop.wait(1.0):
        pass
    stop_finalizer(app)
    service.stop(timeout=grace_s)
    app.extensions.pop("assessment.judge_service", None)
    database = app.extensions["assessment.db"]
    for worker in service.workers:  # still busy after the grace period: give the submission back
        if worker.is_alive() and worker.current is not None:
            with database.new_session() as session:
                release(session, worker.current, worker.worker_id, "Re-queued: the judge was stopped")


@click.command("worker")
@click.option("--workers", "-w", type=int, default=None, help="Judge threads (default: ASSESSMENT_JUDGE_WORKERS, 2).")
@click.option(
    "--lease",
    "lease_s",
    type=float,
    default=None,
    help="Seconds a claim stays valid without a heartbeat (default 60, ASSESSMENT_JUDGE_LEASE_SECONDS).",
)
def worker_command(workers: int | None, lease_s: float | None) -> None:
    """Run judge worker threads only (no web server), e.g. on extra judge hosts sharing the database.

    With ASSESSMENT_JUDGE_BACKEND=celery the judges are Celery workers instead:
    `celery -A assessment.celery_worker worker`."""
    from assessment.cli._app import app as get_app
    from assessment.heap import freeze_startup_objects

    app = get_app()
    freeze_startup_objects()
    stop = threading.Event()

    def on_signal(signum, _frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    serve_judges(
        app,
        stop,
        workers=workers,
        lease_s=lease_s,
        on_ready=lambda service: click.echo(
            f"Judging with {len(service.workers)} worker(s); Ctrl-C to stop.", err=True
        ),
    )
    click.echo("Stopped.", err=True)


def register(main: click.Group) -> None:
    main.add_command(judge_command)
    main.add_command(verify_command)
    main.add_command(worker_command)
