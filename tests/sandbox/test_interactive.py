"""Interactive and multi-pass problems and validator scores, with Kattis semantics (problemtools' judge is the
reference): the interactor runs in its own sandbox, the host relays the bytes between the two."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox.spec import TestSpec, ValidatorSpec
from tests.sandbox.helpers import run

pytestmark = pytest.mark.docker

# Guess a number in 1..1000 with at most 10 guesses; the interactor answers lower / higher / correct.
INTERACTOR = r"""import sys
secret = int(open(sys.argv[1]).read())
feedback = sys.argv[3]
mode = sys.argv[4] if len(sys.argv) > 4 else ''
if mode == 'crash':
    raise SystemExit(7)
for guess_no in range(1, 11):
    line = sys.stdin.readline()
    if not line:
        open(feedback + 'judgemessage.txt', 'w').write(f'no guess {guess_no}: the program stopped talking')
        sys.exit(43)
    guess = int(line)
    if guess == secret:
        print('correct', flush=True)
        open(feedback + 'judgemessage.txt', 'w').write(f'guessed in {guess_no}')
        sys.exit(42)
    print('lower' if secret < guess else 'higher', flush=True)
open(feedback + 'judgemessage.txt', 'w').write('too many guesses')
sys.exit(43)
"""
SEARCH = """lo, hi = 1, 1000
while True:
    mid = (lo + hi) // 2
    print(mid, flush=True)
    reply = input()
    if reply == 'correct':
        break
    if reply == 'lower':
        hi = mid - 1
    else:
        lo = mid + 1
"""
LINEAR = "for g in range(1, 1001):\n    print(g, flush=True)\n    if input() == 'correct':\n        break\n"
SILENT = "import sys\nsys.exit(0)\n"  # ends without a guess: the interactor reads EOF and rejects
DEADLOCK = "import sys\nsys.stdin.readline()\n"  # waits for the interactor, which waits for a guess
SPIN = "while True:\n    pass\n"
CRASH_AFTER = SEARCH + "raise SystemExit(3)\n"
# Writes guesses endlessly and never reads the replies: the relay must not block on it (the interactor's verdict and
# the kill still get through).
FLOOD = "import sys\nwhile True:\n    sys.stdout.write('500\\n' * 4096)\n"


def _problem(tmp_path: Path, validator: str, secrets=(17, 500, 1000), args=()) -> tuple[list[TestSpec], ValidatorSpec]:
    folder = tmp_path / "output_validator"
    folder.mkdir()
    (folder / "validate.py").write_text(validator)
    data = tmp_path / "data"
    data.mkdir()
    tests = []
    for i, secret in enumerate(secrets, 1):
        (data / f"{i}.in").write_text(f"{secret}\n")
        (data / f"{i}.ans").write_text(f"{secret}\n")
        tests.append(TestSpec(f"secret/{i}", "secret", data / f"{i}.in", data / f"{i}.ans", tuple(args)))
    return tests, ValidatorSpec("custom", folder)


@pytest.mark.parametrize(
    "source, verdict",
    [
        (SEARCH, "AC"),
        (LINEAR, "WA"),
        (SILENT, "WA"),
        (SPIN, "TLE"),
        (DEADLOCK, "TLE"),
        (CRASH_AFTER, "RTE"),
        (FLOOD, "WA"),
    ],
)
def test_interactive_verdicts(source, verdict, tmp_path, docker_sandbox):
    tests, validator = _problem(tmp_path, INTERACTOR)
    report, elapsed = run(source, "python", tests, validator=validator, interactive=True, time_s=1.0)
    details = [(t.verdict, t.message, t.time_ms, t.stderr_tail[-300:]) for t in report.tests]
    assert report.judge_error is None, (report.judge_error, details)
    assert report.verdict == verdict, details
    if verdict == "AC":
        assert all(t.message.startswith("guessed in") for t in report.tests), details
    if source is LINEAR:  # the interactor rejected first: its verdict stands, the program was stopped
        assert report.tests[0].message == "too many guesses"
    assert elapsed < 30


def test_interactor_failure_is_a_judge_error(tmp_path, docker_sandbox):
    tests, validator = _problem(tmp_path, INTERACTOR, secrets=(5,), args=("crash",))
    report, _ = run(SEARCH, "python", tests, validator=validator, interactive=True)
    assert report.verdict == "JE" and "exited with code 7" in report.judge_error


def test_interactive_needs_a_custom_validator(tmp_path, docker_sandbox):
    tests, _ = _problem(tmp_path, INTERACTOR, secrets=(5,))
    report, _ = run(SEARCH, "python", tests, interactive=True)
    assert report.verdict == "JE" and "custom output validator" in report.judge_error


def test_interactive_cpp_program(tmp_path, docker_sandbox):
    source = (
        "#include <iostream>\n#include <string>\nint main(){int lo=1,hi=1000;std::string r;while(true){"
        'int m=(lo+hi)/2;std::cout<<m<<std::endl;std::cin>>r;if(r=="correct")break;'
        'if(r=="lower")hi=m-1;else lo=m+1;}}\n'
    )
    tests, validator = _problem(tmp_path, INTERACTOR)
    report, _ = run(source, "cpp", tests, validator=validator, interactive=True)
    assert report.verdict == "AC", [(t.verdict, t.message) for t in report.tests]


# Multi-pass: pass k gets "k x"; the program must print x * 2; the validator asks for 3 passes, then accepts.
MULTIPASS = r"""import os, sys
pass_input = open(sys.argv[1]).read().split()
feedback = sys.argv[3]
k, x = int(pass_input[0]), int(pass_input[1])
team = sys.stdin.read().split()
with open(feedback + 'judgemessage.txt', 'a') as f:
    f.write(f'pass {k} got {team};')
