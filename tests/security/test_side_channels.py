"""Finding 6 (side channel): for hidden tests the candidate learns verdicts and counts per group, never time or
memory (which would let them infer the hidden tests' sizes); samples keep their full detail."""

from __future__ import annotations

import re

from tests.candidate.attempt_helpers import make_application, make_test_position, start


def test_hidden_tests_show_verdicts_and_group_counts_not_time_or_memory(app, client, tmp_path, make_user, login):
    from assessment.models import Submission, TestResult

    ids = make_test_position(app, tmp_path)
    make_user("alice@example.com")
    application = make_application(app, "alice@example.com", ids["position"])
    login("alice@example.com")
    token = start(client, application)
    response = client.post(
        f"/applications/{application}/test/problems/{ids['problem']}/submit",
        json={"language": "python", "source": "print(1)"},
        headers={"X-CSRFToken": token},
    )
    sub_id = response.get_json()["submission_id"]
    with app.extensions["assessment.db"].new_session() as s:
        submission = s.get(Submission, sub_id)
        submission.status, submission.verdict, submission.score = "done", "TLE", 0.5
        submission.tests_passed, submission.tests_total = 3, 5
        submission.max_time_ms, submission.max_memory_kb = 1987, 250_000  # measured on the biggest hidden test
        s.add_all(
            [
                TestResult(
                    submission_id=sub_id,
                    ordinal=0,
                    name="sample/1",
                    group="sample",
                    is_sample=True,
                    verdict="AC",
                    time_ms=4,
                    memory_kb=9100,
                ),
                TestResult(
                    submission_id=sub_id,
                    ordinal=1,
                    name="secret/group1/01",
                    group="secret/group1",
                    verdict="AC",
                    time_ms=12,
                    memory_kb=9200,
                ),
                TestResult(
                    submission_id=sub_id,
                    ordinal=2,
                    name="secret/group1/02",
                    group="secret/group1",
                    verdict="AC",
                    time_ms=377,
                    memory_kb=61_000,
                ),
                TestResult(
                    submission_id=sub_id,
                    ordinal=3,
                    name="secret/group2/01",
                    group="secret/group2",
                    verdict="AC",
                    time_ms=950,
                    memory_kb=180_000,
                ),
                TestResult(
                    submission_id=sub_id,
                    ordinal=4,
                    name="secret/group2/02",
                    group="secret/group2",
                    verdict="TLE",
                    time_ms=1987,
                    memory_kb=250_000,
                ),
            ]
        )
        s.commit()
    # While it runs, no per-test progress either: how fast "test 5 of 12" moves would time the hidden tests.
    with app.extensions["assessment.db"].new_session() as s:
        submission = s.get(Submission, sub_id)
        submission.status, submission.progress_done, submission.progress_total = "running", 3, 5
        s.commit()
    running = client.get(f"/applications/{application}/test/submissions/{sub_id}").get_json()
    assert running["phase"] == "Running the tests…" and running["progress"] == {"done": None, "total": None}
    with app.extensions["assessment.db"].new_session() as s:
        s.get(Submission, sub_id).status = "done"
        s.commit()
    data = client.get(f"/applications/{application}/test/submissions/{sub_id}").get_json()
    sample, *hidden = data["tests"]
    assert (sample["label"], sample["time_ms"], sample["memory_kb"]) == ("Sample 1", 4, 9100)
    assert [t["label"] for t in hidden] == ["Test 1", "Test 2", "Test 3", "Test 4"]
    assert [t["verdict"] for t in hidden] == ["AC", "AC", "AC", "TLE"]
    for test in hidden:
        assert "time_ms" not in test and "memory_kb" not in test and "group" not in test, test
    text = str(data)
    for figure in ("377", "61000", "950", "180000", "1987", "250000"):
        # No figure measured on a hidden test, per test or as a maximum: a number of its own, not digits that happen
        # to appear inside a timestamp (its fraction of a second).
        assert not re.search(rf"(?<![\d.]){figure}(?!\d)", text), figure
    assert data["groups"] == [
        {"label": "Group 1", "passed": 2, "total": 2},
        {"label": "Group 2", "passed": 1, "total": 2},
    ]
    assert data["tests_passed"] == 3 and data["tests_total"] == 5
    assert data["max_time_ms"] == 4 and data["max_memory_kb"] == 9100  # over the samples only
