"""Loading Kattis packages: both formats, test groups, inherited validator arguments, and every rejection."""

from __future__ import annotations

import pytest

from assessment.problems import PackageError, load_package
from tests.problems.builders import UUID, legacy_package, modern_package, write


def errors_of(path, **kwargs) -> list[str]:
    with pytest.raises(PackageError) as info:
        load_package(path, **kwargs)
    return [f"{i.path}: {i.message}" for i in info.value.issues if i.severity == "error"]


def test_modern_package_loads(tmp_path):
    package = load_package(modern_package(tmp_path), strict=True)
    assert package.title == "Add Two"
    assert package.format_version == "2025-09"
    assert package.time_limit_s == 1.5 and package.time_limit_source == "problem.yaml"
    assert package.memory_mb == 512 and package.output_limit_mb == 8
    assert package.validator == "default" and package.output_validator_path is None
    assert [c.name for c in package.tests()] == ["sample/1", "secret/01", "secret/02", "secret/03"]
    assert package.secret_groups == ["secret"]
    assert package.samples[0].is_sample and not package.secret[0].is_sample
    assert {(s.folder, s.expectation.label) for s in package.submissions} == {
        ("accepted", "AC"),
        ("wrong_answer", "WA"),
    }
    assert [p.name for p in package.input_validators] == ["validate.py"]
    assert "## Input" in package.statement_md
    assert package.uuid == UUID


def test_duplicate_key_is_an_error_naming_the_file_and_line(tmp_path):
    path = modern_package(tmp_path, yaml=f"problem_format_version: 2025-09\nname: A\nuuid: {UUID}\nname: B\n")
    [message] = errors_of(path)
    assert "problem.yaml" in message and "line 4" in message and "duplicate key 'name'" in message


def test_unknown_key_is_an_error_in_2025_09(tmp_path):
    path = modern_package(tmp_path, yaml=f"problem_format_version: 2025-09\nname: A\nuuid: {UUID}\ntimelimit: 3\n")
    [message] = errors_of(path)
    assert message.startswith(str(path / "problem.yaml")) and "unknown key `timelimit`" in message


def test_missing_required_keys_and_wrong_types(tmp_path):
    path = modern_package(
        tmp_path, yaml="problem_format_version: 2025-09\nlimits:\n  time_limit: fast\n  memory: 1.5\n"
    )
    messages = "\n".join(errors_of(path))
    assert "`name` is missing" in messages
    assert "`uuid` is missing" in messages
    assert "`limits.time_limit` must be a number" in messages
    assert "`limits.memory` must be a whole number" in messages


def test_input_without_answer_names_both_files(tmp_path):
    path = modern_package(tmp_path)
    (path / "data" / "secret" / "02.ans").unlink()
    write(path / "data" / "secret" / "09.ans", "1\n")
    messages = errors_of(path)
    assert any("secret/02.in" in m and "add data/secret/02.ans" in m for m in messages)
    assert any("secret/09.ans" in m and "add data/secret/09.in" in m for m in messages)


def test_strict_requires_an_accepted_submission_and_warns_without_input_validator(tmp_path):
    path = modern_package(tmp_path, validator="", accepted=False)
    package = load_package(path)  # the judge's lenient load: warnings only
    assert any("no accepted submission" in w.message for w in package.warnings)
    assert any(
        "no input validator" in w.message and "cannot check the test inputs" in w.message for w in package.warnings
    )
    messages = "\n".join(errors_of(path, strict=True))
    assert "no accepted submission" in messages and "no input validator" not in messages


def test_no_secret_data_no_statement_bad_name(tmp_path):
    path = modern_package(tmp_path, name="add-two")
    for f in (path / "data" / "secret").iterdir():
        f.unlink()
    (path / "statement" / "problem.en.md").unlink()
    (path / "data" / "sample" / "1.in").unlink()
    (path / "data" / "sample" / "1.ans").unlink()
    messages = "\n".join(errors_of(path))
    assert "no test data" in messages
    assert "lowercase letters and digits only" in messages and "'addtwo'" in messages
    assert "no problem statement" not in messages  # a warning, not an error


def test_name_and_statement_languages_must_match(tmp_path):
    path = modern_package(
        tmp_path, yaml=f"problem_format_version: 2025-09\nname:\n  en: Add\n  sv: Addera\nuuid: {UUID}\n"
    )
    messages = "\n".join(errors_of(path))
    assert "`name` has languages ['en', 'sv']" in messages


def test_test_groups_and_inherited_output_validator_args(tmp_path):
    path = modern_package(tmp_path, groups=["g1", "g2", "g10"], secret=2)
    write(path / "data" / "test_group.yaml", "output_validator_args: float_tolerance 1e-6\n")
    write(path / "data" / "secret" / "g2" / "test_group.yaml", "output_validator_args: [case_sensitive]\n")
    write(path / "data" / "secret" / "g2" / "02.yaml", "output_validator_args: [space_change_sensitive]\n")
    package = load_package(path, strict=True)
    assert package.secret_groups == ["secret/g1", "secret/g10", "secret/g2"]
    by_name = {c.name: c for c in package.tests()}
    assert by_name["sample/1"].validator_args == ("float_tolerance", "1e-6")
    assert by_name["secret/g1/01"].validator_args == ("float_tolerance", "1e-6")
    assert by_name["secret/g2/01"].validator_args == ("case_sensitive",)
    assert by_name["secret/g2/02"].validator_args == ("space_change_sensitive",)
    assert by_name["secret/g1/02"].group == "secret/g1"
    assert [c.name for c in package.secret][:3] == ["secret/g1/01", "secret/g1/02", "secret/g10/01"]


