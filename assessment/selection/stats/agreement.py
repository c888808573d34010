"""Agreement between essay graders. Pure functions over plain numbers: each essay ("unit") is the list of the scores
its graders gave it.

Design. Essays are handed out by a queue: each gets `reviews_per_essay` graders (usually two) out of a larger pool,
and different essays get different graders. That is the one-way random-effects design of Shrout & Fleiss (1979),
"case 1": the graders of an essay are a random sample of the pool, and who graded what is not crossed, so a
grader's general leniency cannot be separated from their disagreement on one essay. The fitting intraclass
correlation is therefore ICC(1,1) (Shrout & Fleiss; "one-way random, absolute agreement, single rater" in McGraw &
Wong 1996), and ICC(1,k) for the reliability of the mean of k grades, which is what an essay's score is. ICC(2,1)
and ICC(3,1) need every grader to grade every essay and would overstate agreement here: a harsh and a lenient grader
would count as agreeing as long as they ranked essays alike, while the harsh one lowers the score of every essay
they happen to get. Unequal numbers of grades per essay use the adjusted group size k0 of the one-way ANOVA.

Formulas (n essays, N grades, essay i with k_i grades and mean m_i, grand mean m):
    MSB = Σ k_i (m_i − m)² / (n − 1)          MSW = Σ Σ (x_ij − m_i)² / (N − n)
    k0  = (N − Σ k_i² / N) / (n − 1)
    ICC(1,1) = (MSB − MSW) / (MSB + (k0 − 1) MSW)          ICC(1,k) = (MSB − MSW) / MSB
    95 % interval (Shrout & Fleiss; McGraw & Wong, case 1), with F = MSB / MSW:
        F_L = F / F_.975(n − 1, N − n)      F_U = F · F_.975(N − n, n − 1)
        ICC(1,1): (F_L − 1) / (F_L + k0 − 1) .. (F_U − 1) / (F_U + k0 − 1)      ICC(1,k): 1 − 1/F_L .. 1 − 1/F_U

Krippendorff's alpha with the interval metric (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"),
over the pairable values (essays with at least two grades; n values in all):
    D_o = (1/n) Σ_u (1 / (m_u − 1)) Σ_{i≠j in u} (x_i − x_j)²
    D_e = (1 / (n (n − 1))) Σ_{i≠j} (x_i − x_j)²
    α   = 1 − D_o / D_e
It is chance-corrected like ICC(1,1) and usually close to it; it is given because committees know it from content
analysis, and because it takes any number of grades per essay without an adjusted group size.

Grader offset: for each essay with at least two grades, a grader's score minus the mean of the other graders'
scores of that essay; a grader's offset is the mean over the essays they graded, with a 95 % t interval. Negative
means harsher than their co-graders."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ...enums import FigureReading
from .distributions import f_quantile, t_quantile

CONFIDENCE = 0.95
# Below this many essays graded at least twice, agreement figures are shown as "not enough data": with fewer, a 95 %
# interval of the ICC spans most of its range, whatever the point estimate says.
MIN_ESSAYS = 10
# Below this many essays, a grader's offset is shown as "not enough data".
MIN_GRADER_ESSAYS = 5


def icc_reading(value: float) -> FigureReading:
    """Koo & Li (2016): below 0.5 poor, 0.5 to 0.75 moderate, 0.75 to 0.9 good, above 0.9 excellent."""
    if value < 0.5:
        return FigureReading.POOR
    if value < 0.75:
        return FigureReading.MODERATE
    if value < 0.9:
        return FigureReading.GOOD
    return FigureReading.EXCELLENT


def alpha_reading(value: float) -> FigureReading:
    """Krippendorff (2004): at least 0.8 reliable, 0.667 to 0.8 for tentative conclusions only, below unreliable."""
    if value >= 0.8:
        return FigureReading.RELIABLE
    if value >= 0.667:
        return FigureReading.TENTATIVE
    return FigureReading.UNRELIABLE


def pairable(units: Sequence[Sequence[float]]) -> list[list[float]]:
    """The essays with at least two grades (only they say anything about agreement)."""
    return [[float(x) for x in unit] for unit in units if len(unit) >= 2]


@dataclass(frozen=True)
class Icc:
    single: float  # ICC(1,1)
    average: float  # ICC(1,k): reliability of the mean of k grades
    k: float  # grades per essay (k0 when unequal)
    essays: int
    grades: int
    f_value: float  # MSB / MSW (inf when the graders of every essay agree exactly)
    df_between: int
    df_within: int
    single_low: float
    single_high: float
    average_low: float
    average_high: float


def icc_oneway(units: Sequence[Sequence[float]], confidence: float = CONFIDENCE) -> Icc | None:
    """ICC(1,1) and ICC(1,k) with their intervals; None when undefined (fewer than two essays graded at least twice,
    or no variation at all)."""
    data = pairable(units)
    n = len(data)
    total = sum(len(u) for u in data)
    if n < 2 or total <= n:
        return None
    grand = sum(sum(u) for u in data) / total
    means = [sum(u) / len(u) for u in data]
    ss_between = sum(len(u) * (m - grand) ** 2 for u, m in zip(data, means, strict=True))
    ss_within = sum((x - m) ** 2 for u, m in zip(data, means, strict=True) for x in u)
    df_between, df_within = n - 1, total - n
    msb, msw = ss_between / df_between, ss_within / df_within
    k0 = (total - sum(len(u) ** 2 for u in data) / total) / (n - 1)
    if msb <= 0 and msw <= 0:
        return None
    if msw <= 0:  # the graders of every essay gave the same score: perfect agreement
        return Icc(1.0, 1.0, k0, n, total, math.inf, df_between, df_within, 1.0, 1.0, 1.0, 1.0)
    single = (msb - msw) / (msb + (k0 - 1) * msw)
    average = (msb - msw) / msb if msb > 0 else -math.inf
    f_value = msb / msw
    upper_tail = 1 - (1 - confidence) / 2
    f_low = f_value / f_quantile(upper_tail, df_between, df_within)
    f_high = f_value * f_quantile(upper_tail, df_within, df_between)
    return Icc(
        single=single,
        average=average,
        k=k0,
        essays=n,
        grades=total,
        f_value=f_value,
        df_between=df_between,
        df_within=df_within,
        single_low=(f_low - 1) / (f_low + k0 - 1),
        single_high=(f_high - 1) / (f_high + k0 - 1),
        average_low=1 - 1 / f_low if f_low > 0 else -math.inf,
        average_high=1 - 1 / f_high if f_high > 0 else -math.inf,
    )


@dataclass(frozen=True)
class Alpha:
    value: float
    essays: int
    grades: int  # pairable values
    observed_disagreement: float  # D_o
    expected_disagreement: float  # D_e


def krippendorff_alpha_interval(units: Sequence[Sequence[float]]) -> Alpha | None:
    """Krippendorff's alpha, interval metric; None when undefined (no pairable values, or all values equal)."""
    data = pairable(units)
    n = sum(len(u) for u in data)
    if not data or n < 2:
        return None

    def ordered_pair_sum(values: list[float]) -> float:
        """Σ over ordered pairs i≠j of (x_i − x_j)² = 2 (m Σx² − (Σx)²)."""
        return 2.0 * (len(values) * sum(x * x for x in values) - sum(values) ** 2)

    observed = sum(ordered_pair_sum(u) / (len(u) - 1) for u in data) / n
    expected = ordered_pair_sum([x for u in data for x in u]) / (n * (n - 1))
    if expected <= 1e-15:
        return None
    return Alpha(1.0 - observed / expected, len(data), n, observed, expected)


