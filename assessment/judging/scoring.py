"""Overall verdict and score of a judged submission. Pure functions over plain values.

Judging order is samples first, then the secret groups in order. The overall verdict is the verdict of the first
test in that order that did not pass; AC when all passed. A compile error or a judge error is reported as such.

The score only looks at secret tests: the share of secret tests passed, or, when the secret data is split into more
than one group, the share of groups whose every test passed. A test that was not run (early stop) counts as failed.
A package with sample data only is scored on its samples (`scored_tests`). Scoring problems (points from their
package's grading rules) are summarised in `results` with `assessment.problems.grading`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sandbox.spec import Verdict

PASS = Verdict.AC
WHOLE_RUN_VERDICTS = (Verdict.CE, Verdict.JE)


@dataclass(frozen=True)
class PlannedTest:
    """A test the request asked for, in judging order."""

    name: str
    group: str
    is_sample: bool = False


def overall_verdict(
    planned: Sequence[PlannedTest], verdicts: Mapping[str, Verdict], report_verdict: Verdict | None = None
) -> Verdict:
    """`verdicts` maps test name -> verdict for the tests that ran."""
    if report_verdict in WHOLE_RUN_VERDICTS:
        return report_verdict
    for test in planned:
        verdict = verdicts.get(test.name)
        if verdict is None:
            # Not run although nothing failed before it: the run was cut short by the judge.
            return report_verdict if report_verdict and report_verdict != PASS else Verdict.JE
        if verdict != PASS:
            return verdict
    return PASS


def secret_groups(planned: Iterable[PlannedTest]) -> list[str]:
    """Distinct groups of the secret tests, in judging order."""
    groups: list[str] = []
    for test in planned:
        if not test.is_sample and test.group not in groups:
            groups.append(test.group)
    return groups


def scored_tests(planned: Sequence[PlannedTest]) -> list[PlannedTest]:
    """The tests the score counts: the secret ones, or the samples when a package has nothing else."""
    secret = [t for t in planned if not t.is_sample]
    return secret or list(planned)


def score(planned: Sequence[PlannedTest], verdicts: Mapping[str, Verdict]) -> float:
    """Share (0..1) of secret tests passed, or of secret groups fully passed when there is more than one group."""
    secret = [t if not t.is_sample else PlannedTest(t.name, "secret") for t in scored_tests(planned)]
    if not secret:
        return 0.0
    groups = secret_groups(secret)
    if len(groups) > 1:
        passed = sum(1 for g in groups if all(verdicts.get(t.name) == PASS for t in secret if t.group == g))
        return passed / len(groups)
    return tests_passed(secret, verdicts) / len(secret)


def tests_passed(planned: Iterable[PlannedTest], verdicts: Mapping[str, Verdict]) -> int:
    return sum(1 for t in planned if verdicts.get(t.name) == PASS)
