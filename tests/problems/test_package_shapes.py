"""Every package shape the platform reads, loaded from the small packages under tests/problems/packages/ (no Docker):
format versions, problem types, statements, time limit sources, validator folders, reference submissions."""

from __future__ import annotations

import pytest

from assessment.judging.requests import build_request, language_for_files, read_submission
from assessment.judging.scoring import PlannedTest, score
from assessment.judging.verify import Job
from assessment.problems import PackageError, load_package
from assessment.problems.grading import evaluate
from assessment.problems.kattis import package_files
from assessment.problems.programs import FOLDERS, ReferenceSubmission, expected_results
from tests.problems.builders import UUID, modern_package, write
from tests.problems.packages_helpers import NAMES, PACKAGES


def load(name: str):
    return load_package(PACKAGES / name, strict=True)


def warnings_of(package) -> str:
    return "\n".join(f"{w.path}: {w.message}" for w in package.warnings)


def submission(package, filename: str):
    return next(s for s in package.submissions if s.path.name == filename)


@pytest.mark.parametrize("name", NAMES)
def test_every_package_loads_strictly(name):
    package = load(name)
    assert package.name == name
    assert any(s.expectation.accepted for s in package.submissions)


def test_2023_07_draft_interactive_problem():
    package = load("interactive")
    assert package.format_version == "2023-07-draft"
    assert package.interactive and not package.multi_pass and package.problem_type == "interactive"
    assert package.output_validator_path == PACKAGES / "interactive" / "output_validator" / "interactor"
    assert [p.name for p in package.sample_interactions] == ["1.interaction"]
    request = build_request(package, "submit", "print(50)", "python")
    assert request.interactive is True and request.passes == 1
    assert request.validator.kind == "custom" and request.validator.path == package.output_validator_path
    with pytest.raises(ValueError, match="interactive or multi-pass"):
        build_request(package, "custom", "print(1)", "python", custom_input_path=PACKAGES / "x")
    assert {s.folder: s.expectation.label for s in package.submissions} == {
        "accepted": "AC",
        "wrong_answer": "WA",
        "run_time_error": "RTE",
        "time_limit_exceeded": "TLE",
    }


@pytest.mark.parametrize(
    "name,validator_dir", [("multipasslegacy", "output_validator"), ("multipassdraft", "output_validator")]
)
def test_multi_pass_problems_in_legacy_and_2023_07(name, validator_dir):
    package = load(name)
    assert package.multi_pass and package.passes == 3 and package.problem_type == "multi-pass"
    assert package.output_validator_path == PACKAGES / name / validator_dir
    request = build_request(package, "submit", "print(1)", "python")
    assert request.passes == 3 and request.interactive is False


def test_legacy_multi_pass_reads_the_singular_validator_folder_with_a_warning():
    text = warnings_of(load("multipasslegacy"))
    assert "output_validator/ is the output validator folder of another format version" in text
    assert "input_format_validators" not in text  # the legacy name of input_validators/ is its own


def test_legacy_validation_words(tmp_path):
    path = modern_package(tmp_path, yaml="name: Talk\nvalidation: custom interactive\nlimits:\n  time_limit: 1\n")
    (path / "statement").rename(path / "problem_statement")
    write(path / "output_validators" / "talk" / "validate.py", "import sys\nsys.exit(42)\n")
    package = load_package(path)
    assert package.interactive and package.format_version == "legacy"
    write(path / "problem.yaml", "name: Talk\nvalidation: default interactive\n")
    with pytest.raises(PackageError, match="need a custom output validator"):
        load_package(path)
    write(path / "problem.yaml", "name: Talk\nvalidation: custom multi-pass\n")
    assert load_package(path).passes == 2  # the specification's default number of passes


def test_interactive_problem_without_validator_is_an_error(tmp_path):
    path = modern_package(tmp_path, yaml=f"problem_format_version: 2025-09\nname: A\nuuid: {UUID}\ntype: interactive\n")
    with pytest.raises(PackageError, match="interactive problem needs an output validator"):
        load_package(path)


