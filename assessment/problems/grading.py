"""How a scoring problem turns per-test results into points, as its package says.

The loader builds a `Grading` tree from the package's test data configuration (legacy and 2023-07-draft
`testdata.yaml` grading keys, 2023-07-draft `scoring:` maps, 2025-09 `test_group.yaml`); `evaluate` applies it to the
verdicts and validator scores (`score.txt`) of one run. Pure data and functions: no files, no database.

Two models, as the specifications define them:
- "grader" (legacy, and 2023-07-draft packages written with its grading keys): every folder under data/ is a group
  whose result comes from the default grader (verdict: worst_error | first_error | always_accept, optionally
  accept_if_any_accepted; score: sum | avg | min | max; ignore_sample at the root); a case scores `accept_score`
  (default 1) when accepted without a score.txt and `reject_score` (default 0) otherwise; `on_reject: break` stops a
  group at its first rejected item; the submission's points count only when its graded verdict is accepted.
- "groups" (2025-09, and 2023-07-draft `scoring:` maps): `secret` and its groups have a maximum score and an
  aggregation (pass-fail | sum | min); a case in a bounded `sum` group is worth the group's maximum divided by its
  number of cases, in a `min` group the group's maximum; a validator's score.txt replaces an accepted case's score;
  `require_pass` zeroes a group unless the groups it names were fully accepted.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

AC = "AC"
AGGREGATIONS = ("pass-fail", "sum", "min", "max", "avg")
VERDICT_MODES = ("worst_error", "first_error", "always_accept")
# worst first, as the default grader orders them (a test that did not run counts as the mildest rejection)
SEVERITY = ("JE", "RTE", "MLE", "TLE", "OLE", "WA")
NOT_RUN = "WA"
EPSILON = 1e-9


@dataclass(frozen=True)
class CaseRule:
    name: str  # test case name, e.g. "secret/group1/03"
    max_score: float | None = None  # "groups" model: the case's maximum in a bounded sum/min group
    accept_score: float | None = None  # "grader" model: score of an accepted case without score.txt
    reject_score: float = 0.0


@dataclass(frozen=True)
class GroupRule:
    name: str  # "" (data/), "sample", "secret", "secret/group1", ...
    items: tuple[GroupRule | CaseRule, ...]
    aggregation: str = "sum"
    max_score: float | None = None  # None: unbounded (or not known)
    on_reject: str = "continue"  # "break": later items count as not run after the first rejection
    verdict_mode: str = "worst_error"
    accept_if_any_accepted: bool = False
    ignore_sample: bool = False
    require_pass: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grading:
    model: str  # "grader" | "groups"
    root: GroupRule
    max_points: float | None  # None: the package gives no finite maximum
    validator_scores: bool = True  # an accepted case's score.txt counts

    def groups(self) -> list[GroupRule]:
        found: list[GroupRule] = []

        def walk(group: GroupRule) -> None:
            for item in group.items:
                if isinstance(item, GroupRule):
                    walk(item)
            found.append(group)

        walk(self.root)
        return found


@dataclass(frozen=True)
class GroupResult:
    name: str
    verdict: str
    points: float
    max_points: float | None


@dataclass(frozen=True)
class GradeResult:
    verdict: str  # the graded verdict (AC when the package's rules accept the run)
    points: float
    max_points: float | None
    groups: tuple[GroupResult, ...]  # every group, depth first, the root last

    @property
    def share(self) -> float | None:
        """points / max_points (0..1), None when the maximum is unknown."""
        if self.max_points is None or self.max_points <= 0:
            return None
        return max(0.0, min(1.0, self.points / self.max_points))


Outcomes = Mapping[str, tuple[str, float | None]]  # case name -> (verdict, score from score.txt or None)


def _worst(verdicts: list[str]) -> str:
    rejected = [v for v in verdicts if v != AC]
    if not rejected:
        return AC
    return min(rejected, key=lambda v: SEVERITY.index(v) if v in SEVERITY else len(SEVERITY))


def _aggregate(aggregation: str, scores: list[float], max_score: float | None, all_accepted: bool) -> float:
    if aggregation == "pass-fail":
        return (max_score or 0.0) if all_accepted and scores else 0.0
    if not scores:
        return 0.0
    if aggregation == "min":
        return min(scores)
    if aggregation == "max":
        return max(scores)
    if aggregation == "avg":
        return sum(scores) / len(scores)
    return sum(scores)


class _Evaluator:
    def __init__(self, grading: Grading, outcomes: Outcomes) -> None:
        self.grading = grading
        self.outcomes = outcomes
        self.results: dict[str, GroupResult] = {}

    def case(self, rule: CaseRule) -> tuple[str, float]:
        verdict, score = self.outcomes.get(rule.name, (NOT_RUN, None))
        if verdict != AC:
            return verdict, rule.reject_score
        if score is not None and self.grading.validator_scores and math.isfinite(score):
            return AC, max(0.0, score)
        if rule.accept_score is not None:
            return AC, rule.accept_score
        return AC, rule.max_score if rule.max_score is not None else 0.0

    def group(self, rule: GroupRule) -> GroupResult:
        blocked = next(
            (self.results[n] for n in rule.require_pass if n in self.results and self.results[n].verdict != AC), None
        )
        verdicts: list[str] = []
        scores: list[float] = []
        for item in rule.items:
            if rule.ignore_sample and item.name == "sample":
                if isinstance(item, GroupRule):
                    self.group(item)
                continue
            if isinstance(item, GroupRule):
                result = self.group(item)
                verdict, score = result.verdict, result.points
            else:
                verdict, score = self.case(item)
            verdicts.append(verdict)
            scores.append(score)
            if verdict != AC and rule.on_reject == "break":
                break
        all_accepted = all(v == AC for v in verdicts)
        if blocked is not None:
            verdict, points = blocked.verdict, 0.0
        else:
            if (rule.accept_if_any_accepted and AC in verdicts) or rule.verdict_mode == "always_accept":
                verdict = AC
            elif rule.verdict_mode == "first_error":
                verdict = next((v for v in verdicts if v != AC), AC)
            else:
                verdict = _worst(verdicts)
            points = _aggregate(rule.aggregation, scores, rule.max_score, all_accepted)
        if rule.max_score is not None:
            points = min(points, rule.max_score)
        result = GroupResult(rule.name, verdict, points, rule.max_score)
        self.results[rule.name] = result
        return result


def evaluate(grading: Grading, outcomes: Outcomes) -> GradeResult:
    """The graded verdict, points and per-group results of one run (`outcomes` holds the cases that ran)."""
    evaluator = _Evaluator(grading, outcomes)
    root = evaluator.group(grading.root)
    points = root.points
    if grading.model == "grader" and root.verdict != AC:
        points = 0.0  # the default grader's score counts only for an accepted submission
    if grading.max_points is not None:
        points = min(points, grading.max_points)
    groups = tuple(evaluator.results[g.name] for g in grading.groups() if g.name in evaluator.results)
    return GradeResult(root.verdict, max(0.0, points), grading.max_points, groups)


def maximum(grading_root: GroupRule, validator_scores: bool) -> float | None:
    """The most points a run can get, or None when the package bounds nothing (a validator's score.txt can be
    anything)."""

    def best(item: GroupRule | CaseRule) -> float | None:
        if isinstance(item, CaseRule):
            if item.max_score is not None:
                return item.max_score
            if validator_scores:
                return None
            return item.accept_score if item.accept_score is not None else 0.0
        if item.max_score is not None:
            return item.max_score
        values = [best(child) for child in item.items if not (item.ignore_sample and child.name == "sample")]
        if any(v is None for v in values):
            return None
        known = [v for v in values if v is not None]
        return _aggregate(item.aggregation, known, item.max_score, True) if known else 0.0

    return best(grading_root)
