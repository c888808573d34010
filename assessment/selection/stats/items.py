"""How a coding problem behaves as a test item. Pure functions over plain numbers (scores are shares 0..1).

- Pass rate of a test group: the share of candidates whose counted submission passed every test of the group (a
  candidate without a submission passed none).
- Score distribution: counts in ten bins of width 10 % (0–10, ..., 90–100 %, a full score in the last bin), with
  mean, median and standard deviation.
- Discrimination: the corrected item-total correlation, Pearson's r between the problem's score and the total
  without that problem's own contribution (the "rest"). Without the correction the problem would correlate with
  itself through the total. Usual reading: 0.3 and above discriminates well, 0.2–0.3 fairly, below 0.2 poorly, and a
  negative value means stronger candidates did worse on it (a broken or misleading problem)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from ...enums import FigureReading

# Below this many candidates, discrimination is shown as "not enough data".
MIN_CANDIDATES = 10
BINS = 10
GOOD_DISCRIMINATION = 0.3
FAIR_DISCRIMINATION = 0.2


def discrimination_reading(value: float) -> FigureReading:
    if value < 0:
        return FigureReading.NEGATIVE
    if value < FAIR_DISCRIMINATION:
        return FigureReading.POOR
    if value < GOOD_DISCRIMINATION:
        return FigureReading.FAIR
    return FigureReading.GOOD


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation; None with fewer than two pairs or when either side does not vary."""
    if len(xs) != len(ys):
        raise ValueError("xs and ys must have the same length")
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-15 or syy <= 1e-15:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def corrected_item_total(item: Sequence[float], totals: Sequence[float], weight: float) -> float | None:
    """r(item, total − weight × item): `weight` is how much one point of the item adds to the total (for a problem,
    the coding weight divided by the number of problems)."""
    rest = [t - weight * x for x, t in zip(item, totals, strict=True)]
    return pearson(item, rest)


def histogram(values: Sequence[float], bins: int = BINS) -> list[int]:
    """Counts of shares 0..1 in `bins` equal bins; 1.0 (a full score) falls in the last one."""
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, max(0, int(value * bins + 1e-9)))] += 1
    return counts


@dataclass(frozen=True)
class Summary:
    n: int
    mean: float | None
    median: float | None
    sd: float | None  # sample standard deviation (n − 1), None below two values


def describe(values: Sequence[float]) -> Summary:
    if not values:
        return Summary(0, None, None, None)
    sd = statistics.stdev(values) if len(values) >= 2 else None
    return Summary(len(values), statistics.fmean(values), statistics.median(values), sd)


def pass_rate(passed: int, candidates: int) -> float | None:
    return passed / candidates if candidates else None
