"""A custom output validator (Kattis interface) runs sandboxed in its own container."""

from __future__ import annotations

import pytest

from sandbox.spec import ValidatorSpec
from tests.sandbox.helpers import ADD_PY, add_tests, leftover_containers, run

pytestmark = pytest.mark.docker

# Accepts any output whose number has the same parity as the answer; reads input and answer files, writes feedback.
VALIDATOR = """import sys
input_path, answer_path, feedback = sys.argv[1], sys.argv[2], sys.argv[3]
a, b = map(int, open(input_path).read().split())
answer = int(open(answer_path).read())
team = sys.stdin.read().split()
mode = sys.argv[4] if len(sys.argv) > 4 else 'parity'
try:
    value = int(team[0])
except (IndexError, ValueError):
    open(feedback + 'judgemessage.txt', 'w').write('not a number')
    sys.exit(43)
if mode == 'crash':
    raise RuntimeError('validator bug')
if value % 2 == answer % 2 and len(team) == 1:
    sys.exit(42)
open(feedback + 'judgemessage.txt', 'w').write(f'expected parity of {answer}, got {value}')
sys.exit(43)
"""

VALIDATOR_CPP = r"""#include <cstdio>
#include <cstdlib>
int main(int argc, char** argv) {
    FILE* ans = fopen(argv[2], "r"); long long want; if (fscanf(ans, "%lld", &want) != 1) return 1;
    long long got; if (scanf("%lld", &got) != 1) return 43;
    if (got == want) return 42;
    FILE* fb = fopen((std::string(argv[3]) + "judgemessage.txt").c_str(), "w");
    fprintf(fb, "got %lld want %lld", got, want); fclose(fb);
    return 43;
}
"""


@pytest.fixture
def validator_dir(tmp_path):
    folder = tmp_path / "output_validator"
    folder.mkdir()
    (folder / "validate.py").write_text(VALIDATOR)
    return folder


def test_custom_validator_accepts_and_rejects(tmp_path, validator_dir, docker_sandbox):
    tests = add_tests(tmp_path / "data", count=3)
    spec = ValidatorSpec("custom", validator_dir)
    report, _ = run(ADD_PY, "python", tests, validator=spec)
    assert report.verdict == "AC", [(t.verdict, t.message) for t in report.tests]
    # a + b + 2 has the same parity: accepted by this validator though not equal
    report, _ = run("a, b = map(int, input().split())\nprint(a + b + 2)\n", "python", tests, validator=spec)
    assert report.verdict == "AC"
    report, _ = run("a, b = map(int, input().split())\nprint(a + b + 1)\n", "python", tests, validator=spec)
    assert report.verdict == "WA" and "expected parity" in report.tests[0].message
    assert leftover_containers() == []


def test_validator_crash_is_a_judge_error(tmp_path, validator_dir, docker_sandbox):
    from sandbox.spec import TestSpec

    tests = [TestSpec(t.name, t.group, t.input_path, t.answer_path, ("crash",)) for t in add_tests(tmp_path / "d", 1)]
    report, _ = run(ADD_PY, "python", tests, validator=ValidatorSpec("custom", validator_dir))
    assert report.verdict == "JE" and report.judge_error and "validator bug" in report.judge_error


def test_cpp_validator(tmp_path, docker_sandbox):
    folder = tmp_path / "cppval"
    folder.mkdir()
    (folder / "validate.cpp").write_text("#include <string>\n" + VALIDATOR_CPP)
    tests = add_tests(tmp_path / "data", count=2)
    report, _ = run(ADD_PY, "python", tests, validator=ValidatorSpec("custom", folder))
    assert report.verdict == "AC", report
    report, _ = run("print(0)\n", "python", tests, validator=ValidatorSpec("custom", folder))
    assert report.verdict == "WA" and "got 0" in report.tests[0].message


def test_validator_never_sees_host_environment_and_answers_stay_out_of_submission(tmp_path, docker_sandbox):
    folder = tmp_path / "v"
    folder.mkdir()
    (folder / "validate.py").write_text(
        "import sys, socket\nsys.exit(42 if socket.if_nameindex() == [(1, 'lo')] else 43)\n"
    )
    report, _ = run(ADD_PY, "python", add_tests(tmp_path / "d", 1), validator=ValidatorSpec("custom", folder))
    assert report.verdict == "AC"


def test_broken_validator_folder_is_a_clear_judge_error(tmp_path, docker_sandbox):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "README").write_text("nothing here")
    report, _ = run(ADD_PY, "python", add_tests(tmp_path / "d", 1), validator=ValidatorSpec("custom", folder))
    assert report.verdict == "JE" and "no Python, C or C++ source" in report.judge_error
    assert leftover_containers() == []