def test_cases_and_groups_mixed_in_secret_is_an_error(tmp_path):
    path = modern_package(tmp_path, groups=["g1"], secret=1)
    write(path / "data" / "secret" / "loose.in", "1 1\n")
    write(path / "data" / "secret" / "loose.ans", "2\n")
    assert any("both test cases and test groups" in m for m in errors_of(path))


def test_bad_default_validator_flag_names_the_test_group_file(tmp_path):
    path = modern_package(tmp_path)
    write(path / "data" / "secret" / "test_group.yaml", "output_validator_args: float_tolerence 1e-6\n")
    [message] = errors_of(path)
    assert "secret/test_group.yaml" in message and "float_tolerence" in message


def test_custom_output_validator(tmp_path):
    path = modern_package(tmp_path)
    write(path / "output_validator" / "validate.py", "import sys\nsys.exit(42)\n")
    write(path / "data" / "secret" / "test_group.yaml", "output_validator_args: [anything, goes]\n")
    package = load_package(path)
    assert package.validator == "custom" and package.output_validator_path == path / "output_validator"
    assert package.secret[0].validator_args == ("anything", "goes")


def test_legacy_package_with_validator_flags_and_testdata_yaml(tmp_path):
    path = legacy_package(tmp_path)
    write(path / "data" / "secret" / "testdata.yaml", "output_validator_flags: case_sensitive\n")
    package = load_package(path, strict=True)
    assert package.format_version == "legacy"
    assert package.title == "Old Sum"
    assert package.memory_mb == 128
    assert package.samples[0].validator_args == ("float_tolerance", "1e-6")
    assert package.secret[0].validator_args == ("float_tolerance", "1e-6", "case_sensitive")
    assert package.ac_to_time_limit == 3.0
    assert [p.name for p in package.input_validators] == ["validate.py"]


def test_legacy_custom_validation_uses_output_validators(tmp_path):
    path = legacy_package(tmp_path, yaml="name: Old Sum\nvalidation: custom\n")
    assert any("output_validators/<name>/" in m for m in errors_of(path))
    write(path / "output_validators" / "checker" / "check.py", "import sys\nsys.exit(42)\n")
    package = load_package(path)
    assert package.validator == "custom"
    assert package.output_validator_path == path / "output_validators" / "checker"


def test_legacy_latex_statement_is_converted(tmp_path):
    tex = r"""\problemname{Sum of Two}
% comment line
Given $a$ and $b$, print \textbf{their sum}. It is \emph{easy} -- really.
\begin{itemize}
  \item first $x_i$
  \item second
\end{itemize}
\begin{enumerate}
  \item one
  \item two
\end{enumerate}
\section*{Notes}
Use 64-bit integers: 100\% of the ``cases'' fit.
\begin{Input}
Two integers $a$ and $b$ ($0 \le a, b \le 10^9$).
\end{Input}
\begin{Output}
One integer.
\end{Output}
\begin{verbatim}
1 2 {x} \textbf{raw}
\end{verbatim}
"""
    path = legacy_package(tmp_path, yaml="validation: default\n", tex=tex)
    package = load_package(path)
    md = package.statement_md
    assert package.title == "Sum of Two"
    assert package.statement_path.name == "problem.en.tex"
    assert "print **their sum**" in md and "*easy* – really" in md
    assert "- first $x_i$\n- second" in md
    assert "1. one\n2. two" in md
    assert "## Notes" in md and "100% of the “cases” fit" in md
    assert "## Input\n\nTwo integers $a$ and $b$ ($0 \\le a, b \\le 10^9$)." in md
    assert "## Output\n\nOne integer." in md
    assert "```\n1 2 {x} \\textbf{raw}\n```" in md
    assert "comment" not in md and "problemname" not in md


def test_timelimit_file_then_default(tmp_path):
    path = modern_package(tmp_path, yaml=f"problem_format_version: 2025-09\nname: A\nuuid: {UUID}\n")
    package = load_package(path)
    assert package.time_limit_s == 2.0 and package.time_limit_source == "default"
    assert package.memory_mb == 256
    assert any("no time limit" in w.message for w in package.warnings)
    write(path / ".timelimit", "3\n")
    package = load_package(path)
    assert package.time_limit_s == 3.0 and package.time_limit_source == ".timelimit"
    write(path / ".timelimit", "soon\n")
    assert any(".timelimit" in m for m in errors_of(path))


def test_content_hash_tracks_judging_files_only(tmp_path):
    path = modern_package(tmp_path)
    first = load_package(path).content_hash()
    write(path / "submissions" / "accepted" / "other.py", "print(0)\n")
    write(path / "generators" / "gen.py", "print(1)\n")
    assert load_package(path).content_hash() == first
    write(path / "data" / "secret" / "01.ans", "9\n")
    assert load_package(path).content_hash() != first


def test_unsupported_problem_type(tmp_path):
    path = modern_package(
        tmp_path, yaml=f"problem_format_version: 2025-09\nname: A\nuuid: {UUID}\ntype: submit-answer\n"
    )
    messages = "\n".join(errors_of(path))
    assert "submit-answer problems" in messages and "not supported" in messages


def test_title_heading_is_not_shown_twice(tmp_path):
    path = modern_package(tmp_path)
    write(path / "statement" / "problem.en.md", "# Add Two\n\nAdd.\n\n## Input\n\nA.\n\n## Output\n\nB.\n")
    package = load_package(path)
    assert package.statement_md.startswith("Add.")
    assert any("not shown twice" in w.message for w in package.warnings)
