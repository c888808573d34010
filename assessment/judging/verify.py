"""`assessment verify`: every reference submission of a package must get the verdict its folder names.

accepted -> AC, wrong_answer -> WA, time_limit_exceeded -> TLE, run_time_error -> RTE, memory_limit_exceeded -> MLE,
output_limit_exceeded -> OLE, rejected -> anything but AC. Non-accepted submissions stop at their first failing
test. A package without an explicit time limit first runs its accepted submissions with a generous limit; the
limit derived from their times is written to `<package>/.timelimit` and used for the others.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .requests import build_request, planned_tests
from .results import summarize

if TYPE_CHECKING:
    from ..problems.kattis import ProblemPackage

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


@dataclass
class Job:
    package: ProblemPackage
    path: Path
    expected: str  # "AC", "WA", ..., or "REJECTED"
    language: str | None
    verdict: str | None = None
    max_time_ms: int = 0
    wall_s: float = 0.0
    tests_run: int = 0
    note: str = ""

    @property
    def ok(self) -> bool:
        if self.verdict is None or self.verdict == "JE":
            return False
        if self.expected == "REJECTED":
            return self.verdict != "AC"
        return self.verdict == self.expected


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


def _language(path: Path) -> str | None:
    from sandbox.languages import language_for_filename

    language = language_for_filename(path.name)
    return None if language is None else language.id


def _judge_job(job: Job, time_limit_s: float | None) -> Job:
    from .runner import run_judge

    started = time.monotonic()
    try:
        source = job.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        job.note = f"cannot read the file: {exc}"
        return job
    assert job.language is not None  # jobs without a language are reported, never judged
    request = build_request(
        job.package,
        "submit",
        source,
        job.language,
        time_limit_s=time_limit_s,
        stop_on_first_failure=job.expected != "AC",
    )
    report = run_judge(request)
    result = summarize("submit", planned_tests(request), report)
    job.verdict = result.verdict
    job.max_time_ms = result.max_time_ms or 0
    job.tests_run = len(result.rows)
    job.wall_s = time.monotonic() - started
    if result.verdict == "JE":
        job.note = result.message
    elif result.verdict == "CE":
        job.note = (result.compile_output or "").strip().splitlines()[-1][:200] if result.compile_output.strip() else ""
    return job


def derive_limit(package: ProblemPackage, times_s: list[float]) -> float:
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
            report.package_errors.append(
                (
                    Path(root),
                    [
                        "no problem package here (a package has a problem.yaml); pass "
                        "a package folder or a folder containing packages"
                    ],
                )
            )
        for path in paths:
            try:
                packages.append(load_package(path))
            except PackageError as exc:
                report.package_errors.append((path, [f"{i.path}: {i.message}" for i in exc.issues]))
    report.packages = len(packages)

    def line(job: Job) -> None:
        status = "ok  " if job.ok else "FAIL"
        got = job.verdict or "-"
        rel = _relative(job.path, job.package.path)
        text = (
            f"{status} {job.package.path.name}/{rel}: expected {_expected_label(job.expected)}, got {got}; "
            f"max {job.max_time_ms} ms, {job.tests_run} test(s), {job.wall_s:.1f} s"
        )
        if job.note and not job.ok:
            text += f" ({job.note})"
        with lock:
            echo(text)

    def jobs_of(package: ProblemPackage, expected_filter: Callable[[str], bool]) -> list[Job]:
        out = []
        for expected, files in sorted(package.submissions.items()):
            if not expected_filter(expected):
                continue
            for path in files:
                out.append(Job(package, Path(path), expected, _language(Path(path))))
        return out

    def run(jobs: list[Job], limits: dict[str, float | None]) -> None:
        runnable = []
        for job in jobs:
            if job.language is None:
                job.note = "unknown language (by file extension)"
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

    # Phase 1: accepted submissions of packages without an explicit time limit, with a generous limit.
    limits: dict[str, float | None] = {}
    needs_limit = [p for p in packages if getattr(p, "time_limit_source", "problem.yaml") == "default"]
    first = []
    for package in needs_limit:
        limits[str(package.path)] = max(GENEROUS_TIME_LIMIT_S, float(package.time_limit_s) * 3)
        first.extend(jobs_of(package, lambda e: e == "AC"))
    if first:
        run(first, limits)
    for package in needs_limit:
        accepted = [j for j in first if j.package is package and j.verdict == "AC"]
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
        in_first = package in needs_limit
        rest.extend(jobs_of(package, (lambda e: e != "AC") if in_first else (lambda e: True)))
    run(rest, limits)
    report.elapsed_s = time.monotonic() - started
    return report


def _relative(path: Path, package_path: Path) -> str:
    try:
        return str(Path(path).relative_to(package_path))
    except ValueError:
        return str(path)


def _expected_label(expected: str) -> str:
    return "any rejection" if expected == "REJECTED" else expected
