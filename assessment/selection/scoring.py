"""Aggregation rules for the selection board. Pure functions over plain values (no database).

Essays
  * Every final essay answer is graded independently by `reviews_per_essay` reviewers (role "grader") against the
    rubric of the prompt version the candidate answered. A grade gives each criterion the points of one level.
  * Adjudication: when the totals of two submitted grader grades of the same answer differ by more than the
    position's `adjudication_threshold` (points, whole essay), the answer is flagged and a third reviewer, who did not
    grade it, grades it as "adjudicator".
  * Points per criterion: if an adjudicator has graded the answer, the adjudicator's points (the mean if there were
    several adjudicators); otherwise the mean of the graders' points. Only submitted grades count; a reservation
    (a grade being written) counts for nothing.
  * Essay score = sum of the per-criterion points / the rubric's maximum points (sum over criteria of the highest
    level), a number in 0..1. An answer nobody has graded yet scores 0 until graded (the board shows grading progress
    so an incomplete essay score is visible).
  * Position essay score = mean of the essay scores over the position's active prompts; a prompt the candidate did
    not answer counts 0.

Coding
  * The position's scoring rule (`scoring:` in position.yaml, `ScoringRule`) decides which of a candidate's judged
    submissions of kind "submit" or "auto" counts for a problem: `best` (the default: the highest score, the latest
    among equal ones) or `last` (the latest). Every page, the CSV and the API take the rule's words from `RULES`.
  * Problem score = the counted submission's `Submission.score` (share 0..1 of secret tests, or of secret groups,
    passed); 0 when there is none.
  * Coding score = mean of the problem scores over the position's active problems.

Total
  * Weighted total = weight_coding * coding score + weight_essay * essay score (the position's effective weights,
    selection/weights.py: position.yaml's, or weights an administrator saved on the board; they sum to 1; a part the
    position does not have has weight 0 and counts 0). The board's what-if sliders (static/js/board-weights.js)
    compute the same sum in the page.

Interview
  * A scorecard rates each of the position's interview criteria from 1 to `scale`; its score = the mean over its
    criteria of (rating - 1) / (scale - 1), a number in 0..1 (1 is 0 %, `scale` is 100 %).
  * Interview score = the mean of the candidate's submitted scorecards' scores (None without any). It is shown
    beside the test scores and does not enter the weighted total.
  * The board, the CSV and the JSON export show every score as a percentage rounded to 2 decimals (`as_percent`),
    computed from the unrounded values; candidates are ranked by the unrounded total, highest first, ties by the
    earlier application.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import mean
from typing import Any, Protocol, TypeVar, overload

from flask_babel import lazy_gettext as _l

from ..enums import SCORED_KINDS, ReviewRole, ScoringRule

GRADER = ReviewRole.GRADER
ADJUDICATOR = ReviewRole.ADJUDICATOR


@dataclass(frozen=True)
class RuleWords:
    """The rule's words, translated into the reader's language when shown (lazy strings)."""

    counts: Any  # "best submission counts": the phrase every page shows
    candidate: Any  # how the test pages say it to the candidate
    staff: Any  # how the board and the report say it


RULES: dict[ScoringRule, RuleWords] = {
    ScoringRule.BEST: RuleWords(
        counts=_l("best submission counts"),
        candidate=_l(
            "For each problem, your best submission counts: the one that passes the most hidden tests. A later, "
            "worse submission never lowers your score."
        ),
        staff=_l("For each problem, the candidate's best submission counts (the latest among equally good ones)."),
    ),
    ScoringRule.LAST: RuleWords(
        counts=_l("last submission counts"),
        candidate=_l(
            "For each problem, your last submission counts, even if an earlier one passed more hidden tests. "
            "Code submitted for you when time runs out is a submission too."
        ),
        staff=_l("For each problem, the candidate's last submission counts (including the automatic one at the end)."),
    ),
}
DEFAULT_RULE = ScoringRule.BEST


class HasScoringRule(Protocol):
    @property
    def scoring_rule(self) -> str | None: ...


def rule_of(position: HasScoringRule | None) -> ScoringRule:
    """The position's rule (a value that is not a rule, e.g. from an old row, is the default)."""
    value = str(getattr(position, "scoring_rule", None) or DEFAULT_RULE)
    try:
        rule: ScoringRule = ScoringRule(value)
    except ValueError:
        return DEFAULT_RULE
    return rule


def words(position: HasScoringRule | None) -> RuleWords:
    return RULES[rule_of(position)]


Item = TypeVar("Item")