if team != [str(2 * x)]:
    sys.exit(43)
if k < int(sys.argv[4] if len(sys.argv) > 4 else 3):
    open(feedback + 'nextpass.in', 'w').write(f'{k + 1} {2 * x}\n')
else:
    open(feedback + 'score.txt', 'w').write('7.5\n')
sys.exit(42)
"""
DOUBLE = "k, x = map(int, input().split())\nprint(2 * x)\n"
DOUBLE_UNTIL_3 = "k, x = map(int, input().split())\nprint(2 * x if k < 3 else 0)\n"


def _multipass(tmp_path: Path, rounds: int = 3) -> tuple[list[TestSpec], ValidatorSpec]:
    folder = tmp_path / "mp_validator"
    folder.mkdir()
    (folder / "validate.py").write_text(MULTIPASS)
    (tmp_path / "1.in").write_text("1 5\n")
    (tmp_path / "1.ans").write_text("\n")
    return [TestSpec("secret/1", "secret", tmp_path / "1.in", tmp_path / "1.ans", (str(rounds),))], ValidatorSpec(
        "custom", folder
    )


def test_multipass_runs_every_pass_and_keeps_feedback(tmp_path, docker_sandbox):
    tests, validator = _multipass(tmp_path)
    report, _ = run(DOUBLE, "python", tests, validator=validator, passes=3)
    outcome = report.tests[0]
    assert report.verdict == "AC", (report.judge_error, [(p.verdict, p.message) for p in outcome.passes])
    assert [p.verdict for p in outcome.passes] == ["AC", "AC", "AC"]
    # the feedback folder persists between passes: the validator appended to one judgemessage.txt
    assert outcome.message == "pass 1 got ['10'];pass 2 got ['20'];pass 3 got ['40'];"
    assert outcome.time_ms == max(p.time_ms for p in outcome.passes)
    assert outcome.score == 7.5


def test_multipass_wrong_answer_in_a_later_pass(tmp_path, docker_sandbox):
    tests, validator = _multipass(tmp_path)
    report, _ = run(DOUBLE_UNTIL_3, "python", tests, validator=validator, passes=3)
    assert report.verdict == "WA"
    assert [p.verdict for p in report.tests[0].passes] == ["AC", "AC", "WA"]


def test_multipass_more_passes_than_allowed_is_a_judge_error(tmp_path, docker_sandbox):
    tests, validator = _multipass(tmp_path, rounds=5)
    report, _ = run(DOUBLE, "python", tests, validator=validator, passes=3)
    assert report.verdict == "JE" and "more than 3 passes" in report.judge_error
    assert len(report.tests[0].passes) == 3


# Interactive and multi-pass at once: the interactor says a number, reads it back doubled, asks for another pass.
INTERACTIVE_MULTIPASS = r"""import sys
k = int(open(sys.argv[1]).read())
print(k, flush=True)
got = sys.stdin.readline().strip()
if got != str(2 * k):
    sys.exit(43)
if k < 3:
    open(sys.argv[3] + 'nextpass.in', 'w').write(f'{k + 1}\n')
sys.exit(42)
"""


def test_interactive_multipass(tmp_path, docker_sandbox):
    tests, validator = _problem(tmp_path, INTERACTIVE_MULTIPASS, secrets=(1,))
    report, _ = run("print(2 * int(input()))\n", "python", tests, validator=validator, interactive=True, passes=4)
    assert report.verdict == "AC", report
    assert [p.verdict for p in report.tests[0].passes] == ["AC", "AC", "AC"]


def test_score_from_score_txt(tmp_path, docker_sandbox):
    validator = (
        "import sys\nteam = sys.stdin.read().split()\nopen(sys.argv[3] + 'score.txt', 'w')"
        ".write(str(len(team) * 0.25))\nsys.exit(42)\n"
    )
    tests, spec = _problem(tmp_path, validator, secrets=(1,))
    report, _ = run("print('a b c')\n", "python", tests, validator=spec)
    assert report.verdict == "AC" and report.tests[0].score == 0.75


def test_score_on_a_rejected_output_is_a_judge_error(tmp_path, docker_sandbox):
    validator = "import sys\nopen(sys.argv[3] + 'score.txt', 'w').write('1')\nsys.exit(43)\n"
    tests, spec = _problem(tmp_path, validator, secrets=(1,))
    report, _ = run("print(1)\n", "python", tests, validator=spec)
    assert report.verdict == "JE" and "score.txt" in report.judge_error
