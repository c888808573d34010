"""`assessment validate`: issues as `path: message`, exit status, the --json shape, and input validators."""

from __future__ import annotations

import json
import textwrap

from click.testing import CliRunner

from assessment.cli import main
from tests.problems.builders import position_tree, write


def run(*args):
    return CliRunner().invoke(main, ["validate", *map(str, args)])


def test_good_tree_json_shape(tmp_path):
    position_tree(tmp_path)
    result = run(tmp_path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"positions", "errors", "warnings"}
    assert data["errors"] == []
    [position] = data["positions"]
    assert set(position) == {"slug", "title", "path", "parts", "coding_problems", "essay_prompts"}
    assert position["slug"] == "backend" and position["path"] == "backend"
    [problem] = position["coding_problems"]
    assert problem == {
        "name": "addtwo",
        "title": "Add Two",
        "format_version": "2025-09",
        "time_limit": 1.5,
        "memory_mb": 512,
        "samples": 1,
        "secret": 3,
        "groups": ["secret"],
        "time_limit_source": "problem.yaml",
        "type": "pass-fail",
        "statement": "markdown",
        "max_points": None,
    }
    [prompt] = position["essay_prompts"]
    assert prompt == {
        "slug": "design",
        "title": "Designing a rate limiter",
        "min_words": 100,
        "max_words": 600,
        "criteria": 3,
    }


def test_missing_answer_exits_1_and_names_both_files(tmp_path):
    folder = position_tree(tmp_path)
    (folder / "coding" / "addtwo" / "data" / "secret" / "02.ans").unlink()
    result = run(tmp_path)
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if "02.in" in line)
    assert line.startswith("backend/coding/addtwo/data/secret/02.in: ")
    assert "add data/secret/02.ans" in line
    assert "1 error(s)" in result.output


def test_broken_problem_yaml_json_errors(tmp_path):
    folder = position_tree(tmp_path)
    yaml_file = folder / "coding" / "addtwo" / "problem.yaml"
    yaml_file.write_text(yaml_file.read_text() + "validator_flags: case_sensitive\n")
    result = run(tmp_path, "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)  # exactly one JSON object, nothing else
    assert data["positions"] == []
    assert any(
        e["path"] == "backend/coding/addtwo/problem.yaml" and "unknown key `validator_flags`" in e["message"]
        for e in data["errors"]
    )


def test_input_validator_rejection_names_input_and_validator(tmp_path):
    folder = position_tree(tmp_path)
    write(folder / "coding" / "addtwo" / "data" / "secret" / "02.in", "1  2\n")
    result = run(tmp_path)
    assert result.exit_code == 1
    assert (
        "backend/coding/addtwo/data/secret/02.in: rejected by input validator input_validators/validate.py: "
        "exit code 43"
    ) in result.output
    assert run(tmp_path, "--no-input-validators").exit_code == 0


def test_c_validator_and_invalid_inputs(tmp_path):
    folder = position_tree(tmp_path)
    package = folder / "coding" / "addtwo"
    (package / "input_validators" / "validate.py").unlink()
    write(
        package / "input_validators" / "check.c",
        textwrap.dedent("""\
        #include <stdio.h>
        int main(int argc, char **argv) {
            long a, b; char end;
            if (scanf("%ld %ld", &a, &b) != 2) return 43;
            if (argc > 1 && a > 100) return 43;
            return 42;
        }
    """),
    )
    write(package / "data" / "invalid_input" / "words.in", "hello\n")
    write(package / "data" / "invalid_input" / "fine.in", "1 1\n")
    write(package / "data" / "secret" / "test_group.yaml", "input_validator_args: [small]\n")
    write(package / "data" / "secret" / "03.in", "500 1\n")
    result = run(tmp_path, "--json")
    data = json.loads(result.output)
    messages = {e["path"]: e["message"] for e in data["errors"]}
    assert "backend/coding/addtwo/data/invalid_input/fine.in" in messages
    assert "backend/coding/addtwo/data/invalid_input/words.in" not in messages
    assert "input_validators/check.c" in messages["backend/coding/addtwo/data/secret/03.in"]
    assert result.exit_code == 1


def test_validator_that_does_not_compile(tmp_path):
    folder = position_tree(tmp_path)
    write(folder / "coding" / "addtwo" / "input_validators" / "broken.cpp", "int main( {\n")
    result = run(tmp_path)
    assert result.exit_code == 1
    assert "backend/coding/addtwo/input_validators/broken.cpp: input validator does not compile" in result.output


def test_missing_dir_is_an_error_not_a_traceback(tmp_path):
    result = run(tmp_path / "nope")
    assert result.exit_code == 1 and "does not exist" in result.output
    assert "Traceback" not in result.output


def test_relative_problems_dir_and_broken_validator_reported_once(tmp_path, monkeypatch):
    folder = position_tree(tmp_path / "tree")
    monkeypatch.chdir(tmp_path)
    assert run("tree").exit_code == 0  # validators found from a relative path
    write(folder / "coding" / "addtwo" / "input_validators" / "validate.py", "import sys\nsys.exit(1)\n")
    result = run("tree")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "rejects all" in line]
    assert len(lines) == 1 and lines[0].startswith("backend/coding/addtwo/input_validators/validate.py: ")
    assert "rejects all 4 test inputs" in lines[0]
