"""Build the sandbox's JudgeRequest for a submission from a loaded problem package.

Kinds:
  submit, auto  samples then every secret test, in judging order; no early stop (the score needs every secret test)
  samples       sample tests only, keeping the program's output so the page can show it next to the expected answer
  custom        one run on the candidate's own input (no answer: the verdict is OK unless a limit was hit)

The request says what kind of problem it is: interactive (the package's output validator is the interactor) and
multi-pass (`passes` > 1: the validator may write nextpass.in for another run). A submission is one source text or a
folder of files (`files`: relative path -> bytes; `source` is then "").
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sandbox.spec import JudgeRequest, Limits, TestSpec, ValidatorSpec

from ..enums import SubmissionKind
from .scoring import PlannedTest

if TYPE_CHECKING:
    from ..problems.kattis import ProblemPackage
    from ..problems.testdata import TestCase

SAMPLE_OUTPUT_BYTES = 64 * 1024
CUSTOM_TEST_NAME = "custom"
CUSTOM_GROUP = "custom"
DEFAULT_FOLDER_LIMIT_KB = 1024  # a folder submission's total size when the package sets no `limits.code`
MAX_FOLDER_FILES = 200


class SubmissionFilesError(ValueError):
    """A submission folder that cannot be judged (too big, too many files, unreadable); the message says why."""


@dataclass(frozen=True)
class SubmissionFiles:
    """What to judge: one source text, or a folder of files."""

    source: str
    files: dict[str, bytes] | None = None

    @property
    def names(self) -> list[str]:
        return sorted(self.files) if self.files is not None else []


def read_submission(path: Path, code_limit_kb: int | None = None) -> SubmissionFiles:
    """A file as its text, or a folder as its files (hidden files and caches left out)."""
    path = Path(path)
    limit = (code_limit_kb or DEFAULT_FOLDER_LIMIT_KB) * 1024
    if path.is_file():
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SubmissionFilesError(f"cannot read {path}: {exc.strerror or exc}") from None
        if len(data) > limit:
            raise SubmissionFilesError(f"{path} is larger than the code limit of {limit // 1024} KiB")
        try:
            return SubmissionFiles(data.decode("utf-8"))
        except UnicodeDecodeError:
            raise SubmissionFilesError(f"{path} is not UTF-8 text") from None
    if not path.is_dir():
        raise SubmissionFilesError(f"{path} is neither a file nor a folder")
    files: dict[str, bytes] = {}
    total = 0
    for entry in sorted(path.rglob("*")):
        rel = entry.relative_to(path)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts) or not entry.is_file():
            continue
        if entry.is_symlink() and not entry.resolve().is_relative_to(path.resolve()):
            continue
        try:
            data = entry.read_bytes()
        except OSError as exc:
            raise SubmissionFilesError(f"cannot read {entry}: {exc.strerror or exc}") from None
        total += len(data)
        if total > limit:
            raise SubmissionFilesError(f"the files in {path} add up to more than the code limit of {limit // 1024} KiB")
        files[rel.as_posix()] = data
        if len(files) > MAX_FOLDER_FILES:
            raise SubmissionFilesError(f"{path} holds more than {MAX_FOLDER_FILES} files")
    if not files:
        raise SubmissionFilesError(f"{path} is an empty folder")
    return SubmissionFiles("", files)


# Language codes of the problem package format's language table that differ from the platform's ids.
PACKAGE_LANGUAGE_CODES = {"python3": "python", "py3": "python", "c++": "cpp", "js": "javascript"}


def known_language(code: str) -> str | None:
    """The platform's id for a language code (its own id, or the package format's code), None when unknown."""
    from sandbox.languages import LANGUAGES

    code = code.strip().lower()
    code = PACKAGE_LANGUAGE_CODES.get(code, code)
    return code if code in LANGUAGES else None


def is_python2(path: Path) -> bool:
    """A .py file whose #! line asks for Python 2 (the legacy format tells Python 2 and 3 apart this way)."""
    if path.suffix != ".py":
        return False
    try:
        with path.open("rb") as handle:
            first = handle.readline(200)
    except OSError:
        return False
    return first.startswith(b"#!") and b"python2" in first


def language_for_files(names: Iterable[str], entrypoint: str | None = None) -> tuple[str | None, str]:
    """(language id, "") from the file extensions of a submission, or (None, why not). Files in no language of the
    platform (headers, data, notes) do not count; when several languages are present the entry point decides."""
    from sandbox.languages import language_for_filename

    found: dict[str, list[str]] = {}
    for name in names:
        language = language_for_filename(name)
        if language is not None:
            found.setdefault(language.id, []).append(name)
    if len(found) == 1:
        return next(iter(found)), ""
    if entrypoint:
        language = language_for_filename(entrypoint)
        if language is not None and language.id in found:
            return language.id, ""
    if not found:
        return None, "no file in a language this platform runs"
    listing = ", ".join(f"{lang} ({', '.join(files[:2])})" for lang, files in sorted(found.items()))
    return None, f"files in several languages: {listing}; say which one (--language, or `language` in submissions.yaml)"


