"""Builders for the timed-test tests: a tiny Kattis package on disk and the rows that publish it in a position."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from pathlib import Path

from tests.conftest import csrf_token_from

STATEMENT = """Read two integers $a$ and $b$ and print $a + b$.

## Input

One line with two integers $a$ and $b$ ($0 \\le a, b \\le 10^9$).

## Output

One line with the sum.
"""

PROMPT = "Describe a bug you are proud of fixing. What made it **hard**, and what did you learn?"


def write_package(root: Path, name: str = "addtwo") -> Path:
    """A valid 2025-09 Kattis package: sum of two integers, one sample and three secret tests."""
    path = root / name
    (path / "statement").mkdir(parents=True, exist_ok=True)
    (path / "data" / "sample").mkdir(parents=True, exist_ok=True)
    (path / "data" / "secret").mkdir(parents=True, exist_ok=True)
    (path / "submissions" / "accepted").mkdir(parents=True, exist_ok=True)
    (path / "problem.yaml").write_text(
        f"problem_format_version: 2025-09\nname: Add Two Numbers\nuuid: {uuid.uuid4()}\n"
        "limits:\n  time_limit: 2.0\n  memory: 256\n"
    )
    (path / "statement" / "problem.en.md").write_text(STATEMENT)
    (path / "data" / "sample" / "1.in").write_text("1 2\n")
    (path / "data" / "sample" / "1.ans").write_text("3\n")
    for index, (a, b) in enumerate([(5, 7), (1000000000, 1000000000), (0, 0)], start=1):
        (path / "data" / "secret" / f"{index}.in").write_text(f"{a} {b}\n")
        (path / "data" / "secret" / f"{index}.ans").write_text(f"{a + b}\n")
    (path / "submissions" / "accepted" / "sum.py").write_text("a, b = map(int, input().split())\nprint(a + b)\n")
    return path


def make_test_position(
    app,
    tmp_path: Path,
    *,
    slug: str = "backend",
    duration: int = 60,
    languages=("python", "cpp"),
    coding: bool = True,
    essay: bool = True,
    test_deadline=None,
    unlock: str = "on_apply",
) -> dict:
    """Publish a position with one problem (snapshot = the package folder) and one essay prompt."""
    from assessment.models import (
        EssayPrompt,
        EssayPromptVersion,
        Position,
        Problem,
        ProblemVersion,
        RubricCriterion,
        RubricLevel,
    )

    database = app.extensions["assessment.db"]
    ids: dict = {}
    with database.new_session() as s:
        position = Position(
            slug=slug,
            title="Backend Engineer",
            description_md="Build **APIs**.",
            duration_minutes=duration,
            has_coding=coding,
            has_essay=essay,
            weight_coding=0.5 if essay and coding else float(coding),
            weight_essay=0.5 if essay and coding else float(essay),
            languages=list(languages),
            unlock=unlock,
            test_deadline_at=test_deadline,
        )
        s.add(position)
        s.flush()
        ids["position"] = position.id
        if coding:
            package = write_package(tmp_path / f"pkg-{slug}")
            problem = Problem(position_id=position.id, slug="addtwo", sort_order=0)
            s.add(problem)
            s.flush()
            version = ProblemVersion(
                problem_id=problem.id,
                number=1,
                content_hash=uuid.uuid4().hex,
                title="Add Two Numbers",
                statement_md=STATEMENT,
                time_limit_s=2.0,
                memory_mb=256,
                format_version="2025-09",
                snapshot_path=str(package),
                sample_count=1,
                secret_count=3,
            )
            s.add(version)
            s.flush()
            problem.current_version_id = version.id
            ids["problem"] = problem.id
        if essay:
            prompt = EssayPrompt(position_id=position.id, slug="bug", sort_order=0)
            s.add(prompt)
            s.flush()
            pv = EssayPromptVersion(
                prompt_id=prompt.id,
                number=1,
                content_hash=uuid.uuid4().hex,
                title="A bug you fixed",
                body_md=PROMPT,
                min_words=5,
                max_words=300,
            )
            s.add(pv)
            s.flush()
            criterion = RubricCriterion(prompt_version_id=pv.id, sort_order=0, name="Clarity", description="Clear?")
            s.add(criterion)
            s.flush()
            for points, label in ((0, "Missing"), (2, "Partial"), (4, "Strong")):
                s.add(RubricLevel(criterion_id=criterion.id, label=label, points=points, description=label))
            prompt.current_version_id = pv.id
            ids["prompt"] = prompt.id
        s.commit()
    return ids


def make_application(app, email: str, position_id: int, released: bool = True) -> int:
    from sqlalchemy import select

    from assessment.models import Application, User, utcnow

    database = app.extensions["assessment.db"]
    with database.new_session() as s:
        user = s.scalar(select(User).where(User.email == email.lower()))
        application = Application(
            user_id=user.id,
            position_id=position_id,
            phone="+1 555 0100",
            education_level="master",
            institution="Uni",
            graduation_year=2020,
            test_released_at=utcnow() if released else None,
        )
        s.add(application)
        s.commit()
        return application.id


def meta_csrf(html: str) -> str:
    match = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert match, "no csrf meta tag"
    return match.group(1)


def move_deadline(app, application_id: int, seconds_from_now: float) -> None:
    """Put the attempt's deadline `seconds_from_now` away from the current time (negative = in the past)."""
    from sqlalchemy import select

    from assessment.models import Attempt, utcnow

    database = app.extensions["assessment.db"]
    with database.new_session() as s:
        attempt = s.scalar(select(Attempt).where(Attempt.application_id == application_id))
        attempt.deadline_at = utcnow() + timedelta(seconds=seconds_from_now)
        s.commit()


