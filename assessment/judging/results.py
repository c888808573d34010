"""What gets stored for a judged submission: the sandbox report summarised with the scoring rules.

Pass-fail problems score the share of secret tests (or secret groups) passed (see `scoring`). Scoring problems score
as their package says (`assessment.problems.grading`): the points of the run (with the validators' score.txt) and the
share of the package's maximum; the points of every test group are kept for reviewers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sandbox.spec import JudgeReport, Verdict

from ..enums import SubmissionKind
from ..problems.grading import GradeResult, Grading, evaluate
from .scoring import PASS, PlannedTest, overall_verdict, score, scored_tests, tests_passed

MESSAGE_LIMIT = 4000


@dataclass
class PassRow:
    """One pass of a multi-pass test."""

    verdict: str
    time_ms: int = 0
    wall_ms: int = 0
    memory_kb: int = 0
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "time_ms": self.time_ms,
            "wall_ms": self.wall_ms,
            "memory_kb": self.memory_kb,
            "message": self.message,
        }


@dataclass
class ResultRow:
    name: str
    group: str
    is_sample: bool
    verdict: Verdict
    time_ms: int = 0
    wall_ms: int = 0
    memory_kb: int = 0
    message: str = ""
    output: str | None = None
    score: float | None = None  # the validator's score.txt (scoring problems)
    passes: list[PassRow] = field(default_factory=list)


@dataclass
class GroupPoints:
    group: str
    verdict: str
    points: float
    max_points: float | None

    def as_dict(self) -> dict[str, Any]:
        return {"group": self.group, "verdict": self.verdict, "points": self.points, "max_points": self.max_points}


@dataclass
class JudgeResult:
    verdict: Verdict
    score: float | None
    tests_passed: int | None
    tests_total: int | None
    max_time_ms: int | None
    max_memory_kb: int | None
    compile_output: str = ""
    message: str = ""
    rows: list[ResultRow] = field(default_factory=list)
    points: float | None = None  # scoring problems: the run's points ...
    max_points: float | None = None  # ... out of this many
    graded_verdict: str | None = None  # scoring problems: the verdict the package's grading rules give
    groups: list[GroupPoints] = field(default_factory=list)


def _clip(text: str | None, limit: int = MESSAGE_LIMIT) -> str:
    text = text or ""
    return text if len(text) <= limit else text[: limit - 20] + "\n... (truncated)"


def _passes(outcome: Any) -> list[PassRow]:
    return [
        PassRow(
            verdict=str(p.verdict),
            time_ms=int(p.time_ms or 0),
            wall_ms=int(p.wall_ms or 0),
            memory_kb=int(p.memory_kb or 0),
            message=_clip(p.message or "", 1000),
        )
        for p in (getattr(outcome, "passes", None) or [])
    ]


def _grade(grading: Grading, rows: list[ResultRow]) -> GradeResult:
    return evaluate(grading, {row.name: (row.verdict, row.score) for row in rows})


def summarize(
    kind: SubmissionKind | str, planned: list[PlannedTest], report: JudgeReport, grading: Grading | None = None
) -> JudgeResult:
    """Summarise a sandbox JudgeReport for a submission of `kind` whose request asked for `planned` tests;
    `grading` is the package's scoring rules (scoring problems)."""
    submission_kind = SubmissionKind(kind)
    shows_output = submission_kind.shows_output
    by_name = {p.name: p for p in planned}
    rows: list[ResultRow] = []
    for outcome in report.tests:
        plan = by_name.get(outcome.name)
        message = outcome.message or ""
        if shows_output and getattr(outcome, "stderr_tail", None):
            message = (message + "\n" if message else "") + "stderr:\n" + outcome.stderr_tail
        value = getattr(outcome, "score", None)
        rows.append(
            ResultRow(
                name=outcome.name,
                group=outcome.group,
                is_sample=plan.is_sample if plan else False,
                verdict=Verdict(outcome.verdict),
                time_ms=int(outcome.time_ms or 0),
                wall_ms=int(outcome.wall_ms or 0),
                memory_kb=int(outcome.memory_kb or 0),
                message=_clip(message),
                output=outcome.output if shows_output else None,
                score=float(value) if value is not None else None,
                passes=_passes(outcome),
            )
        )
    verdicts = {row.name: row.verdict for row in rows}
    max_time = max((r.time_ms for r in rows), default=None)
    max_memory = max((r.memory_kb for r in rows), default=None)
    compile_output = _clip(report.compile_output, 20000)
    judge_error = _clip(getattr(report, "judge_error", None) or "", 300)

    if report.verdict == Verdict.JE or judge_error:
        return JudgeResult(
            Verdict.JE,
            None,
            None,
            None,
            max_time,
            max_memory,
            compile_output,
            judge_error or "The judge failed on this submission.",
            rows,
        )
    if submission_kind == SubmissionKind.CUSTOM:
        verdict = Verdict.CE if report.verdict == Verdict.CE else (rows[0].verdict if rows else Verdict(report.verdict))
        return JudgeResult(verdict, None, None, None, max_time, max_memory, compile_output, "", rows)
    verdict = overall_verdict(planned, verdicts, Verdict(report.verdict))
    if submission_kind == SubmissionKind.SAMPLES:
        samples = [p for p in planned if p.is_sample]
        return JudgeResult(
            verdict, None, tests_passed(samples, verdicts), len(samples), max_time, max_memory, compile_output, "", rows
        )
    counted = scored_tests(planned)
    result = JudgeResult(
        verdict,
        0.0 if verdict == Verdict.CE else score(planned, verdicts),
        tests_passed(counted, verdicts),
        len(counted),
        max_time,
        max_memory,
        compile_output,
        "",
        rows,
    )
    if grading is not None:
        graded = _grade(grading, rows if verdict != Verdict.CE else [])
        result.points = graded.points
        result.max_points = graded.max_points
        result.graded_verdict = Verdict.CE if verdict == Verdict.CE else graded.verdict
        result.score = graded.share
        result.groups = [
            GroupPoints(g.name, g.verdict, g.points, g.max_points)
            for g in graded.groups
            if g.name not in ("", "sample")
        ]
    return result


def judge_error(message: str) -> JudgeResult:
    """A failure on the judge's side: never counted against the candidate."""
    return JudgeResult(Verdict.JE, None, None, None, None, None, "", _clip(message, 300), [])


__all__ = ["PASS", "GroupPoints", "JudgeResult", "PassRow", "ResultRow", "judge_error", "summarize"]
