"""`assessment judge` and `assessment verify` as the operator runs them (real Docker)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.judging.helpers import ADD_ACCEPTED, ADD_WRONG, write_package

pytestmark = pytest.mark.docker

TLE = "import sys\nwhile True:\n    pass\n"
RTE = "raise SystemExit(3)\n"


def cli(*args, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from assessment.cli import main; main()", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
    )


def test_judge_json_output_shape(require_docker, tmp_path):
    package = write_package(tmp_path)
    source = tmp_path / "add.py"
    source.write_text(ADD_ACCEPTED)
    result = cli("judge", package, source, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)  # exactly one JSON object on stdout
    # the original fields stay; later fields are only ever added
    assert set(data) == {
        "verdict",
        "score",
        "tests",
        "compile_output",
        "language",
        "files",
        "problem_type",
        "points",
        "max_points",
        "graded_verdict",
        "groups",
        "message",
    }
    assert (data["verdict"], data["score"]) == ("AC", 1.0)
    assert (data["language"], data["files"], data["problem_type"]) == ("python", [], "pass-fail")
    assert data["points"] is None and data["groups"] == []
    assert [t["name"] for t in data["tests"]] == ["sample/1", "secret/01", "secret/02", "secret/03", "secret/04"]
    for test in data["tests"]:
        assert set(test) == {"name", "group", "verdict", "time_ms", "memory_kb", "score", "passes"}
        assert test["verdict"] == "AC" and isinstance(test["time_ms"], int) and isinstance(test["memory_kb"], int)
    assert data["tests"][0]["group"] == "sample" and data["tests"][1]["group"] == "secret"
    assert isinstance(data["compile_output"], str)


def test_judge_report_and_language_option(require_docker, tmp_path):
    package = write_package(tmp_path, groups=["g1", "g2"], secret=2)
    source = tmp_path / "solution.txt"
    source.write_text(ADD_WRONG)
    result = cli("judge", package, source, "--language", "python")
    assert result.returncode == 0, result.stderr
    assert "verdict: WA" in result.stdout and "score: 0.0%" in result.stdout
    assert "secret/g1/01" in result.stdout and "secret/g2" in result.stdout


def test_judge_rejects_bad_input_with_a_clear_message(tmp_path):
    package = write_package(tmp_path)
    unknown = tmp_path / "solution.cob"  # no language of the table uses .cob
    unknown.write_text("DISPLAY 1")
    result = cli("judge", package, unknown)
    assert result.returncode != 0
    assert "--language" in result.stderr and "Traceback" not in result.stderr
    result = cli("judge", package, unknown, "--language", "cobol")
    assert result.returncode != 0 and "cobol" in result.stderr and "Traceback" not in result.stderr
    not_a_package = tmp_path / "empty"
    not_a_package.mkdir()
    source = tmp_path / "a.py"
    source.write_text(ADD_ACCEPTED)
    result = cli("judge", not_a_package, source)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "empty" in result.stderr


def test_verify_checks_every_reference_submission(require_docker, tmp_path):
    write_package(
        tmp_path / "tree" / "pos" / "coding",
        name="addtwo",
        submissions={
            "accepted": {"add.py": ADD_ACCEPTED},
            "wrong_answer": {"sub.py": ADD_WRONG},
            "time_limit_exceeded": {"loop.py": TLE},
            "run_time_error": {"exit.py": RTE},
        },
        time_limit=1.0,
    )
    result = cli("verify", tmp_path / "tree")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith(("ok", "FAIL"))]
    assert len(lines) == 4 and all(line.startswith("ok") for line in lines), result.stdout
    assert "4 submission(s) in 1 package(s): 4 as expected, 0 mismatched" in result.stdout


def test_verify_reports_a_mismatch(require_docker, tmp_path):
    package = write_package(tmp_path, submissions={"accepted": {"add.py": ADD_ACCEPTED, "bad.py": ADD_WRONG}})
    result = cli("verify", package)
    assert result.returncode == 1
    assert any(line.startswith("FAIL") and "bad.py" in line and "got WA" in line for line in result.stdout.splitlines())


def test_verify_derives_a_missing_time_limit(require_docker, tmp_path):
    package = write_package(
        tmp_path,
        time_limit=None,
        submissions={"accepted": {"add.py": ADD_ACCEPTED}, "time_limit_exceeded": {"loop.py": TLE}},
    )
    result = cli("verify", package)
    assert result.returncode == 0, result.stdout + result.stderr
    limit = float((package / ".timelimit").read_text())
    assert 0 < limit <= 10
    assert ".timelimit" in result.stdout


def smallest_real_package() -> Path:
    from assessment.judging.verify import find_packages

    packages = find_packages(REPO / "problems")
    assert packages, "problems/ holds no problem package"

    def cost(package: Path) -> tuple[int, int]:  # compiling C++/Java dominates: prefer few compiled submissions
        files = [f for f in (package / "submissions").rglob("*") if f.is_file()]
        compiled = sum(1 for f in files if f.suffix in (".c", ".cpp", ".cc", ".java"))
        return compiled * 5 + len(files), sum(f.stat().st_size for f in (package / "data").rglob("*") if f.is_file())

    return min(packages, key=cost)


def test_verify_a_real_package(require_docker):
    package = smallest_real_package()
    result = cli("verify", package)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 mismatched" in result.stdout
