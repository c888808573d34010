"""Calling the sandbox: a judge error raised before any test ran (e.g. a container that failed to start) is
retried a couple of times, so a passing hiccup of the judge never ends as a JE verdict."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from sandbox.spec import JudgeReport, JudgeRequest, Verdict

log = logging.getLogger("assessment.judging")

RETRIES = 2


def run_judge(
    request: JudgeRequest, progress: Callable[[str, int, int], None] | None = None, slot: int | None = None
) -> JudgeReport:
    """`slot`: the caller's worker slot (0, 1, ...), which pins its runs to a CPU core of its own."""
    from sandbox.judge import judge

    for attempt in range(RETRIES + 1):
        report = judge(request, progress=progress, slot=slot)
        if report.verdict == Verdict.JE and not report.tests and attempt < RETRIES:
            log.warning("judge error before any test ran (%s); retrying", report.judge_error)
            time.sleep(0.3 * (attempt + 1))
            continue
        return report
    return report  # pragma: no cover
