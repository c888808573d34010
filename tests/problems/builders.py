"""Problem trees written on the fly for the loader tests."""
from __future__ import annotations

import textwrap
from pathlib import Path

UUID = "4f7d1c2e-9a41-4c47-8a9e-0d7c1f5b2a10"
VALIDATOR = textwrap.dedent("""\
    import re, sys
    data = sys.stdin.read()
    sys.exit(42 if re.fullmatch(r"-?\\d+ -?\\d+\\n", data) else 43)
""")
STATEMENT = "Read $a$ and $b$, print $a + b$.\n\n## Input\n\nTwo integers.\n\n## Output\n\nTheir sum.\n"
ESSAY = textwrap.dedent("""\
    ---
    title: Designing a rate limiter
    min_words: 100
    max_words: 600
    rubric:
      - criterion: Clarity
        description: Is the design easy to follow?
        levels:
          - {points: 0, label: Missing, description: No design.}
          - {points: 2, label: Partial, description: Some parts.}
          - {points: 4, label: Strong, description: Clear.}
      - criterion: Trade-offs
        description: Are alternatives weighed?
        levels:
          - {points: 0, label: None}
          - {points: 3, label: Good}
      - criterion: Correctness
        description: Does it work under load?
        levels:
          - {points: 0, label: No}
          - {points: 1, label: Mostly}
          - {points: 2, label: Yes}
    ---
    Describe how you would build a **rate limiter** for an HTTP API.
""")
POSITION = textwrap.dedent("""\
    title: Backend Engineer
    description: |
      Build **APIs**.
    duration_minutes: 90
    parts: [coding, essay]
    weights: {coding: 0.7, essay: 0.3}
    languages: [python, cpp]
    unlock: on_apply
    application_window:
      opens: 2026-01-01T09:00:00Z
      closes: 2026-02-01T09:00:00+01:00
    test_deadline: "2026-02-15T18:00:00"
    reviews_per_essay: 2
    adjudication_threshold: 2
    order: 1
""")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def modern_package(root: Path, name: str = "addtwo", *, yaml: str | None = None, groups: list[str] | None = None,
                   secret: int = 3, validator: str = VALIDATOR, accepted: bool = True) -> Path:
    package = root / name
    write(package / "problem.yaml", yaml if yaml is not None else
          f"problem_format_version: 2025-09\nname: Add Two\nuuid: {UUID}\nlimits:\n  time_limit: 1.5\n  memory: 512\n")
    write(package / "statement" / "problem.en.md", STATEMENT)
    write(package / "data" / "sample" / "1.in", "1 2\n")
    write(package / "data" / "sample" / "1.ans", "3\n")
    folders = [f"secret/{g}" for g in groups] if groups else ["secret"]
    n = 0
    for folder in folders:
        for i in range(1, secret + 1):
            n += 1
            write(package / "data" / folder / f"{i:02d}.in", f"{n} {n * 7}\n")
            write(package / "data" / folder / f"{i:02d}.ans", f"{n * 8}\n")
    if validator:
        write(package / "input_validators" / "validate.py", validator)
    if accepted:
        write(package / "submissions" / "accepted" / "add.py", "a, b = map(int, input().split())\nprint(a + b)\n")
    write(package / "submissions" / "wrong_answer" / "sub.py", "a, b = map(int, input().split())\nprint(a - b)\n")
    return package


def legacy_package(root: Path, name: str = "oldsum", *, yaml: str | None = None, tex: str | None = None) -> Path:
    package = root / name
    write(package / "problem.yaml", yaml if yaml is not None else
          "name: Old Sum\nvalidation: default\nvalidator_flags: float_tolerance 1e-6\n"
          "limits:\n  time_multiplier: 3\n  time_safety_margin: 2\n  memory: 128\n")
    if tex is not None:
        write(package / "problem_statement" / "problem.en.tex", tex)
    else:
        write(package / "problem_statement" / "problem.en.md", STATEMENT)
    write(package / "data" / "sample" / "1.in", "1 2\n")
    write(package / "data" / "sample" / "1.ans", "3\n")
    write(package / "data" / "secret" / "1.in", "2 2\n")
    write(package / "data" / "secret" / "1.ans", "4\n")
    write(package / "input_format_validators" / "validate.py", VALIDATOR)
    write(package / "submissions" / "accepted" / "add.py", "a, b = map(int, input().split())\nprint(a + b)\n")
    return package


def position_tree(root: Path, slug: str = "backend", *, position: str = POSITION, essay: str | None = ESSAY,
                  problems: tuple[str, ...] = ("addtwo",)) -> Path:
    folder = root / slug
    write(folder / "position.yaml", position)
    for name in problems:
        modern_package(folder / "coding", name)
    if essay is not None:
        write(folder / "essays" / "design.md", essay)
    return folder
