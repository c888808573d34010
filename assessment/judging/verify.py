"""`assessment verify`: every reference submission of a package must get the verdict its folder names.

What each folder means is in `assessment.problems.programs.FOLDERS` (the specification's folders, legacy
`partially_accepted`, `slow_accepted`, the platform's exact-verdict folders and a contest judge's export folders);
`submissions.yaml` narrows it and an `@EXPECTED_RESULTS@:` line in a submission replaces it. Verdicts are counted
the way the specification counts them: a memory-limit verdict is a run-time error where a folder (or annotation)
says run-time error — candidates still see MLE. Submissions that are not accepted stop at their first failing test,
except in scoring problems (their points need every test). A package without a time limit first runs its accepted
submissions with a generous limit; the limit derived from their times is written to `<package>/.timelimit` and used
for the others. Submissions in languages the platform does not have are listed as skipped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .requests import (
    SubmissionFilesError,
    build_request,
    is_python2,
    known_language,
    language_for_files,
    planned_tests,
    read_submission,
)
from .results import summarize

if TYPE_CHECKING:
    from sandbox.spec import JudgeRequest

GENEROUS_TIME_LIMIT_S = 10.0
CONCURRENCY = 2
SKIP_DIRS = {
    "submissions",
    "data",
    "statement",
    "problem_statement",
    "generators",
    "input_validators",
    "output_validator",
    "output_validators",
    "attachments",
    "solution",
    "include",
}
SPEC_VERDICT = {"MLE": "RTE"}  # the specification has no memory-limit verdict: it is a run-time error


@dataclass
class Job:
    package: Any
    submission: Any  # assessment.problems.programs.ReferenceSubmission
    language: str | None
    verdict: str | None = None
    graded_verdict: str | None = None
    points: float | None = None
    max_points: float | None = None
    test_verdicts: list[str] = field(default_factory=list)
    max_time_ms: int = 0
    wall_s: float = 0.0
    tests_run: int = 0
    note: str = ""
    skipped: str = ""  # why it was not judged ("" when it was)

    @property
    def path(self) -> Path:
        return Path(self.submission.path)

    @property
    def expected(self) -> str:
        return str(self.submission.expectation.label)

    @property
    def ok(self) -> bool:
        return self.skipped != "" or self.mismatch() is None

    def mismatch(self) -> str | None:
        """Why the result does not match the expectation (None when it does)."""
        exp = self.submission.expectation
        if self.verdict is None or self.verdict == "JE":
            return "the judge could not judge it"
        if exp.exact is not None:
            if self.verdict in exp.exact or (self.verdict == "MLE" and "RTE" in exp.exact):
                return None
            return f"{self.verdict} is not one of {'/'.join(sorted(exp.exact))}"
        if exp.partially_accepted:
            if self.graded_verdict != "AC" or self.points is None:
                return "expected accepted with partial points"
            if self.max_points is not None and self.points >= self.max_points:
                return "expected less than full points"
            return None
        if self.verdict == "CE":
            return "it does not compile"
        seen = [SPEC_VERDICT.get(v, v) for v in self.test_verdicts]
        if exp.permitted is not None:
            bad = sorted({v for v in seen if v not in exp.permitted})
            if bad:
                return f"{'/'.join(bad)} is not permitted"
        if exp.required is not None and not any(v in exp.required for v in seen):
            return f"no test got {'/'.join(sorted(exp.required))}"
        if exp.score is not None:
            low, high = exp.score
            if self.points is None or not low - 1e-6 <= self.points <= high + 1e-6:
                return f"points {self.points} outside {low:g}..{high:g}"
        return None


@dataclass
class VerifyReport:
    jobs: list[Job] = field(default_factory=list)
    package_errors: list[tuple[Path, list[str]]] = field(default_factory=list)
    packages: int = 0
    elapsed_s: float = 0.0

    @property
    def failures(self) -> list[Job]:
        return [j for j in self.jobs if not j.ok]

    @property
    def skipped(self) -> list[Job]:
        return [j for j in self.jobs if j.skipped]

    @property
    def ok(self) -> bool:
        return not self.failures and not self.package_errors and bool(self.jobs or self.packages)


def is_package(path: Path) -> bool:
    return (path / "problem.yaml").is_file()


def find_packages(root: Path) -> list[Path]:
    """`root` itself if it is a package, else every package below it (packages are not searched inside)."""
    root = Path(root)
    if is_package(root):
        return [root]
    found: list[Path] = []
    if not root.is_dir():
        return found
    for child in sorted(root.iterdir()):
        if child.is_dir() and not child.name.startswith(".") and child.name not in SKIP_DIRS:
            found.extend(find_packages(child))
    return found


def submission_language(submission: Any) -> tuple[str | None, str]:
    """(language id, "") of a reference submission, or (None, why it cannot be judged here)."""
    if submission.language:
        found = known_language(str(submission.language))
        return (found, "") if found else (None, f"language {submission.language!r} is not available here")
    path = Path(submission.path)
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    if any(is_python2(p) for p in files):
        return None, "Python 2 (its #! line says python2) is not available here"
    names = [path.name] if path.is_file() else [p.relative_to(path).as_posix() for p in files]
    return language_for_files(names, submission.entrypoint)


def _judge_job(job: Job, time_limit_s: float | None) -> Job:
    from .runner import run_judge as untyped_run_judge

    run_judge = cast("Callable[[JudgeRequest], Any]", untyped_run_judge)
    started = time.monotonic()
    try:
        submitted = read_submission(job.path, job.package.code_limit_kb)
    except SubmissionFilesError as exc:
        job.note = str(exc)
        return job
    exp = job.submission.expectation
    stop = not (exp.accepted or job.package.scoring or exp.partially_accepted or exp.score is not None)
    request = build_request(
        job.package,
        "submit",
        submitted.source,
        job.language or "",
        time_limit_s=time_limit_s,
        stop_on_first_failure=stop,
        files=submitted.files,
        entrypoint=job.submission.entrypoint,
    )
    report = run_judge(request)
    result = summarize("submit", planned_tests(request), report, job.package.grading)
    job.verdict = result.verdict
    job.graded_verdict = result.graded_verdict
    job.points, job.max_points = result.points, result.max_points
    job.test_verdicts = [row.verdict for row in result.rows]
    job.max_time_ms = result.max_time_ms or 0
    job.tests_run = len(result.rows)
    job.wall_s = time.monotonic() - started
    if result.verdict == "JE":
        job.note = result.message
    elif result.verdict == "CE":
        job.note = (result.compile_output or "").strip().splitlines()[-1][:200] if result.compile_output.strip() else ""
    return job


def derive_limit(package: Any, times_s: list[float]) -> float:
    from assessment.problems import derive_time_limit

    return float(derive_time_limit(times_s, package))


def write_timelimit(package_path: Path, limit_s: float) -> Path:
    from assessment.problems.timelimit import TIMELIMIT_FILE

    path = Path(package_path) / TIMELIMIT_FILE
    path.write_text(f"{limit_s:g}\n")
    return path


def verify(roots: list[Path], echo: Callable[[str], None] = print, concurrency: int = CONCURRENCY) -> VerifyReport:
    """Judge every reference submission under `roots`; `echo` gets one line per submission as it finishes."""
    from assessment.problems import PackageError, load_package

    started = time.monotonic()
    report = VerifyReport()
    lock = threading.Lock()
    packages = []
    for root in roots:
        paths = find_packages(Path(root))
        if not paths:
            message = (
                "no problem package here (a package has a problem.yaml); pass a package folder or a folder "
                "containing packages"
            )
            report.package_errors.append((Path(root), [message]))
        for path in paths:
            try:
                packages.append(load_package(path))
            except PackageError as exc:
                report.package_errors.append((path, [f"{i.path}: {i.message}" for i in exc.issues if i.is_error]))
    report.packages = len(packages)

    def line(job: Job) -> None:
        rel = _relative(job.path, job.package.path) + ("/" if job.path.is_dir() else "")
        if job.skipped:
            with lock:
                echo(f"skip {job.package.path.name}/{rel}: {job.skipped}")
            return
        status = "ok  " if job.ok else "FAIL"
        got = job.verdict or "-"
        if job.points is not None:
            got += f" ({job.points:g}" + (f"/{job.max_points:g}" if job.max_points is not None else "") + " points"
            got += (
                f", graded {job.graded_verdict})" if job.graded_verdict and job.graded_verdict != job.verdict else ")"
            )
        text = (
            f"{status} {job.package.path.name}/{rel}: expected {job.expected}, got {got}; "
            f"max {job.max_time_ms} ms, {job.tests_run} test(s), {job.wall_s:.1f} s"
        )
        why = job.mismatch() if not job.ok else None
        if why and not job.note:
            text += f" ({why})"
        if job.note and not job.ok:
            text += f" ({job.note})"
        with lock:
            echo(text)

    def jobs_of(package: Any, accepted: bool | None) -> list[Job]:
        out = []
        for submission in package.submissions:
            if accepted is not None and submission.expectation.accepted != accepted:
                continue
            language, why = submission_language(submission)
            job = Job(package, submission, language)
            if not submission.expectation.checked:
                job.skipped = "the package marks it to be checked by hand"
            elif language is None:
                job.skipped = why
            out.append(job)
        return out

    def run(jobs: list[Job], limits: dict[str, float | None]) -> None:
        runnable = []
        for job in jobs:
            if job.skipped:
                report.jobs.append(job)
                line(job)
            else:
                runnable.append(job)

        def one(job: Job) -> Job:
            try:
                _judge_job(job, limits.get(str(job.package.path)))
            except Exception as exc:
                from sandbox.judge import SandboxUnavailable

                if isinstance(exc, SandboxUnavailable):
                    raise
                job.verdict = None
                job.note = f"judge error: {type(exc).__name__}: {exc}"
            line(job)
            return job

        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            for job in pool.map(one, runnable):
                report.jobs.append(job)

    # Phase 1: accepted submissions of packages without a time limit, with a generous limit.
    limits: dict[str, float | None] = {}
    needs_limit = [p for p in packages if getattr(p, "time_limit_source", "problem.yaml") == "default"]
    first = []
    for package in needs_limit:
        limits[str(package.path)] = max(GENEROUS_TIME_LIMIT_S, float(package.time_limit_s) * 3)
        first.extend(jobs_of(package, True))
    if first:
        run(first, limits)
    for package in needs_limit:
        accepted = [j for j in first if j.package is package and j.verdict == "AC" and not j.skipped]
        if accepted:
            limit = derive_limit(package, [j.max_time_ms / 1000.0 for j in accepted])
            write_timelimit(package.path, limit)
            package.time_limit_s = limit
            package.time_limit_source = ".timelimit"
            limits[str(package.path)] = limit
            with lock:
                echo(
                    f"     {package.path.name}: time limit {limit:g} s derived from {len(accepted)} accepted "
                    f"submission(s), written to {package.path / '.timelimit'}"
                )
        else:
            limits[str(package.path)] = None

    # Phase 2: everything else.
    rest = []
    for package in packages:
        rest.extend(jobs_of(package, False if package in needs_limit else None))
    run(rest, limits)
    report.elapsed_s = time.monotonic() - started
    return report


def _relative(path: Path, package_path: Path) -> str:
    try:
        return str(Path(path).relative_to(package_path))
    except ValueError:
        return str(path)
