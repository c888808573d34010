"""Aggregation and weighting rules on hand-computed examples (pure functions)."""

import pytest

from assessment.selection import scoring
from assessment.selection.scoring import Grade

CRITERIA_MAX = {"clarity": 4, "evidence": 3, "structure": 3}  # 10 points


def test_mean_of_graders_per_criterion():
    grades = [
        Grade("grader", {"clarity": 4, "evidence": 1, "structure": 2}),
        Grade("grader", {"clarity": 2, "evidence": 3, "structure": 2}),
    ]
    assert scoring.criterion_points(CRITERIA_MAX, grades) == {"clarity": 3.0, "evidence": 2.0, "structure": 2.0}
    assert scoring.essay_score(CRITERIA_MAX, grades) == pytest.approx(7 / 10)


def test_adjudicator_replaces_graders():
    grades = [
        Grade("grader", {"clarity": 4, "evidence": 3, "structure": 3}),
        Grade("grader", {"clarity": 0, "evidence": 0, "structure": 1}),
        Grade("adjudicator", {"clarity": 2, "evidence": 1, "structure": 3}),
    ]
    assert scoring.criterion_points(CRITERIA_MAX, grades) == {"clarity": 2.0, "evidence": 1.0, "structure": 3.0}
    assert scoring.essay_score(CRITERIA_MAX, grades) == pytest.approx(0.6)


def test_ungraded_answer_has_no_score_and_counts_zero():
    assert scoring.essay_score(CRITERIA_MAX, []) is None
    # Two prompts: one scored 0.7, one missing -> (0.7 + 0) / 2
    assert scoring.position_essay_score([0.7, None]) == pytest.approx(0.35)
    assert scoring.position_essay_score([]) == 0.0


def test_adjudication_threshold_is_strictly_greater():
    assert not scoring.needs_adjudication([7, 5], 2)  # differ by exactly 2
    assert scoring.needs_adjudication([7.5, 5], 2)  # 2.5 > 2
    assert scoring.needs_adjudication([10, 9, 4], 2)  # any two
    assert not scoring.needs_adjudication([9], 0)  # one grade: nothing to compare


def test_coding_best_submit_or_auto_then_mean_over_problems():
    problem_a = [("submit", 0.25), ("samples", 1.0), ("auto", 0.75), ("submit", 0.5), ("custom", 1.0)]
    problem_b = [("submit", None)]  # still judging / judge error: no score
    assert scoring.problem_score(problem_a) == 0.75
    assert scoring.problem_score(problem_b) == 0.0
    assert scoring.coding_score([0.75, 0.0, 1.0]) == pytest.approx(1.75 / 3)
    assert scoring.coding_score([]) == 0.0


def test_weighted_total_and_percent():
    coding = scoring.coding_score([0.75, 0.5])  # 0.625
    essay = scoring.position_essay_score([0.7, 0.6])  # 0.65
    total = scoring.weighted_total(coding, essay, 0.6, 0.4)  # 0.375 + 0.26
    assert total == pytest.approx(0.635)
    assert scoring.as_percent(total) == 63.5
    assert scoring.weighted_total(None, 0.5, 0.0, 1.0) == 0.5
    assert scoring.as_percent(None) is None
