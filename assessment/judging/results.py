"""What gets stored for a judged submission: the sandbox report summarised with the scoring rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from sandbox.spec import JudgeReport, Verdict

from ..enums import SubmissionKind
from .scoring import PASS, PlannedTest, overall_verdict, score, tests_passed

MESSAGE_LIMIT = 4000


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


def _clip(text: str | None, limit: int = MESSAGE_LIMIT) -> str:
    text = text or ""
    return text if len(text) <= limit else text[: limit - 20] + "\n... (truncated)"


def summarize(kind: SubmissionKind | str, planned: list[PlannedTest], report: JudgeReport) -> JudgeResult:
    """Summarise a sandbox JudgeReport for a submission of `kind` whose request asked for `planned` tests."""
    submission_kind = SubmissionKind(kind)
    shows_output = submission_kind.shows_output
    by_name = {p.name: p for p in planned}
    rows: list[ResultRow] = []
    for outcome in report.tests:
        plan = by_name.get(outcome.name)
        message = outcome.message or ""
        if shows_output and getattr(outcome, "stderr_tail", None):
            message = (message + "\n" if message else "") + "stderr:\n" + outcome.stderr_tail
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
    secret = [p for p in planned if not p.is_sample]
    value = 0.0 if verdict == Verdict.CE else score(planned, verdicts)
    return JudgeResult(
        verdict, value, tests_passed(secret, verdicts), len(secret), max_time, max_memory, compile_output, "", rows
    )


def judge_error(message: str) -> JudgeResult:
    """A failure on the judge's side: never counted against the candidate."""
    return JudgeResult(Verdict.JE, None, None, None, None, None, "", _clip(message, 300), [])


__all__ = ["PASS", "JudgeResult", "ResultRow", "judge_error", "summarize"]
