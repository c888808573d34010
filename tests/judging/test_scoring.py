"""Overall verdict and score rules, on hand-made examples (no Docker, no database)."""

from __future__ import annotations

from types import SimpleNamespace as NS

import pytest

from assessment.judging.results import summarize
from assessment.judging.scoring import PlannedTest, overall_verdict, score, secret_groups
from assessment.judging.scoring import tests_passed as count_passed

SAMPLES = [PlannedTest("sample/1", "sample", True), PlannedTest("sample/2", "sample", True)]
FLAT = SAMPLES + [PlannedTest(f"secret/{i}", "secret") for i in range(1, 5)]
GROUPED = SAMPLES + [
    PlannedTest("secret/g1/1", "secret/g1"),
    PlannedTest("secret/g1/2", "secret/g1"),
    PlannedTest("secret/g2/1", "secret/g2"),
    PlannedTest("secret/g3/1", "secret/g3"),
    PlannedTest("secret/g3/2", "secret/g3"),
]


def verdicts(plan, **overrides):
    result = {t.name: "AC" for t in plan}
    for key, value in overrides.items():
        name = key.replace("__", "/")
        if value is None:
            result.pop(name)
        else:
            result[name] = value
    return result


def test_all_pass():
    v = verdicts(FLAT)
    assert overall_verdict(FLAT, v, "AC") == "AC"
    assert score(FLAT, v) == 1.0


def test_first_failure_in_judging_order_decides_the_verdict():
    v = verdicts(FLAT, secret__2="TLE", secret__4="WA")
    assert overall_verdict(FLAT, v, "TLE") == "TLE"
    v = verdicts(FLAT, sample__2="RTE", secret__1="WA")
    assert overall_verdict(FLAT, v, "RTE") == "RTE"  # samples come first


def test_failed_samples_do_not_change_the_score():
    v = verdicts(FLAT, sample__1="WA")
    assert overall_verdict(FLAT, v) == "WA"
    assert score(FLAT, v) == 1.0


def test_flat_score_is_the_share_of_secret_tests():
    v = verdicts(FLAT, secret__1="WA", secret__3="TLE")
    assert score(FLAT, v) == pytest.approx(0.5)
    assert count_passed([t for t in FLAT if not t.is_sample], v) == 2


def test_grouped_score_is_the_share_of_fully_passed_groups():
    assert secret_groups(GROUPED) == ["secret/g1", "secret/g2", "secret/g3"]
    v = verdicts(GROUPED, secret__g3__2="WA")
    assert score(GROUPED, v) == pytest.approx(2 / 3)
    v = verdicts(GROUPED, secret__g1__1="WA", secret__g3__1="MLE")
    assert score(GROUPED, v) == pytest.approx(1 / 3)


def test_tests_not_run_count_as_failed():
    v = verdicts(GROUPED, secret__g1__1="WA", secret__g1__2=None, secret__g2__1=None)
    assert overall_verdict(GROUPED, v, "WA") == "WA"
    assert score(GROUPED, v) == pytest.approx(1 / 3)
    v = verdicts(FLAT, secret__3="WA", secret__4=None)
    assert score(FLAT, v) == pytest.approx(0.5)


def test_compile_and_judge_errors_are_reported_as_such():
    assert overall_verdict(FLAT, {}, "CE") == "CE"
    assert overall_verdict(FLAT, verdicts(FLAT), "JE") == "JE"
    assert score(FLAT, {}) == 0.0


def _outcome(name, group, verdict, time_ms=10, memory_kb=1000):
    return NS(
        name=name,
        group=group,
        verdict=verdict,
        time_ms=time_ms,
        wall_ms=time_ms + 5,
        memory_kb=memory_kb,
        exit_code=0,
        signal=None,
        message="",
        output=None,
        stderr_tail="",
    )


def test_summarize_submit_report():
    report = NS(
        verdict="WA",
        compile_output="",
        judge_error=None,
        tests=[
            _outcome(t.name, t.group, "WA" if t.name == "secret/g2/1" else "AC", time_ms=i * 10, memory_kb=100 * i)
            for i, t in enumerate(GROUPED, 1)
        ],
    )
    result = summarize("submit", GROUPED, report)
    assert result.verdict == "WA"
    assert result.score == pytest.approx(2 / 3)
    assert (result.tests_passed, result.tests_total) == (4, 5)
    assert (result.max_time_ms, result.max_memory_kb) == (70, 700)
    assert [r.is_sample for r in result.rows] == [True, True, False, False, False, False, False]
    assert all(r.output is None for r in result.rows)


def test_summarize_compile_error_and_judge_error():
    ce = summarize("submit", FLAT, NS(verdict="CE", compile_output="x.c:1: error", judge_error=None, tests=[]))
    assert (ce.verdict, ce.score, ce.tests_passed, ce.tests_total) == ("CE", 0.0, 0, 4)
    assert ce.compile_output == "x.c:1: error"
    je = summarize("submit", FLAT, NS(verdict="JE", compile_output="", judge_error="validator crashed", tests=[]))
    assert (je.verdict, je.score, je.message) == ("JE", None, "validator crashed")


def test_summarize_samples_and_custom_keep_output():
    report = NS(
        verdict="WA",
        compile_output="",
        judge_error=None,
        tests=[
            NS(**{**vars(_outcome("sample/1", "sample", "AC")), "output": "3\n"}),
            NS(**{**vars(_outcome("sample/2", "sample", "WA")), "output": "4\n", "stderr_tail": "debug"}),
        ],
    )
    result = summarize("samples", SAMPLES, report)
    assert (result.verdict, result.score, result.tests_passed, result.tests_total) == ("WA", None, 1, 2)
    assert [r.output for r in result.rows] == ["3\n", "4\n"]
    assert "debug" in result.rows[1].message
    custom = summarize(
        "custom",
        [PlannedTest("custom", "custom")],
        NS(
            verdict="OK",
            compile_output="",
            judge_error=None,
            tests=[NS(**{**vars(_outcome("custom", "custom", "OK")), "output": "hello\n"})],
        ),
    )
    assert (custom.verdict, custom.rows[0].output) == ("OK", "hello\n")
