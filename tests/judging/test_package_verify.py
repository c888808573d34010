"""`assessment verify` and `assessment judge` on every package shape under tests/problems/packages/ (real Docker).

Each package's reference submissions must get the verdicts their folders name: interactive and multi-pass problems,
scoring problems (points per test group, score.txt), a memory hog under run_time_error, folder submissions in C++,
Python and Java (with `package` lines), validators given as build/run folders, PDF-only and statement-less packages,
sample-only packages, and time limits from .timelimit and domjudge-problem.ini."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tests.judging.test_cli import cli
from tests.problems.packages_helpers import NAMES, package_copy

pytestmark = pytest.mark.docker


def verify_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("ok", "FAIL", "skip"))]


@pytest.mark.parametrize("name", NAMES)
def test_every_reference_submission_gets_its_folders_verdict(require_docker, tmp_path, name):
    package = package_copy(tmp_path, name)
    result = cli("verify", package)
    lines = verify_lines(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert lines and all(line.startswith("ok") for line in lines), result.stdout
    assert " 0 mismatched" in result.stdout


def test_memory_hog_is_a_run_time_error_for_verify_and_mle_for_the_candidate(require_docker, tmp_path):
    package = package_copy(tmp_path, "memoryhog")
    result = cli("verify", package)
    assert "ok   memoryhog/submissions/run_time_error/hog.py: expected RTE, got MLE" in result.stdout
    result = cli("judge", package, package / "submissions" / "run_time_error" / "hog.py", "--json")
    assert json.loads(result.stdout)["verdict"] == "MLE"


def test_scoring_points_in_verify_and_judge(require_docker, tmp_path):
    package = package_copy(tmp_path, "scoregroups")
    result = cli("verify", package)
    assert "rejected/small_only.py: expected any rejection, got WA (60/100 points)" in result.stdout
    result = cli("judge", package, package / "submissions" / "rejected" / "small_only.py", "--json")
    data = json.loads(result.stdout)
    assert (data["verdict"], data["points"], data["max_points"], data["score"]) == ("WA", 60, 100, 0.6)
    assert {g["group"]: g["points"] for g in data["groups"]} == {"secret/group1": 40, "secret/group2": 20, "secret": 60}
    text = cli("judge", package, package / "submissions" / "rejected" / "small_only.py").stdout
    assert "secret/group1: 40/40 points (AC)" in text and "points: 60/100" in text


def test_validator_scores_give_partial_points(require_docker, tmp_path):
    package = package_copy(tmp_path, "scorelegacy")
    data = json.loads(
        cli("judge", package, package / "submissions" / "partially_accepted" / "off_by_one.py", "--json").stdout
    )
    assert [t["score"] for t in data["tests"]] == [4, 4, 4, 4]  # from the validator's score.txt
    assert (data["graded_verdict"], data["points"], data["max_points"]) == ("AC", 12, 30)


@pytest.mark.parametrize("folder,language", [("cpp", "cpp"), ("python", "python"), ("java", "java")])
def test_judge_accepts_a_folder_submission(require_docker, tmp_path, folder, language):
    package = package_copy(tmp_path, "foldersubmissions")
    result = cli("judge", package, package / "submissions" / "accepted" / folder, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["language"] == language and len(data["files"]) >= 2
    assert data["verdict"] == "AC", data["compile_output"]


def test_judge_takes_the_entry_point_of_a_folder(require_docker, tmp_path):
    package = package_copy(tmp_path, "foldersubmissions")
    folder = package / "submissions" / "accepted" / "javascript-entry"
    named = json.loads(cli("judge", package, folder, "--entrypoint", "solve.js", "--json").stdout)
    assert named["verdict"] == "AC", named
    first = json.loads(cli("judge", package, folder, "--json").stdout)
    assert first["verdict"] == "WA"  # lib.js, the first file by name, prints nothing


def test_java_file_with_a_package_line_runs(require_docker, tmp_path):
    package = package_copy(tmp_path, "foldersubmissions")
    result = cli("judge", package, package / "submissions" / "accepted" / "Packaged.java", "--json")
    assert json.loads(result.stdout)["verdict"] == "AC", result.stdout


def test_judge_refuses_an_ambiguous_folder_with_a_clear_message(tmp_path):
    package = package_copy(tmp_path, "foldersubmissions")
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "a.py").write_text("print(1)\n")
    (mixed / "b.cpp").write_text("int main() {}\n")
    result = cli("judge", package, mixed)
    assert result.returncode == 2 and "several languages" in result.stderr and "--language" in result.stderr
    assert "Traceback" not in result.stderr


def test_interactive_and_multi_pass_through_judge(require_docker, tmp_path):
    interactive = package_copy(tmp_path, "interactive")
    data = json.loads(
        cli("judge", interactive, interactive / "submissions" / "accepted" / "binary.py", "--json").stdout
    )
    assert data["verdict"] == "AC" and data["problem_type"] == "interactive"
    multipass = package_copy(tmp_path, "multipassdraft")
    data = json.loads(cli("judge", multipass, multipass / "submissions" / "accepted" / "inc.py", "--json").stdout)
    assert data["verdict"] == "AC"
    assert all(len(t["passes"]) == 3 for t in data["tests"] if t["name"].startswith("secret/"))


def test_worker_stores_points_per_group(require_docker, app, tmp_path):
    from assessment.judging.worker import judge_next_now
    from assessment.models import Submission
    from tests.judging.helpers import add_problem, add_submissions

    database = app.extensions["assessment.db"]
    package = package_copy(tmp_path, "scoregroups")
    with database.new_session() as session:
        problem = add_problem(session, package, slug="scoregroups")
        small = (package / "submissions" / "rejected" / "small_only.py").read_text()
        [sid] = add_submissions(session, problem, [small])
    assert judge_next_now(database) == "done"
    with database.new_session() as session:
        row = session.scalar(select(Submission).where(Submission.id == sid))
        assert (row.verdict, row.points, row.max_points) == ("WA", 60, 100) and row.score == pytest.approx(0.6)
        assert {g["group"]: g["points"] for g in row.group_points} == {
            "secret/group1": 40,
            "secret/group2": 20,
            "secret": 60,
        }
