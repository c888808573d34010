"""Grader agreement (ICC(1,1), ICC(1,k), Krippendorff's alpha) and grader offsets on published examples and on values
worked out by hand; the confidence intervals against SciPy's F and t distributions."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from scipy import stats as scipy_stats

from assessment.enums import FigureReading
from assessment.selection.stats import agreement
from assessment.selection.stats.distributions import f_quantile, regularized_beta, t_quantile

# Shrout & Fleiss (1979), Table 2: six targets rated by four judges. Their published ICC(1,1) = .17, ICC(1,4) = .44,
# from the one-way mean squares BMS = 11.24 and WMS = 6.26.
SHROUT_FLEISS = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with missing values: four observers,
# twelve units (the last has a single value and is not pairable). Published: alpha (interval) = 0.849.
KRIPPENDORFF = [
    [1, 1, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [5, 5, 5],
    [1, 1],
    [3],
]


def test_icc_matches_shrout_and_fleiss_published_values():
    result = agreement.icc_oneway(SHROUT_FLEISS)
    assert result is not None
    assert round(result.single, 2) == 0.17
    assert round(result.average, 2) == 0.44
    assert (result.essays, result.grades, result.k) == (6, 24, 4)
    # the mean squares behind them, by hand: BMS = 4 Σ (m_i − m)² / 5 and WMS = Σ Σ (x − m_i)² / 18
    means = [Fraction(sum(row), 4) for row in SHROUT_FLEISS]
    grand = Fraction(sum(map(sum, SHROUT_FLEISS)), 24)
    bms = 4 * sum((m - grand) ** 2 for m in means) / 5
    wms = sum((x - m) ** 2 for row, m in zip(SHROUT_FLEISS, means, strict=True) for x in row) / 18
    assert round(float(bms), 2) == 11.24 and round(float(wms), 2) == 6.26
    assert result.single == pytest.approx(float((bms - wms) / (bms + 3 * wms)), abs=1e-12)
    assert result.average == pytest.approx(float((bms - wms) / bms), abs=1e-12)
    assert result.f_value == pytest.approx(float(bms / wms), abs=1e-12)


def test_icc_interval_follows_shrout_and_fleiss_with_scipy_quantiles():
    result = agreement.icc_oneway(SHROUT_FLEISS)
    assert result is not None
    f_low = result.f_value / scipy_stats.f.ppf(0.975, 5, 18)
    f_high = result.f_value * scipy_stats.f.ppf(0.975, 18, 5)
    assert result.single_low == pytest.approx((f_low - 1) / (f_low + 3), abs=1e-7)
    assert result.single_high == pytest.approx((f_high - 1) / (f_high + 3), abs=1e-7)
    assert result.average_low == pytest.approx(1 - 1 / f_low, abs=1e-7)
    assert result.average_high == pytest.approx(1 - 1 / f_high, abs=1e-7)
    assert round(result.single_low, 2) == -0.13 and round(result.single_high, 2) == 0.72


def test_icc_with_two_grades_per_essay_by_hand():
    # four essays, two graders each: means 2, 4, 6, 8 (grand mean 5); differences 0, 2, 0, 2
    units = [[2, 2], [3, 5], [6, 6], [7, 9]]
    msb = 2 * (9 + 1 + 1 + 9) / 3  # 2 Σ (m_i − 5)² / (n − 1)
    msw = (0 + 2 + 0 + 2) / 4  # Σ (a − b)² / 2 / n
    result = agreement.icc_oneway(units)
    assert result is not None
    assert result.single == pytest.approx((msb - msw) / (msb + msw))
    assert result.average == pytest.approx((msb - msw) / msb)
    assert result.k == 2


def test_icc_with_unequal_numbers_of_grades_uses_the_adjusted_group_size():
    units = [[1, 2], [3, 3, 4], [5, 4], [8, 6, 7]]
    n, total = 4, 10
    k0 = (total - (4 + 9 + 4 + 9) / total) / (n - 1)
    grand = sum(map(sum, units)) / total
    msb = sum(len(u) * (sum(u) / len(u) - grand) ** 2 for u in units) / (n - 1)
    msw = sum((x - sum(u) / len(u)) ** 2 for u in units for x in u) / (total - n)
    result = agreement.icc_oneway(units)
    assert result is not None
    assert result.k == pytest.approx(k0)
    assert result.single == pytest.approx((msb - msw) / (msb + (k0 - 1) * msw))


def test_icc_is_undefined_without_enough_or_varying_data():
    assert agreement.icc_oneway([[1, 2]]) is None  # one essay
    assert agreement.icc_oneway([[1], [2], [3]]) is None  # nobody graded twice
    assert agreement.icc_oneway([[3, 3], [3, 3]]) is None  # no variation at all
    perfect = agreement.icc_oneway([[1, 1], [4, 4], [2, 2]])
    assert perfect is not None and perfect.single == 1.0 and perfect.average == 1.0


def test_krippendorff_alpha_matches_the_published_example():
    result = agreement.krippendorff_alpha_interval(KRIPPENDORFF)
    assert result is not None
    assert round(result.value, 3) == 0.849
    assert (result.essays, result.grades) == (11, 40)


def test_krippendorff_alpha_by_hand():
    # values 1, 2 | 3, 3: D_o = (2·1² + 0) / 4 = 1/2; Σ over ordered pairs of all values = 2 (4·23 − 9²) = 22,
    # D_e = 22 / (4·3) = 11/6; alpha = 1 − (1/2) / (11/6) = 8/11
    result = agreement.krippendorff_alpha_interval([[1, 2], [3, 3]])
    assert result is not None
    assert result.observed_disagreement == pytest.approx(0.5)
    assert result.expected_disagreement == pytest.approx(11 / 6)
    assert result.value == pytest.approx(8 / 11)
    assert agreement.krippendorff_alpha_interval([[2, 2], [2, 2]]) is None
    assert agreement.krippendorff_alpha_interval([[1], [2]]) is None


def test_grader_offsets_by_hand_with_a_t_interval():
    essays = [
        {"ana": 0.5, "ben": 0.7},
        {"ana": 0.6, "ben": 0.9},
        {"ana": 0.4, "ben": 0.4, "cy": 0.7},  # ana: 0.4 − 0.55, ben: 0.4 − 0.55, cy: 0.7 − 0.4
        {"cy": 0.9},  # graded once: says nothing about offsets
    ]
    offsets = {o.grader: o for o in agreement.grader_offsets(essays)}
    ana = [-0.2, -0.3, -0.15]
    assert offsets["ana"].essays == 3
    assert offsets["ana"].mean == pytest.approx(sum(ana) / 3)
    sd = math.sqrt(sum((d - sum(ana) / 3) ** 2 for d in ana) / 2)
    margin = scipy_stats.t.ppf(0.975, 2) * sd / math.sqrt(3)
    assert offsets["ana"].low == pytest.approx(sum(ana) / 3 - margin, abs=1e-9)
    assert offsets["ana"].high == pytest.approx(sum(ana) / 3 + margin, abs=1e-9)
    assert offsets["ben"].mean == pytest.approx((0.2 + 0.3 - 0.15) / 3)
    assert offsets["cy"].essays == 1 and offsets["cy"].mean == pytest.approx(0.3) and offsets["cy"].low is None
    assert [o.grader for o in agreement.grader_offsets(essays)] == ["ana", "ben", "cy"]  # harshest first


def test_adjudication_rate():
    result = agreement.adjudication([(True, True), (True, False), (False, False), (False, False)])
    assert (result.essays, result.flagged, result.adjudicated, result.rate) == (4, 2, 1, 0.5)
    assert agreement.adjudication([]).rate is None


@pytest.mark.parametrize(
    ("value", "reading"),
    [
        (0.49, FigureReading.POOR),
        (0.5, FigureReading.MODERATE),
        (0.75, FigureReading.GOOD),
        (0.9, FigureReading.EXCELLENT),
    ],
)
def test_icc_readings(value, reading):
    assert agreement.icc_reading(value) == reading


def test_alpha_readings():
    assert agreement.alpha_reading(0.8) == FigureReading.RELIABLE
    assert agreement.alpha_reading(0.7) == FigureReading.TENTATIVE
    assert agreement.alpha_reading(0.6) == FigureReading.UNRELIABLE


@pytest.mark.parametrize("p", [0.025, 0.5, 0.9, 0.975, 0.995])
@pytest.mark.parametrize(("d1", "d2"), [(1, 1), (1, 30), (2, 7), (5, 18), (18, 5), (9, 200), (300, 4000)])
def test_f_quantiles_agree_with_scipy(p, d1, d2):
    assert f_quantile(p, d1, d2) == pytest.approx(scipy_stats.f.ppf(p, d1, d2), rel=1e-7)


@pytest.mark.parametrize("p", [0.025, 0.6, 0.975, 0.995])
@pytest.mark.parametrize("df", [1, 2, 5, 30, 1000])
def test_t_quantiles_agree_with_scipy(p, df):
    assert t_quantile(p, df) == pytest.approx(scipy_stats.t.ppf(p, df), rel=1e-8)


def test_regularized_beta_edges_and_a_known_value():
    assert regularized_beta(0.0, 2, 3) == 0.0 and regularized_beta(1.0, 2, 3) == 1.0
    # I_x(1, 1) = x; I_x(2, 1) = x²
    assert regularized_beta(0.3, 1, 1) == pytest.approx(0.3)
    assert regularized_beta(0.3, 2, 1) == pytest.approx(0.09)
    with pytest.raises(ValueError):
        f_quantile(1.0, 2, 3)
