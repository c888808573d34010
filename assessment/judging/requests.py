"""Build the sandbox's JudgeRequest for a submission from a loaded problem package.

Kinds:
  submit, auto  samples then every secret test, in judging order; no early stop (the score needs every secret test)
  samples       sample tests only, keeping the program's output so the page can show it next to the expected answer
  custom        one run on the candidate's own input (no answer: the verdict is OK unless a limit was hit)
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
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
) -> JudgeRequest:
    """The request for `kind`. For "custom", `custom_input_path` is a file holding the candidate's input
    (see `custom_input_file`). `time_limit_s` overrides the package's limit (used by `assessment verify`)."""
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
        source=source,
        language=language,
        tests=tests,
        limits=limits,
        validator=validator_for(package),
        stop_on_first_failure=stop_on_first_failure,
        keep_output_bytes=keep,
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