def test_2025_09_scoring_groups_sum_and_pass_fail():
    package = load("scoregroups")
    grading = package.grading
    assert grading is not None and grading.model == "groups" and package.max_points == 100.0
    outcomes = {c.name: ("AC", None) for c in package.tests()}
    assert evaluate(grading, outcomes).points == 100
    # the small-input solution: group1 (pass-fail, 40) and one of three cases of group2 (sum, 60 / 3 each)
    for name in ("secret/group2/01", "secret/group2/02"):
        outcomes[name] = ("WA", None)
    result = evaluate(grading, outcomes)
    assert result.points == pytest.approx(60) and result.share == pytest.approx(0.6)
    assert {g.name: g.points for g in result.groups if g.name not in ("", "sample")} == {
        "secret/group1": 40,
        "secret/group2": 20,
        "secret": 60,
    }
    outcomes["secret/group1/02"] = ("TLE", None)
    assert evaluate(grading, outcomes).points == pytest.approx(20)
    small = submission(package, "small_only.py").expectation
    assert small.score == (60.0, 60.0) and small.required == frozenset({"WA", "TLE", "RTE"})


def test_2023_07_draft_scoring_with_testdata_yaml_grading_keys():
    package = load("scoredraft")
    grading = package.grading
    assert grading is not None and grading.model == "grader" and package.max_points == 100.0
    outcomes = {c.name: ("AC", None) for c in package.tests()}
    full = evaluate(grading, outcomes)
    assert (full.verdict, full.points) == ("AC", 100)
    outcomes["secret/subtask2/2"] = ("WA", None)
    partial = evaluate(grading, outcomes)  # accept_if_any_accepted: accepted with subtask 1's 30 points
    assert (partial.verdict, partial.points) == ("AC", 30)
    outcomes["secret/subtask1/1"] = ("RTE", None)
    assert (evaluate(grading, outcomes).verdict, evaluate(grading, outcomes).points) == ("RTE", 0)
    assert submission(package, "small_only.py").expectation.partially_accepted


def test_legacy_scoring_with_validator_scores():
    package = load("scorelegacy")
    grading = package.grading
    assert grading is not None and grading.validator_scores and package.max_points == 30.0
    exact = {c.name: ("AC", 10.0) for c in package.tests()}
    assert evaluate(grading, exact).points == 30
    near = {c.name: ("AC", 4.0) for c in package.tests()}
    assert evaluate(grading, near).points == 12
    near["secret/02"] = ("WA", None)  # the default grader: a rejected submission gets no points
    assert evaluate(grading, near).points == 0


def test_scoring_problem_needs_a_finite_maximum(tmp_path):
    path = modern_package(tmp_path, yaml=f"problem_format_version: 2025-09\nname: A\nuuid: {UUID}\ntype: scoring\n")
    write(path / "data" / "secret" / "test_group.yaml", "max_score: unbounded\n")
    assert load_package(path).max_points is None  # the judge loads it ...
    with pytest.raises(PackageError, match="no finite maximum score"):  # ... but no position can use it
        load_package(path, strict=True)


def test_ctd_validator_is_skipped_with_a_warning():
    package = load("ctdcheck")
    assert [p.name for p in package.input_validators] == ["validate.py"]
    assert (
        "format.ctd: Checktestdata (.ctd) input validators cannot run on this platform; it is skipped"
        in warnings_of(package)
    )


def test_only_a_ctd_validator_still_loads(tmp_path):
    path = modern_package(tmp_path, validator="")
    write(path / "input_validators" / "format.viva", "<int(1, 9)>\n")
    package = load_package(path, strict=True)
    assert package.input_validators == []
    assert "no input validator this platform can run" in warnings_of(package)


def test_unknown_and_exported_submission_folders(tmp_path):
    assert FOLDERS["slow_accepted"].permitted == frozenset({"AC", "TLE"})
    package = load("ctdcheck")
    assert submission(package, "slow.py").expectation.label.startswith("AC or TLE")
    path = modern_package(tmp_path)
    write(path / "submissions" / "mystery" / "a.py", "print(1)\n")
    write(path / "submissions" / "mixed" / "b.py", "# @EXPECTED_RESULTS@: CORRECT, WRONG-ANSWER\nprint(1)\n")
    write(path / "submissions" / "check_manually" / "c.py", "print(1)\n")
    write(path / "submissions" / "compiler_error" / "d.py", "print(\n")
    package = load_package(path, strict=True)
    text = warnings_of(package)
    assert "submissions/mystery/ has no meaning in the specification" in text and "mixed" not in text
    assert submission(package, "b.py").expectation.exact == frozenset({"AC", "WA"})
    assert not submission(package, "c.py").expectation.checked
    assert submission(package, "d.py").expectation.exact == frozenset({"CE"})
    assert submission(package, "a.py").expectation.permitted is None


