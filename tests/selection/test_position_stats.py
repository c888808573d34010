"""A position's statistics from the database: agreement, offsets and adjudication rate from the submitted grader
grades, problem statistics over candidates whose test is over with totals exactly as the board's, "not enough
data" below the minimum, and the JSON and CSV exports."""

from __future__ import annotations

import csv
import io

import numpy
import pytest
from sqlalchemy import select

from assessment.models import Position, TestResult
from assessment.selection import position_stats
from assessment.selection.board import board_rows
from assessment.selection.stats import agreement
from tests.review import factories as f

# Grader points per criterion (rubric maxima 4, 3, 3: 10 points). Essay 3 and essay 8 differ by more than the
# threshold (2 points) and are flagged for adjudication.
GRADES = [
    ([4, 3, 3], [4, 3, 2]),
    ([2, 1, 1], [2, 1, 2]),
    ([4, 3, 3], [0, 1, 1]),
    ([0, 0, 0], [0, 0, 1]),
    ([2, 3, 2], [2, 3, 3]),
    ([4, 1, 2], [4, 1, 1]),
    ([2, 0, 1], [2, 1, 1]),
    ([4, 3, 1], [0, 3, 0]),
    ([2, 1, 3], [2, 1, 3]),
    ([0, 1, 0], [2, 1, 0]),
    ([4, 0, 3], [4, 1, 3]),
]
PROBLEM_1 = [1.0, 0.5, 1.0, 0.0, 0.75, 1.0, 0.25, 0.5, 1.0, 0.0, 0.75]
PROBLEM_2 = [1.0, 0.25, 0.5, 0.0, 0.5, 0.75, 0.0, 0.25, 1.0, 0.25, 0.5]


def hand_icc_and_alpha(pairs: list[tuple[float, float]]) -> tuple[float, float, float]:
    """ICC(1,1), ICC(1,2) and Krippendorff's alpha for essays graded by exactly two graders, written out."""
    n = len(pairs)
    means = [(a + b) / 2 for a, b in pairs]
    grand = sum(means) / n
    msb = 2 * sum((m - grand) ** 2 for m in means) / (n - 1)
    msw = sum((a - b) ** 2 / 2 for a, b in pairs) / n
    values = [v for pair in pairs for v in pair]
    d_o = sum((a - b) ** 2 for a, b in pairs) / n  # (1/2n) Σ 2 (a − b)²
    d_e = sum((x - y) ** 2 for x in values for y in values) / (2 * n * (2 * n - 1))
    return (msb - msw) / (msb + msw), (msb - msw) / msb, 1 - d_o / d_e


@pytest.fixture
def seeded(app):
    database = app.extensions["assessment.db"]
    with database.new_session() as s:
        pos = f.position(s, "stats-intern", weight_coding=0.6, weight_essay=0.4, prompts=1, problems=2, threshold=2.0)
        ana = f.user(s, "ana@example.org", "reviewer", "Ana Grader")
        ben = f.user(s, "ben@example.org", "reviewer", "Ben Grader")
        for who in (ana, ben):
            f.assign(s, who, pos)
        for i, (a_points, b_points) in enumerate(GRADES):
            app_row = f.candidate(s, pos, f"c{i}@example.com", f"Candidate {i}")
            answer = f.answer(s, app_row)
            f.review(s, answer, ana, a_points)
            f.review(s, answer, ben, b_points)
            for index, score in enumerate((PROBLEM_1[i], PROBLEM_2[i])):
                sub = f.submission(s, app_row, index, score=score)
                for result in s.scalars(select(TestResult).where(TestResult.submission_id == sub.id)):
                    result.group = "secret/small" if result.ordinal < 2 else "secret/large"
            s.commit()
        # a candidate still taking the test counts nowhere in the problem statistics
        running = f.candidate(s, pos, "late@example.com", "Late Candidate")
        f.attempt_of(s, running).finished_at = None
        f.submission(s, running, 0, score=1.0)
        s.commit()
        return {"position": pos.id, "ana": ana.id, "ben": ben.id}


def load(s, seeded) -> Position:
    return s.get(Position, seeded["position"])


def test_agreement_offsets_and_adjudication_match_hand_computation(s, seeded):
    stats = position_stats.position_statistics(s, load(s, seeded))
    pairs = [(sum(a) / 10, sum(b) / 10) for a, b in GRADES]
    icc1, icc2, alpha = hand_icc_and_alpha(pairs)
    for section in (stats.essay_position, stats.essay_prompts[0]):
        assert section is not None
        assert section.graded_twice == len(GRADES) and section.enough
        assert section.icc is not None and section.alpha is not None
        assert section.icc.single == pytest.approx(icc1)
        assert section.icc.average == pytest.approx(icc2)
        assert section.alpha.value == pytest.approx(alpha)
        assert (section.adjudication.essays, section.adjudication.flagged, section.adjudication.adjudicated) == (
            11,
            2,
            0,
        )
        offsets = {o.name: o for o in section.offsets}
        ana = sum(a - b for a, b in pairs) / len(pairs) * 100
        assert offsets["Ana Grader"].mean == pytest.approx(ana)
        assert offsets["Ben Grader"].mean == pytest.approx(-ana)
        assert offsets["Ana Grader"].essays == 11
        assert section.pairs[2] == (100.0, 20.0)


