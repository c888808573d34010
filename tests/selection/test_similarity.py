"""Winnowing similarity on real reference solutions (problems/*/coding/*/submissions/accepted/*.py) and on two
independent, differently structured solutions of one problem."""

import ast
import io
import tokenize
from pathlib import Path

import pytest

from assessment.selection import similarity

REPO = Path(__file__).resolve().parents[2]
REAL = sorted(p for p in REPO.glob("problems/*/coding/*/submissions/accepted/*.py") if len(p.read_text().split()) >= 15)


def rename_identifiers(source: str) -> str:
    """A plagiarist's copy: every variable, argument and function the program defines gets a new name (strings,
    comments and layout untouched, then a comment added)."""
    tree = ast.parse(source)
    defined = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            defined.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
    names = {name: f"zz_{i}_{name[::-1]}" for i, name in enumerate(sorted(defined))}
    tokens = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NAME and tok.string in names:
            tok = tok._replace(string=names[tok.string])
        tokens.append(tok)
    return "# my own work\n" + tokenize.untokenize(tokens)


LIS_DP = """import sys


def longest_increasing(values):
    best = [1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i] and best[j] + 1 > best[i]:
                best[i] = best[j] + 1
    return max(best) if best else 0


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    values = [int(x) for x in data[1:1 + n]]
    print(longest_increasing(values))


main()
"""

LIS_BISECT = """from bisect import bisect_left
import sys

tokens = sys.stdin.buffer.read().split()
count = int(tokens[0])
tails = []
for raw in tokens[1:count + 1]:
    x = int(raw)
    pos = bisect_left(tails, x)
    if pos == len(tails):
        tails.append(x)
    else:
        tails[pos] = x
sys.stdout.write(str(len(tails)) + "\\n")
"""


# Second, independently written and differently structured accepted solutions of real problems (hand-rolled binary
# search and an accumulate prefix instead of bisect and a loop), checked against the package's data below.
SECOND_SOLUTIONS = {
    "dialogueturns": """import sys
from itertools import accumulate


def first_at_least(values, target):
    low, high = 0, len(values)
    while low < high:
        middle = (low + high) // 2
        if values[middle] < target:
            low = middle + 1
        else:
            high = middle
    return low


def solve(stream):
    utterances = int(next(stream))
    queries = int(next(stream))
    who, when = [], []
    for _ in range(utterances):
        who.append(next(stream))
        when.append(int(next(stream)))
    starts = [1] + [1 if who[k] != who[k - 1] else 0 for k in range(1, utterances)]
    prefix = [0] + list(accumulate(starts))
    answers = []
    for _ in range(queries):
        left, right = int(next(stream)), int(next(stream))
        first = first_at_least(when, left)
        last = first_at_least(when, right + 1)
        if first >= last:
            answers.append("0")
            continue
        # the first utterance inside the window always opens a turn
        answers.append(str(prefix[last] - prefix[first + 1] + 1))
    return answers


print("\\n".join(solve(iter(sys.stdin.read().split()))))
""",
}


def test_renamed_copy_flagged_independent_solution_not():
    copy = rename_identifiers(LIS_DP)
    assert copy != LIS_DP and "zz_" in copy
    compile(copy, "copy.py", "exec")
    template = similarity.starter_template("python")
    copied = similarity.similarity(LIS_DP, copy, "python", template)
    independent = similarity.similarity(LIS_DP, LIS_BISECT, "python", template)
    assert copied.score >= similarity.THRESHOLD, copied
    assert independent.score < similarity.THRESHOLD, independent
    assert copied.lines_a and copied.lines_b  # matching regions to highlight
    pairs = similarity.flagged_pairs(
        [
            similarity.Program("a", LIS_DP, "python"),
            similarity.Program("b", copy, "python"),
            similarity.Program("c", LIS_BISECT, "python"),
        ]
    )
    assert [(p.a.key, p.b.key) for p in pairs] == [("a", "b")]


def test_starter_template_is_ignored():
    template = (
        similarity.starter_template("python")
        or "import sys\n\n\ndef main():\n    data = sys.stdin.read().split()\n\n\nmain()\n"
    )
    a = template + "\nprint(sum(int(v) for v in sys.stdin.read().split()[1:]))\n"
    b = template + "\nfor line in open(0):\n    print(line.upper())\n"
    assert similarity.similarity(a, b, "python", template).score < 0.3
    assert similarity.similarity(template, template, "python", template).score == 0.0  # nothing left to compare


def test_cpp_renamed_copy_flagged():
    src = """#include <bits/stdc++.h>
using namespace std;
int main() {
    int n; cin >> n;
    vector<long long> a(n);
    for (auto &x : a) cin >> x;
    long long best = LLONG_MIN, cur = 0;
    for (int i = 0; i < n; i++) { cur = max(a[i], cur + a[i]); best = max(best, cur); }
    cout << best << endl;
    return 0;
}
"""
    copy = src.replace("best", "answer").replace("cur", "running").replace(" a", " arr").replace("a[", "arr[")
    assert similarity.similarity(src, copy, "cpp").score >= similarity.THRESHOLD


@pytest.mark.parametrize("path", REAL, ids=[str(p.relative_to(REPO)) for p in REAL] or None)
def test_real_accepted_solution_renamed_copy_is_flagged(path):
    source = path.read_text()
    copy = rename_identifiers(source)
    match = similarity.similarity(source, copy, "python", similarity.starter_template("python"))
    assert match.score >= similarity.THRESHOLD, f"{path}: {match.score:.2f}"
    independent = similarity.similarity(source, LIS_BISECT, "python", similarity.starter_template("python"))
    assert independent.score < similarity.THRESHOLD


@pytest.mark.parametrize(
    "path", [p for p in REAL if p.parents[2].name in SECOND_SOLUTIONS], ids=lambda p: str(p.relative_to(REPO))
)
def test_real_solution_vs_independent_second_solution_not_flagged(path, tmp_path):
    import subprocess
    import sys

    second = SECOND_SOLUTIONS[path.parents[2].name]
    program = tmp_path / "second.py"
    program.write_text(second)
    data = path.parents[2] / "data"
    for case in sorted(data.glob("sample/*.in")) + sorted(data.glob("secret/**/*.in"))[:4]:
        result = subprocess.run(
            [sys.executable, str(program)], stdin=case.open(), capture_output=True, text=True, timeout=30
        )
        assert result.stdout.split() == case.with_suffix(".ans").read_text().split(), f"second solution wrong on {case}"
    template = similarity.starter_template("python")
    independent = similarity.similarity(path.read_text(), second, "python", template)
    assert independent.score < similarity.THRESHOLD, independent.score
    copied = similarity.similarity(path.read_text(), rename_identifiers(path.read_text()), "python", template)
    assert copied.score >= similarity.THRESHOLD


def test_real_files_exist():
    """The parametrised tests above run once per real solution: an empty list would make them pass by running
    nothing."""
    assert len(REAL) >= 10, [str(p) for p in REAL]
    assert {p.parents[2].name for p in REAL} >= set(SECOND_SOLUTIONS), "every second solution has a real counterpart"
