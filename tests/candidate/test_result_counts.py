"""The numbers a candidate reads about a result all count the same things: a submission's line says how many of the
hidden tests passed (the score's tests) and, separately, how many samples, and the rows it lists are exactly those;
a sample run says "sample 2 of 3" while it runs and "2 of 3 samples passed" after. (Before, "Running test 14 of 16"
counted the samples with the hidden tests while the result said "13 of 13".)"""

from __future__ import annotations

from assessment.candidate.coding import phase_text, submission_status
from assessment.models import ProblemVersion, Submission, SubmissionKind, SubmissionStatus, TestResult, Verdict


def judged(kind: SubmissionKind, samples: int, hidden: int, failed_samples: int = 0) -> Submission:
    version = ProblemVersion(
        title="Add", secret_count=hidden, sample_count=samples, problem_type="pass-fail", snapshot_path="/nonexistent"
    )
    sub = Submission(
        kind=kind,
        language="python",
        status=SubmissionStatus.DONE,
        verdict=Verdict.AC if not failed_samples else Verdict.WA,
        tests_passed=hidden if kind.scored else samples - failed_samples,
        tests_total=hidden if kind.scored else samples,
        progress_done=0,
        progress_total=0,
    )
    sub.problem_version = version
    rows = [(f"sample/{i}", True) for i in range(1, samples + 1)]
    if kind.scored:
        rows += [(f"secret/{i:02d}", False) for i in range(1, hidden + 1)]
    for ordinal, (name, is_sample) in enumerate(rows):
        wrong = is_sample and ordinal < failed_samples
        sub.results.append(
            TestResult(
                ordinal=ordinal,
                name=name,
                group="sample" if is_sample else "secret",
                is_sample=is_sample,
                verdict=Verdict.WA if wrong else Verdict.AC,
                time_ms=5,
                wall_ms=6,
                memory_kb=1000,
                message="",
            )
        )
    return sub


def test_a_submission_counts_hidden_tests_and_samples_apart_and_lists_exactly_them():
    status = submission_status(judged(SubmissionKind.SUBMIT, samples=3, hidden=13))
    assert status["counts_text"] == "13 of 13 hidden tests passed · 3 of 3 samples passed"
    hidden = [t for t in status["tests"] if not t["sample"]]
    samples = [t for t in status["tests"] if t["sample"]]
    assert len(hidden) == status["tests_total"] == 13 and len(samples) == 3
    assert [t["label"] for t in hidden][-1] == "Test 13" and [t["label"] for t in samples] == [
        "Sample 1",
        "Sample 2",
        "Sample 3",
    ]
    # while it is judged there is no per-test count at all (the pace would time the hidden tests)
    running = judged(SubmissionKind.SUBMIT, samples=3, hidden=13)
    running.status, running.progress_done, running.progress_total = SubmissionStatus.RUNNING, 13, 16
    assert phase_text(running) == "Running the tests…"


def test_a_sample_run_counts_samples_while_it_runs_and_after():
    run = judged(SubmissionKind.SAMPLES, samples=3, hidden=13, failed_samples=1)
    assert submission_status(run)["counts_text"] == "2 of 3 samples passed"
    assert len(submission_status(run)["tests"]) == 3
    run.status, run.progress_done, run.progress_total = SubmissionStatus.RUNNING, 1, 3
    assert phase_text(run) == "Running sample 2 of 3…"


def test_a_package_with_samples_only_counts_its_tests():
    only = judged(SubmissionKind.SUBMIT, samples=2, hidden=0)
    only.tests_passed = only.tests_total = 2  # judged and scored on the samples
    assert submission_status(only)["counts_text"] == "2 of 2 tests passed"
    single = judged(SubmissionKind.SUBMIT, samples=1, hidden=1)
    assert submission_status(single)["counts_text"] == "1 of 1 hidden test passed · 1 of 1 sample passed"