def test_submissions_yaml_narrows_a_folder(tmp_path):
    path = modern_package(tmp_path)
    write(
        path / "submissions" / "submissions.yaml",
        "wrong_answer/*.py:\n  permitted: [WA]\nextra:\n  permitted: [AC, TLE]\n  required: [TLE]\n",
    )
    write(path / "submissions" / "extra" / "slow.py", "print(1)\n")
    package = load_package(path, strict=True)
    assert submission(package, "sub.py").expectation.permitted == frozenset({"WA"})
    slow = submission(package, "slow.py").expectation
    assert (slow.permitted, slow.required) == (frozenset({"AC", "TLE"}), frozenset({"TLE"}))
    assert "extra" not in warnings_of(package)


def test_expected_results_annotation_maps_a_contest_judges_names(tmp_path):
    file = write(tmp_path / "a.c", "/*\n * @EXPECTED_RESULTS@: RUN_TIME_ERROR , ACCEPTED\n */\n")
    assert expected_results(file).exact == frozenset({"RTE", "AC"})
    write(file, "@EXPECTED_SCORE@: CORRECT\n")
    assert expected_results(file).exact == frozenset({"AC"})
    write(file, "// @EXPECTED_RESULTS@: CHECK-MANUALLY\n")
    assert not expected_results(file).checked


def test_memory_limit_counts_as_run_time_error_in_verify():
    package = load("memoryhog")
    assert package.memory_mb == 64 and package.time_limit_source == ".timelimit" and package.time_limit_s == 2
    hog = submission(package, "hog.py")
    job = Job(package, hog, "python", verdict="MLE", test_verdicts=["AC", "MLE"])
    assert job.mismatch() is None and job.ok
    job = Job(package, hog, "python", verdict="WA", test_verdicts=["WA"])
    assert job.mismatch() == "WA is not permitted"
    platform = ReferenceSubmission(hog.path, "memory_limit_exceeded", FOLDERS["memory_limit_exceeded"])
    assert Job(package, platform, "python", verdict="MLE", test_verdicts=["MLE"]).ok
    assert not Job(package, platform, "python", verdict="RTE", test_verdicts=["RTE"]).ok


def test_pdf_at_the_package_root_and_domjudge_problem_ini():
    package = load("pdfroot")
    assert package.statement_format == "pdf" and package.statement_file == "problem.pdf"
    assert package.statement_md == "" and package.title == "Add Two (PDF)"
    assert (package.time_limit_s, package.time_limit_source) == (3.0, "domjudge-problem.ini")
    files = [rel for rel, _ in package_files(package.path)]
    assert "problem.pdf" in files and "domjudge-problem.ini" in files and "problem.yaml" in files


def test_pdf_in_the_statement_folder():
    package = load("pdfstatement")
    assert (package.statement_format, package.statement_file) == ("pdf", "statement/problem.en.pdf")


def test_markdown_is_preferred_over_pdf_and_html_statements_are_read(tmp_path):
    path = modern_package(tmp_path)
    write(path / "statement" / "problem.en.pdf", "%PDF-1.4\n")
    assert load_package(path).statement_format == "markdown"
    (path / "statement" / "problem.en.md").unlink()
    write(path / "statement" / "problem.en.html", "<html><body><p>Add <b>two</b> numbers.</p></body></html>")
    package = load_package(path)
    assert package.statement_format == "html" and package.statement_md.strip() == "<p>Add <b>two</b> numbers.</p>"


def test_package_without_statement_loads_with_a_warning():
    package = load("nostatement")
    assert package.statement_format == "none" and not package.has_statement and package.statement_file == ""
    assert "no problem statement: the problem loads and can be judged, but candidates cannot open it" in warnings_of(
        package
    )


def test_samples_only_package_is_judged_and_scored_on_its_samples():
    package = load("samplesonly")
    assert package.samples_only and package.secret == [] and len(package.samples) == 2
    assert "judged on the 2 sample test(s) only" in warnings_of(package)
    request = build_request(package, "submit", "print(1)", "python")
    assert [t.name for t in request.tests] == ["sample/1", "sample/2"]
    planned = [PlannedTest(t.name, t.group, t.is_sample) for t in request.tests]
    assert score(planned, {"sample/1": "AC", "sample/2": "WA"}) == 0.5