def limits_for(package: ProblemPackage) -> Limits:
    return Limits(
        time_s=float(package.time_limit_s),
        memory_mb=int(package.memory_mb),
        output_kb=int(getattr(package, "output_limit_mb", 8) or 8) * 1024,
    )


def validator_for(package: ProblemPackage) -> ValidatorSpec:
    if package.validator == "custom" and package.output_validator_path is not None:
        return ValidatorSpec(kind="custom", path=Path(package.output_validator_path))
    return ValidatorSpec(kind="default")


def test_spec(case: TestCase) -> TestSpec:
    return TestSpec(
        name=case.name,
        group=case.group,
        input_path=Path(case.input_path),
        answer_path=Path(case.answer_path),
        validator_args=tuple(case.validator_args),
        is_sample=bool(case.is_sample),
    )


def cases_for(package: ProblemPackage, kind: str) -> list[TestCase]:
    if kind in (SubmissionKind.SUBMIT, SubmissionKind.AUTO):
        return list(package.samples) + list(package.secret)
    if kind == SubmissionKind.SAMPLES:
        return list(package.samples)
    raise ValueError(f"unknown submission kind {kind!r} (expected one of {', '.join(SubmissionKind)})")


def build_request(
    package: ProblemPackage,
    kind: str,
    source: str,
    language: str,
    *,
    custom_input_path: Path | None = None,
    time_limit_s: float | None = None,
    stop_on_first_failure: bool = False,
    files: dict[str, bytes] | None = None,
    entrypoint: str | None = None,
) -> JudgeRequest:
    """The request for `kind`. For "custom", `custom_input_path` is a file holding the candidate's input
    (see `custom_input_file`). `time_limit_s` overrides the package's limit (used by `assessment verify`).
    `files` makes it a folder submission (`source` must then be ""), `entrypoint` names its entry point."""
    limits = limits_for(package)
    if time_limit_s is not None:
        limits = Limits(
            time_s=float(time_limit_s),
            memory_mb=limits.memory_mb,
            output_kb=limits.output_kb,
            compile_time_s=limits.compile_time_s,
            compile_memory_mb=limits.compile_memory_mb,
        )
    if kind == "custom":
        if custom_input_path is None:
            raise ValueError("a custom run needs an input file")
        if getattr(package, "interactive", False) or getattr(package, "multi_pass", False):
            raise ValueError(
                "custom input cannot be judged for interactive or multi-pass problems (the validator "
                "needs a test's answer)"
            )
        tests = [
            TestSpec(
                name=CUSTOM_TEST_NAME,
                group=CUSTOM_GROUP,
                input_path=Path(custom_input_path),
                answer_path=None,
                validator_args=(),
                is_sample=False,
            )
        ]
        keep = SAMPLE_OUTPUT_BYTES
    else:
        tests = [test_spec(case) for case in cases_for(package, kind)]
        keep = SAMPLE_OUTPUT_BYTES if kind == "samples" else 0
    return JudgeRequest(
        source="" if files is not None else source,
        language=language,
        tests=tests,
        limits=limits,
        validator=validator_for(package),
        stop_on_first_failure=stop_on_first_failure,
        keep_output_bytes=keep,
        files=dict(files) if files is not None else None,
        entrypoint=entrypoint if files is not None else None,
        interactive=bool(getattr(package, "interactive", False)),
        passes=int(getattr(package, "passes", 1) or 1),
    )


def planned_tests(request: JudgeRequest) -> list[PlannedTest]:
    return [PlannedTest(name=t.name, group=t.group, is_sample=t.is_sample) for t in request.tests]


@contextmanager
def custom_input_file(text: str | None) -> Iterator[Path]:
    """The candidate's custom input written to a private temporary file, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="assessment-custom-"))
    try:
        os.chmod(folder, 0o755)
        path = folder / "custom.in"
        data = (text or "").replace("\r\n", "\n")
        path.write_text(data, encoding="utf-8")
        os.chmod(path, 0o644)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def prepared_request(
    package: ProblemPackage, kind: str, source: str, language: str, custom_input: str | None = None
) -> Iterator[JudgeRequest]:
    """`build_request` with the custom input file handled (valid only inside the `with` block)."""
    if kind == "custom":
        with custom_input_file(custom_input) as path:
            yield build_request(package, kind, source, language, custom_input_path=path)
    else:
        yield build_request(package, kind, source, language)
