"""Coding problems as test items: correlation, corrected item-total correlation, score histogram and summary, on
values worked out by hand (and NumPy's correlation as a second reference)."""

from __future__ import annotations

import numpy
import pytest

from assessment.enums import FigureReading
from assessment.selection.stats import items


def test_pearson_by_hand_and_against_numpy():
    xs, ys = [1, 2, 3, 4], [2, 4, 5, 9]
    # means 2.5 and 5; Σ dx dy = (−1.5)(−3) + (−0.5)(−1) + (0.5)(0) + (1.5)(4) = 11; Σ dx² = 5; Σ dy² = 26
    assert items.pearson(xs, ys) == pytest.approx(11 / (5 * 26) ** 0.5)
    assert items.pearson(xs, ys) == pytest.approx(numpy.corrcoef(xs, ys)[0, 1])
    assert items.pearson([1, 1, 1], [1, 2, 3]) is None
    assert items.pearson([1], [2]) is None


def test_corrected_item_total_removes_the_items_own_share():
    # two problems of weight 0.5 each in the coding part (coding weight 1): total = (a + b) / 2
    a = [1.0, 0.0, 1.0, 0.5, 0.0]
    b = [1.0, 0.5, 0.5, 0.0, 0.0]
    totals = [(x + y) / 2 for x, y in zip(a, b, strict=True)]
    # the rest of the total without problem a is b / 2: r(a, b/2) = r(a, b)
    assert items.corrected_item_total(a, totals, 0.5) == pytest.approx(numpy.corrcoef(a, b)[0, 1])
    # uncorrected, a correlates with itself through the total and looks better than it is
    assert items.pearson(a, totals) > items.corrected_item_total(a, totals, 0.5)


def test_a_problem_stronger_candidates_fail_has_a_negative_discrimination():
    problem = [0.0, 0.0, 1.0, 1.0]
    other = [1.0, 0.9, 0.1, 0.0]
    totals = [(x + y) / 2 for x, y in zip(problem, other, strict=True)]
    value = items.corrected_item_total(problem, totals, 0.5)
    assert value is not None and value < 0
    assert items.discrimination_reading(value) == FigureReading.NEGATIVE


def test_histogram_bins():
    counts = items.histogram([0.0, 0.05, 0.1, 0.25, 0.3, 0.999, 1.0, 1.0])
    assert counts == [2, 1, 1, 1, 0, 0, 0, 0, 0, 3]
    assert sum(items.histogram([i / 100 for i in range(101)])) == 101


def test_describe():
    summary = items.describe([0.0, 50.0, 100.0, 50.0])
    assert summary.n == 4 and summary.mean == 50.0 and summary.median == 50.0
    assert summary.sd == pytest.approx((2 * 50**2 / 3) ** 0.5)
    assert items.describe([]).mean is None and items.describe([1.0]).sd is None


@pytest.mark.parametrize(
    ("value", "reading"),
    [(-0.1, FigureReading.NEGATIVE), (0.1, FigureReading.POOR), (0.25, FigureReading.FAIR), (0.3, FigureReading.GOOD)],
)
def test_discrimination_readings(value, reading):
    assert items.discrimination_reading(value) == reading