def test_validators_given_as_build_and_run_folders():
    from assessment.problems.programs import program_kind

    package = load("foldervalidators")
    [checker] = package.input_validators
    assert checker.name == "checker" and program_kind(checker) == "run"
    assert package.output_validator_path == PACKAGES / "foldervalidators" / "output_validator"
    assert program_kind(package.output_validator_path) == "run"


def test_2023_07_folder_names_with_a_program_folder_inside_output_validator():
    package = load("draftfolders")
    assert package.output_validator_path == PACKAGES / "draftfolders" / "output_validator" / "tolerance"
    assert [p.name for p in package.answer_validators] == ["number.py"]
    assert package.title == "Half of It" and "## Input" in package.statement_md
    assert package.secret[0].validator_args == ("1e-6",)
    assert warnings_of(package) == ""


def test_legacy_output_validators_folder_in_a_2025_09_package_is_read_with_a_warning(tmp_path):
    path = modern_package(tmp_path)
    write(path / "output_validators" / "check" / "validate.py", "import sys\nsys.exit(42)\n")
    package = load_package(path)
    assert package.output_validator_path == path / "output_validators" / "check"
    assert "output_validators/ is the output validator folder of another format version" in warnings_of(package)


def test_folder_submissions_and_their_languages():
    package = load("foldersubmissions")
    folders = {s.path.name: s for s in package.submissions if s.is_folder and s.folder == "accepted"}
    assert {"cpp", "python", "java"} <= set(folders)
    for name, language in (("cpp", "cpp"), ("python", "python"), ("java", "java")):
        files = read_submission(folders[name].path)
        assert files.source == "" and files.files
        assert language_for_files(files.names) == (language, "")
    cpp = read_submission(folders["cpp"].path)
    assert cpp.names == ["NOTES.txt", "add.cpp", "add.h", "main.cpp"]
    request = build_request(package, "submit", cpp.source, "cpp", files=cpp.files)
    assert request.source == "" and request.files == cpp.files and request.files["add.h"].startswith(b"long long")
    single = read_submission(submission(package, "Packaged.java").path)
    assert single.files is None and single.source.startswith("package com.example.solution;")


def test_language_detection_refuses_mixed_folders():
    language, why = language_for_files(["main.py", "helper.cpp"])
    assert language is None and "several languages" in why
    assert language_for_files(["main.py", "helper.cpp"], entrypoint="main.py") == ("python", "")
    assert language_for_files(["notes.txt"]) == (None, "no file in a language this platform runs")


@pytest.mark.parametrize("version", ["2023-07-draft", "2023-07"])
def test_2023_07_versions_are_read(tmp_path, version):
    path = modern_package(
        tmp_path, yaml=f"problem_format_version: {version}\nname: A\nuuid: {UUID}\nlimits:\n  time_limit: 1\n"
    )
    assert load_package(path).format_version == "2023-07-draft"


def test_unknown_format_version_names_the_supported_ones(tmp_path):
    path = modern_package(tmp_path, yaml=f"problem_format_version: 2030-01\nname: A\nuuid: {UUID}\n")
    with pytest.raises(PackageError, match="2023-07-draft"):
        load_package(path)


def test_output_limit_is_not_a_run_time_error_and_python2_is_skipped(tmp_path):
    from assessment.judging.verify import submission_language

    package = load("memoryhog")
    hog = submission(package, "hog.py")
    assert Job(package, hog, "python", verdict="OLE", test_verdicts=["OLE"]).mismatch() == "OLE is not permitted"
    old = write(tmp_path / "old.py", "#!/usr/bin/env python2\nprint 'hi'\n")
    language, why = submission_language(ReferenceSubmission(old, "accepted", FOLDERS["accepted"]))
    assert language is None and "Python 2" in why
    new = write(tmp_path / "new.py", "#!/usr/bin/env python3\nprint('hi')\n")
    assert submission_language(ReferenceSubmission(new, "accepted", FOLDERS["accepted"])) == ("python", "")


def test_a_statement_linking_outside_the_package_is_ignored(tmp_path):
    path = modern_package(tmp_path)
    (path / "statement" / "problem.en.md").unlink()
    outside = write(tmp_path / "elsewhere.pdf", "%PDF-1.4\n")
    (path / "problem.pdf").symlink_to(outside)
    package = load_package(path)
    assert package.statement_format == "none"
    assert "a link to a file outside the package; it is ignored" in warnings_of(package)
