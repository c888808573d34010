"""`assessment validate` on the package shapes: one position folder, one package folder, skipped .ctd validators,
build/run validators, answer validators and where each time limit came from (input validators run on the host)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from assessment.cli import main
from tests.problems.builders import position_tree, write
from tests.problems.packages_helpers import package_copy, position_with


def run(*args):
    return CliRunner().invoke(main, ["validate", *map(str, args)])


def test_a_position_folder_is_validated_as_that_position(tmp_path):
    position_tree(tmp_path / "problems", "backend")
    other = position_tree(tmp_path / "problems", "frontend")
    (other / "position.yaml").write_text("title: Broken\n")  # an error in the other position
    result = run(tmp_path / "problems" / "backend")
    assert result.exit_code == 0, result.output
    assert "ok  backend: Backend Engineer" in result.output and "frontend" not in result.output
    assert "position.yaml: missing" not in result.output
    assert run(tmp_path / "problems").exit_code == 1  # the whole tree still has the error
    data = json.loads(run(tmp_path / "problems" / "backend", "--json").output)
    assert [p["slug"] for p in data["positions"]] == ["backend"] and data["errors"] == []


def test_a_position_s_coding_or_essays_folder_validates_that_position(tmp_path):
    """Not its packages as positions ("addtwo/position.yaml: missing")."""
    position_tree(tmp_path / "problems", "backend")
    for part in ("coding", "essays"):
        result = run(tmp_path / "problems" / "backend" / part)
        assert result.exit_code == 0, result.output
        assert "ok  backend: Backend Engineer" in result.output and "position.yaml: missing" not in result.output


def test_a_package_folder_is_validated_alone(tmp_path):
    package = package_copy(tmp_path, "scoregroups")
    result = run(package)
    assert result.exit_code == 0, result.output
    assert "ok  scoregroups: Sum of Many" in result.output
    assert (
        "scoregroups: 2025-09, scoring, 100 points, statement markdown, time limit 1 s (from problem.yaml)"
        in result.output
    )
    data = json.loads(run(package, "--json").output)
    assert data["package"]["type"] == "scoring" and data["package"]["max_points"] == 100
    assert data["package"]["groups"] == ["secret/group1", "secret/group2"]


def test_time_limit_sources_are_named(tmp_path):
    root = position_with(tmp_path, "memoryhog", "pdfroot", "samplesonly")
    result = run(root)
    assert result.exit_code == 0, result.output
    assert "memoryhog: legacy, pass-fail, statement markdown, time limit 2 s (from .timelimit)" in result.output
    assert "pdfroot: legacy, pass-fail, statement pdf, time limit 3 s (from domjudge-problem.ini)" in result.output
    assert (
        "samplesonly/data/secret: warning: no secret test data: submissions are judged on the 2 sample test(s)"
        in result.output
    )
    data = json.loads(run(root, "--json").output)
    sources = {p["name"]: p["time_limit_source"] for p in data["positions"][0]["coding_problems"]}
    assert sources == {"memoryhog": ".timelimit", "pdfroot": "domjudge-problem.ini", "samplesonly": "problem.yaml"}


def test_ctd_validator_warns_and_the_others_still_run(tmp_path):
    package = package_copy(tmp_path, "ctdcheck")
    result = run(package)
    assert result.exit_code == 0, result.output
    assert (
        "ctdcheck/input_validators/format.ctd: warning: Checktestdata (.ctd) input validators cannot run"
        in result.output
    )
    assert "3 validator run(s)" in result.output
    write(package / "data" / "secret" / "03.in", "1  2\n")
    write(package / "data" / "secret" / "03.ans", "3\n")
    result = run(package)
    assert result.exit_code == 1
    assert "ctdcheck/data/secret/03.in: rejected by input validator input_validators/validate.py" in result.output


def test_build_and_run_validator_is_built_and_run(tmp_path):
    package = package_copy(tmp_path, "foldervalidators")
    result = run(package)
    assert result.exit_code == 0, result.output
    assert "3 validator run(s)" in result.output
    write(package / "data" / "secret" / "01.in", "5 7 extra\n")
    result = run(package)
    assert result.exit_code == 1
    assert (
        "foldervalidators/data/secret/01.in: rejected by input validator input_validators/checker: exit code 43"
        in result.output
    )
    write(package / "input_validators" / "checker" / "check.c", "int main( {\n")
    result = run(package)
    assert "input_validators/checker: input validator the build script failed" in result.output


def test_answer_validators_check_every_answer(tmp_path):
    package = package_copy(tmp_path, "draftfolders")
    result = run(package)
    assert result.exit_code == 0, result.output
    assert "6 validator run(s)" in result.output  # 3 inputs, 3 answers
    write(package / "data" / "secret" / "01.ans", "-1.0\n")
    result = run(package)
    assert result.exit_code == 1
    assert (
        "draftfolders/data/secret/01.ans: rejected by answer validator answer_validators/number.py: exit code 43"
        in result.output
    )


def test_package_without_statement_warns_but_validates(tmp_path):
    result = run(package_copy(tmp_path, "nostatement"))
    assert result.exit_code == 0, result.output
    assert (
        "nostatement/statement: warning: no problem statement: the problem loads and can be judged, but "
        "candidates cannot open it until it has one" in result.output
    )