def counted(items: Sequence[Item], score_of: Callable[[Item], float | None], rule: ScoringRule) -> Item | None:
    """The item that counts among a problem's judged submissions, given oldest first: for `best` the highest score
    (the latest among equal ones), for `last` the latest."""
    if not items:
        return None
    if rule == ScoringRule.LAST:
        return items[-1]
    chosen = None
    for item in items:  # oldest first: `>=` keeps the latest of equal scores
        if chosen is None or (score_of(item) or 0.0) >= (score_of(chosen) or 0.0):
            chosen = item
    return chosen


class Scored(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def score(self) -> float | None: ...


S = TypeVar("S", bound=Scored)


@dataclass(frozen=True)
class Grade:
    """One submitted review: role and points per criterion key."""

    role: ReviewRole
    points: Mapping[Hashable, float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return float(sum(self.points.values()))


def criterion_points(criteria: Iterable[Hashable], grades: Sequence[Grade]) -> dict[Hashable, float | None]:
    """Aggregated points per criterion (None when nobody graded it)."""
    adjudications = [g for g in grades if g.role == ADJUDICATOR]
    graders = [g for g in grades if g.role != ADJUDICATOR]
    result: dict[Hashable, float | None] = {}
    for key in criteria:
        source = [g.points[key] for g in adjudications if key in g.points]
        if not source:
            source = [g.points[key] for g in graders if key in g.points]
        result[key] = float(mean(source)) if source else None
    return result


def essay_score(criteria_max: Mapping[Hashable, float], grades: Sequence[Grade]) -> float | None:
    """Score 0..1 of one answer, or None when it has no submitted grade."""
    if not grades:
        return None
    maximum = float(sum(criteria_max.values()))
    if maximum <= 0:
        return 0.0
    points = criterion_points(criteria_max.keys(), grades)
    return sum(p for p in points.values() if p is not None) / maximum


def needs_adjudication(grader_totals: Sequence[float], threshold: float) -> bool:
    """True when two submitted grader totals differ by more than `threshold` points."""
    totals = list(grader_totals)
    return len(totals) >= 2 and (max(totals) - min(totals)) > threshold + 1e-9


def position_essay_score(prompt_scores: Sequence[float | None]) -> float:
    """Mean over the position's prompts; a missing or ungraded answer (None) counts 0."""
    if not prompt_scores:
        return 0.0
    return sum(s or 0.0 for s in prompt_scores) / len(prompt_scores)


def counted_submission(submissions: Sequence[S], rule: ScoringRule = DEFAULT_RULE) -> S | None:
    """The submission that counts for a problem among judged ones (objects with `kind` and `score`), oldest first."""
    eligible = [s for s in submissions if s.kind in SCORED_KINDS and s.score is not None]
    return counted(eligible, lambda s: s.score, rule)


def problem_score(submissions: Iterable[tuple[str, float | None]], rule: ScoringRule = DEFAULT_RULE) -> float:
    """Score of the counted submission among (kind, score) pairs of judged submissions, oldest first; 0 when none."""
    scored = [(kind, s) for kind, s in submissions if kind in SCORED_KINDS and s is not None]
    chosen = counted(scored, lambda pair: pair[1], rule)
    return float(chosen[1] or 0.0) if chosen is not None else 0.0


def coding_score(problem_scores: Sequence[float]) -> float:
    """Mean over the position's active problems (0 when the position has none)."""
    return sum(problem_scores) / len(problem_scores) if problem_scores else 0.0


def weighted_total(coding: float | None, essay: float | None, weight_coding: float, weight_essay: float) -> float:
    return weight_coding * (coding or 0.0) + weight_essay * (essay or 0.0)


def scorecard_score(ratings: Sequence[int], scale: int) -> float:
    """One scorecard's score 0..1: the mean of (rating - 1) / (scale - 1) over its criteria."""
    if not ratings or scale < 2:
        return 0.0
    return sum((min(max(r, 1), scale) - 1) / (scale - 1) for r in ratings) / len(ratings)


def interview_score(scorecards: Sequence[tuple[Sequence[int], int]]) -> float | None:
    """Mean score of the submitted scorecards, given as (ratings, scale); None without any."""
    if not scorecards:
        return None
    return sum(scorecard_score(ratings, scale) for ratings, scale in scorecards) / len(scorecards)


@overload
def as_percent(value: float) -> float: ...
@overload
def as_percent(value: None) -> None: ...
@overload
def as_percent(value: float | None) -> float | None: ...
def as_percent(value: float | None) -> float | None:
    """The value every view shows: a percentage rounded to 2 decimals."""
    return None if value is None else round(value * 100.0 + 0.0, 2)