def test_problem_statistics_over_finished_tests_with_the_boards_totals(s, seeded):
    position = load(s, seeded)
    stats = position_stats.position_statistics(s, position)
    assert stats.candidates == len(GRADES)  # the running attempt is left out
    one, two = stats.problems
    assert (one.key, one.candidates, one.submitted) == ("prob1", 11, 11)
    assert one.summary.mean == pytest.approx(sum(PROBLEM_1) / 11 * 100)
    # pass rates per group: 4 tests per submission, the first two in "small"; score 0.25 passes one test
    small = sum(1 for score in PROBLEM_1 if round(score * 4) >= 2)
    large = sum(1 for score in PROBLEM_1 if round(score * 4) == 4)
    assert [(g.group, g.passed, g.candidates) for g in one.groups] == [
        ("secret/small", small, 11),
        ("secret/large", large, 11),
    ]
    assert one.histogram == [2, 0, 1, 0, 0, 2, 0, 2, 0, 4]
    # the totals the discrimination uses are the board's totals
    board = {r.application_id: r.raw_total for r in board_rows(s, position) if r.name != "Late Candidate"}
    totals = [board[app_id] for app_id in sorted(board)]
    essay = [(sum(a) + sum(b)) / 20 for a, b in GRADES]
    assert totals == pytest.approx(
        [0.6 * (x + y) / 2 + 0.4 * e for x, y, e in zip(PROBLEM_1, PROBLEM_2, essay, strict=True)]
    )
    rest = [t - 0.3 * x for t, x in zip(totals, PROBLEM_1, strict=True)]
    assert one.discrimination == pytest.approx(numpy.corrcoef(PROBLEM_1, rest)[0, 1])
    assert two.discrimination is not None


def test_below_the_minimum_the_figures_are_not_given(s, seeded):
    from assessment.models import EssayReview

    position = load(s, seeded)
    # withdraw Ben's grades of three essays: 8 essays graded twice remain
    for review in list(s.scalars(select(EssayReview).where(EssayReview.reviewer_id == seeded["ben"])))[:3]:
        s.delete(review)
    s.commit()
    stats = position_stats.position_statistics(s, position)
    section = stats.essay_position
    assert section is not None and section.graded_twice == 8 < agreement.MIN_ESSAYS and not section.enough
    data = position_stats.as_json(stats)["essays"]["position"]
    assert data["enough_data"] is False and data["essays_graded_twice"] == 8
    assert data["icc_1_1"] is None and data["krippendorff_alpha_interval"] is None and data["icc_1_1_ci95"] is None
    rows = list(csv.DictReader(io.StringIO(position_stats.csv_text(stats))))
    icc_row = next(r for r in rows if r["section"] == "position essays" and r["statistic"] == "ICC(1,1)")
    assert icc_row["value"] == "" and icc_row["n"] == "8" and icc_row["note"].startswith("not enough data")


def test_json_and_csv_exports_carry_the_same_figures(s, seeded):
    stats = position_stats.position_statistics(s, load(s, seeded))
    data = position_stats.as_json(stats)
    section = stats.essay_prompts[0]
    assert section.icc is not None
    prompt = data["essays"]["prompts"][0]
    assert prompt["icc_1_1"] == round(section.icc.single, 4)
    assert prompt["adjudication"] == {"essays": 11, "flagged": 2, "adjudicated": 0, "rate": round(2 / 11, 4)}
    assert {o["name"] for o in prompt["grader_offsets"]} == {"Ana Grader", "Ben Grader"}
    assert data["problems"][0]["test_groups"][0]["group"] == "secret/small"
    rows = list(csv.DictReader(io.StringIO(position_stats.csv_text(stats))))
    by_stat = {(r["section"], r["key"], r["statistic"]): r for r in rows}
    assert float(by_stat[("prompt", "prompt1", "ICC(1,1)")]["value"]) == prompt["icc_1_1"]
    ben = by_stat[("prompt", "prompt1", "grader offset: Ben Grader")]
    assert float(ben["value"]) < 0  # negative numbers stay numbers (no apostrophe)
    assert by_stat[("problem", "prob1", "discrimination (corrected item-total r)")]["value"]


def test_a_viewer_who_may_not_see_every_grader_sees_only_their_own_offset(s, seeded):
    stats = position_stats.position_statistics(s, load(s, seeded))
    own = position_stats.for_viewer(stats, every_grader=False, reviewer_id=seeded["ana"])
    assert own.essay_position is not None
    assert [o.name for o in own.essay_position.offsets] == ["Ana Grader"]
    assert all(len(p.offsets) == 1 for p in own.essay_prompts)
    assert not own.all_graders_shown
    assert position_stats.as_json(own)["all_graders_shown"] is False
    assert "Ben Grader" not in position_stats.csv_text(own)