K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Offset(Generic[K]):
    grader: K
    essays: int
    mean: float  # mean of (this grader's score − the mean of the co-graders' scores), on the scores' scale
    sd: float | None
    low: float | None  # 95 % interval of the mean (t), when essays >= 2
    high: float | None


def grader_offsets(essays: Sequence[Mapping[K, float]], confidence: float = CONFIDENCE) -> list[Offset[K]]:
    """Each grader's mean offset from their co-graders, over the essays graded by at least two graders (each essay
    maps grader -> score). Sorted from the harshest."""
    differences: dict[K, list[float]] = {}
    for grades in essays:
        if len(grades) < 2:
            continue
        total = sum(grades.values())
        for grader, score in grades.items():
            others = (total - score) / (len(grades) - 1)
            differences.setdefault(grader, []).append(score - others)
    result: list[Offset[K]] = []
    for grader, values in differences.items():
        count = len(values)
        mean = sum(values) / count
        sd = low = high = None
        if count >= 2:
            sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (count - 1))
            margin = t_quantile(1 - (1 - confidence) / 2, count - 1) * sd / math.sqrt(count)
            low, high = mean - margin, mean + margin
        result.append(Offset(grader, count, mean, sd, low, high))
    result.sort(key=lambda o: (o.mean, str(o.grader)))
    return result


@dataclass(frozen=True)
class Adjudication:
    essays: int  # essays with at least two submitted grader grades (where disagreement can be seen)
    flagged: int  # of them, graders' totals apart by more than the threshold
    adjudicated: int  # of the flagged, those an adjudicator has graded

    @property
    def rate(self) -> float | None:
        return self.flagged / self.essays if self.essays else None


def adjudication(flags: Sequence[tuple[bool, bool]]) -> Adjudication:
    """From (flagged, adjudicated) per essay graded at least twice."""
    return Adjudication(len(flags), sum(1 for f, _ in flags if f), sum(1 for f, a in flags if f and a))