VALIDATOR = """import re
import sys

data = sys.stdin.read()
if not re.fullmatch(r"(0|[1-9][0-9]{0,9}) (0|[1-9][0-9]{0,9})\\n", data):
    sys.exit(43)
a, b = map(int, data.split())
sys.exit(42 if a <= 10**9 and b <= 10**9 else 43)
"""

ESSAY_MD = (
    """---
title: A bug you fixed
min_words: 5
max_words: 300
rubric:
  - criterion: Clarity
    description: Is the story easy to follow?
    levels:
      - {points: 0, label: Missing, description: Not there.}
      - {points: 2, label: Partial, description: Somewhat.}
      - {points: 4, label: Strong, description: Clear.}
  - criterion: Depth
    description: Does it explain why the bug happened?
    levels:
      - {points: 0, label: Missing, description: Not there.}
      - {points: 2, label: Strong, description: Yes.}
  - criterion: Learning
    description: What changed afterwards?
    levels:
      - {points: 0, label: Missing, description: Not there.}
      - {points: 2, label: Strong, description: Yes.}
---
"""
    + PROMPT
    + "\n"
)


def write_position_tree(root: Path, slug: str = "backend", duration: int = 30, languages=("python", "cpp")) -> Path:
    """A problems/ folder with one position: the addtwo package and one essay (what `assessment sync` reads)."""
    folder = root / slug
    (folder / "coding").mkdir(parents=True, exist_ok=True)
    (folder / "essays").mkdir(parents=True, exist_ok=True)
    (folder / "position.yaml").write_text(
        f"title: Backend Engineer\ndescription: Build **APIs**.\nduration_minutes: {duration}\n"
        "parts: [coding, essay]\nweights: {coding: 0.5, essay: 0.5}\n"
        f"languages: [{', '.join(languages)}]\nunlock: on_apply\n"
    )
    package = write_package(folder / "coding")
    (package / "input_validators").mkdir(exist_ok=True)
    (package / "input_validators" / "validate.py").write_text(VALIDATOR)
    (folder / "essays" / "bug.md").write_text(ESSAY_MD)
    return root


def sync_position_tree(app, root: Path, slug: str = "backend") -> dict:
    """Load the tree with the content loader and sync it into the database; returns the ids like make_test_position."""
    from sqlalchemy import select

    from assessment.models import EssayPrompt, Position, Problem
    from assessment.problems.sync import sync_from_dir

    database = app.extensions["assessment.db"]
    settings = app.extensions["assessment.settings"]
    with database.new_session() as s:
        report = sync_from_dir(s, root, settings.snapshot_dir)
        assert not report.errors, report.errors
        position = s.scalar(select(Position).where(Position.slug == slug))
        problem = s.scalar(select(Problem).where(Problem.position_id == position.id))
        prompt = s.scalar(select(EssayPrompt).where(EssayPrompt.position_id == position.id))
        return {"position": position.id, "problem": problem.id, "prompt": prompt.id}


def start(client, application_id: int) -> str:
    page = client.get(f"/applications/{application_id}/test")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    response = client.post(f"/applications/{application_id}/test/start", data={"csrf_token": csrf_token_from(html)})
    assert response.status_code == 302
    overview = client.get(response.headers["Location"])
    assert overview.status_code == 200
    return meta_csrf(overview.get_data(as_text=True))
