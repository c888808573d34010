"""The public judge() API: progress, stop-on-first-failure, kept output, custom input runs, errors."""

from __future__ import annotations

import pytest

from sandbox.spec import JudgeRequest, Limits, TestSpec, ValidatorSpec
from tests.sandbox.helpers import ADD_PY, add_tests, leftover_containers, run

pytestmark = pytest.mark.docker


def test_progress_and_order(tmp_path, docker_sandbox):
    from sandbox.judge import judge

    calls = []
    tests = add_tests(tmp_path, count=3)
    report = judge(
        JudgeRequest(ADD_PY, "python", tests, Limits(1.0, 256), ValidatorSpec("default")),
        progress=lambda phase, i, n: calls.append((phase, i, n)),
    )
    assert report.verdict == "AC" and report.compile_output == ""
    assert calls[0] == ("compiling", 0, 1)
    assert [c for c in calls if c[0] == "running"][:3] == [("running", 0, 3), ("running", 1, 3), ("running", 2, 3)]


def test_stop_on_first_failure_omits_later_tests(tmp_path, docker_sandbox):
    tests = add_tests(tmp_path, count=4)
    tests[1].answer_path.write_text("-1\n")
    report, _ = run(ADD_PY, "python", tests, stop_on_first_failure=True)
    assert report.verdict == "WA"
    assert [t.verdict for t in report.tests] == ["AC", "WA"]
    report, _ = run(ADD_PY, "python", tests)
    assert [t.verdict for t in report.tests] == ["AC", "WA", "AC", "AC"]


def test_custom_input_run_keeps_output(tmp_path, docker_sandbox):
    (tmp_path / "in").write_text("20 22\n")
    tests = [TestSpec("custom", "custom", tmp_path / "in", None)]
    report, _ = run(ADD_PY + "import sys\nprint('note', file=sys.stderr)\n", "python", tests, keep_output_bytes=100)
    assert report.verdict == "OK"
    outcome = report.tests[0]
    assert outcome.verdict == "OK" and outcome.output == "42\n" and "note" in outcome.stderr_tail


def test_kept_output_is_truncated(tmp_path, docker_sandbox):
    tests = add_tests(tmp_path, count=1)
    report, _ = run("print('x' * 5000)\n", "python", tests, keep_output_bytes=10, validator=None)
    assert report.tests[0].output == "x" * 10


def test_samples_and_groups_are_passed_through(tmp_path, docker_sandbox):
    tests = add_tests(tmp_path / "a", count=1, group="sample") + add_tests(tmp_path / "b", count=1, group="g1")
    report, _ = run(ADD_PY, "python", tests)
    assert [(t.name, t.group) for t in report.tests] == [("sample/1", "sample"), ("g1/1", "g1")]


def test_float_tolerance_from_validator_args(tmp_path, docker_sandbox):
    (tmp_path / "1.in").write_text("1 3\n")
    (tmp_path / "1.ans").write_text("0.333333333\n")
    tests = [TestSpec("t", "secret", tmp_path / "1.in", tmp_path / "1.ans", ("float_tolerance", "1e-6"))]
    report, _ = run("a, b = map(int, input().split())\nprint(f'{a / b:.7f}')\n", "python", tests)
    assert report.verdict == "AC"


def test_unknown_language_is_a_judge_error(tmp_path):
    report, _ = run("x", "cobol", add_tests(tmp_path, count=1))
    assert report.verdict == "JE" and "cobol" in report.judge_error


def test_missing_image_raises_sandbox_unavailable(tmp_path, docker_sandbox, monkeypatch):
    import sandbox.build
    import sandbox.container
    from sandbox.judge import SandboxUnavailable

    monkeypatch.setattr(sandbox.build, "BASE_IMAGE", "assessment-runner-base:does-not-exist")
    with pytest.raises(SandboxUnavailable, match="assessment sandbox build"):
        run(ADD_PY, "python", add_tests(tmp_path, count=1))
    monkeypatch.undo()
    monkeypatch.setattr(sandbox.container, "runner_tag", lambda digest: "assessment-runner:not-built-" + digest)
    with pytest.raises(SandboxUnavailable, match="out of date"):
        run(ADD_PY, "python", add_tests(tmp_path, count=1))
    assert leftover_containers() == []


def test_janitor_removes_orphaned_containers(docker_sandbox):
    from sandbox.docker_client import LABEL, client_or_unavailable
    from sandbox.janitor import clean

    client = client_or_unavailable()
    import socket

    orphan = client.api.create_container(
        "assessment-runner:latest",
        command=["true"],
        labels={LABEL: "1", f"{LABEL}.owner": f"{socket.gethostname()}:999999999"},
    )["Id"]
    # A judge on another host sharing this engine (a worker container) may be alive: its sandbox is left alone.
    sibling = client.api.create_container(
        "assessment-runner:latest", command=["true"], labels={LABEL: "1", f"{LABEL}.owner": "other-worker-host:1"}
    )["Id"]
    try:
        assert clean() >= 1
        assert not client.api.containers(all=True, filters={"id": orphan})
        assert client.api.containers(all=True, filters={"id": sibling})
    finally:
        client.api.remove_container(sibling, force=True)
