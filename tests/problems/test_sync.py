"""sync_tree against a real SQLite database: idempotence, versions, snapshots, retirement and restoring."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import sessionmaker

from assessment.db import Base
from assessment.models import AuditEntry, EssayPrompt, Position, Problem, ProblemVersion, RubricCriterion, Submission
from assessment.problems import load_package, load_tree
from assessment.problems.sync import sync_from_dir, sync_tree
from tests.problems.builders import ESSAY, position_tree, write


@pytest.fixture
def session(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'sync.sqlite'}")
    Base.metadata.create_all(engine)
    with sessionmaker(bind=engine, expire_on_commit=False)() as s:
        yield s
    engine.dispose()


@pytest.fixture
def dirs(tmp_path):
    problems, snapshots = tmp_path / "problems", tmp_path / "snapshots"
    problems.mkdir()
    return problems, snapshots


def sync(session, problems: Path, snapshots: Path):
    report = sync_tree(session, load_tree(problems), snapshots)
    assert report.errors == [], report.errors
    return report


def problem(session, slug="addtwo") -> Problem:
    return session.scalar(select(Problem).where(Problem.slug == slug))


def test_first_sync_creates_everything(session, dirs):
    problems, snapshots = dirs
    position_tree(problems)
    report = sync(session, problems, snapshots)
    assert report.as_dict()["positions"]["created"] == 1
    assert report.count("problems", "created") == 1 and report.count("essays", "created") == 1

    position = session.scalar(select(Position))
    assert position.slug == "backend" and position.title == "Backend Engineer"
    assert position.has_coding and position.has_essay and position.weight_coding == 0.7
    assert position.languages == ["python", "cpp"] and position.sort_order == 1 and position.config_hash

    version = problem(session).current_version
    assert version.number == 1 and version.title == "Add Two" and version.time_limit_s == 1.5
    assert version.sample_count == 1 and version.secret_count == 3 and version.format_version == "2025-09"
    snapshot = Path(version.snapshot_path)
    assert snapshot == snapshots / version.content_hash and snapshot.is_absolute()
    assert (snapshot / "problem.yaml").is_file() and (snapshot / "data" / "secret" / "01.in").is_file()
    assert not (snapshot / "submissions").exists()
    assert not os.stat(snapshot / "problem.yaml").st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    judged = load_package(snapshot)  # what the judge loads
    assert [c.name for c in judged.tests()] == ["sample/1", "secret/01", "secret/02", "secret/03"]
    assert judged.content_hash() == version.content_hash

    prompt = session.scalar(select(EssayPrompt))
    assert prompt.current_version.title == "Designing a rate limiter"
    criteria = prompt.current_version.criteria
    assert [c.name for c in criteria] == ["Clarity", "Trade-offs", "Correctness"]
    assert [lvl.points for lvl in criteria[0].levels] == [0, 2, 4]
    assert prompt.current_version.max_points == 9

    [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "content.sync")).all()
    assert entry.details["problems"]["created"] == 1


def test_second_sync_changes_nothing(session, dirs):
    problems, snapshots = dirs
    position_tree(problems)
    sync(session, problems, snapshots)
    report = sync(session, problems, snapshots)
    assert not report.changed
    assert report.count("positions", "unchanged") == 1 and report.count("problems", "unchanged") == 1
    assert report.count("essays", "unchanged") == 1
    assert session.scalar(select(func.count()).select_from(ProblemVersion)) == 1
    assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1
    assert session.scalar(select(func.count()).select_from(RubricCriterion)) == 3


def test_edit_creates_version_2_and_old_submissions_keep_version_1(session, dirs, tmp_path):
    problems, snapshots = dirs
    folder = position_tree(problems)
    package = folder / "coding" / "addtwo"
    original = tmp_path / "original"
    shutil.copytree(package, original)
    sync(session, problems, snapshots)
    v1 = problem(session).current_version
    submission = Submission(
        problem_id=problem(session).id, problem_version_id=v1.id, language="python", source="print(1)"
    )
    session.add(submission)
    session.commit()

    write(package / "data" / "secret" / "04.in", "4 4\n")
    write(package / "data" / "secret" / "04.ans", "8\n")
    report = sync(session, problems, snapshots)
    assert report.count("problems", "updated") == 1
    v2 = problem(session).current_version
    assert v2.number == 2 and v2.secret_count == 4 and v2.snapshot_path != v1.snapshot_path
    assert Path(v1.snapshot_path, "problem.yaml").is_file()  # the old snapshot stays
    session.expire_all()
    assert session.get(Submission, submission.id).problem_version.number == 1

    # restoring the old folder points back to version 1 (no version 3)
    shutil.rmtree(package)
    shutil.copytree(original, package)
    report = sync(session, problems, snapshots)
    assert report.count("problems", "updated") == 1
    assert problem(session).current_version.number == 1
    assert session.scalar(select(func.count()).select_from(ProblemVersion)) == 2


def test_removed_items_are_retired_and_come_back(session, dirs, tmp_path):
    problems, snapshots = dirs
    folder = position_tree(problems, problems=("addtwo", "second"))
    sync(session, problems, snapshots)
    shutil.move(folder / "coding" / "second", tmp_path / "second")
    report = sync(session, problems, snapshots)
    assert report.count("problems", "retired") == 1
    retired = problem(session, "second")
    assert retired.retired_at is not None and retired.current_version is not None
    assert [p.slug for p in session.scalar(select(Position)).active_problems] == ["addtwo"]

    shutil.move(tmp_path / "second", folder / "coding" / "second")
    report = sync(session, problems, snapshots)
    assert report.count("problems", "updated") == 1
    assert problem(session, "second").retired_at is None
    assert problem(session, "second").current_version.number == 1

    # the whole position disappears: retired, never deleted
    shutil.move(folder, tmp_path / "backend")
    report = sync(session, problems, snapshots)
    assert report.count("positions", "retired") == 1
    assert session.scalar(select(Position)).retired_at is not None
    shutil.move(tmp_path / "backend", folder)
    sync(session, problems, snapshots)
    assert session.scalar(select(Position)).retired_at is None


def test_essay_edit_makes_a_new_version_with_its_own_rubric(session, dirs):
    problems, snapshots = dirs
    folder = position_tree(problems)
    sync(session, problems, snapshots)
    write(folder / "essays" / "design.md", ESSAY.replace("Clarity", "Structure"))
    sync(session, problems, snapshots)
    prompt = session.scalar(select(EssayPrompt))
    assert [v.number for v in prompt.versions] == [1, 2]
    assert prompt.versions[0].criteria[0].name == "Clarity"
    assert prompt.current_version.criteria[0].name == "Structure"


def test_tree_with_errors_changes_nothing(session, dirs):
    problems, snapshots = dirs
    folder = position_tree(problems)
    sync(session, problems, snapshots)
    write(folder / "coding" / "addtwo" / "data" / "secret" / "05.in", "5 5\n")  # no .ans
    write(folder / "essays" / "design.md", ESSAY.replace("Clarity", "Structure"))
    report = sync_from_dir(session, problems, snapshots)
    assert report.errors and "05.in" in report.errors[0].path
    assert "nothing was changed" in report.summary()
    prompt = session.scalar(select(EssayPrompt))
    assert [v.number for v in prompt.versions] == [1]


def test_sync_cli(dirs, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from assessment.cli import _app, main

    problems, snapshots = dirs
    position_tree(problems)
    instance = tmp_path / "instance"
    monkeypatch.setenv("ASSESSMENT_INSTANCE", str(instance))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{instance / 'cli.sqlite'}")
    monkeypatch.setenv("ASSESSMENT_SNAPSHOTS", str(snapshots))
    monkeypatch.delenv("ASSESSMENT_SECRET_KEY", raising=False)  # a random key is kept in the instance folder
    _app.app.cache_clear()
    try:
        result = CliRunner().invoke(main, ["sync", str(problems)])
        assert result.exit_code == 0, result.output
        assert "problems: 1 created" in result.output
        result = CliRunner().invoke(main, ["sync", str(problems)])
        assert "problems: 0 created, 0 updated, 1 unchanged" in result.output
        (problems / "backend" / "coding" / "addtwo" / "data" / "secret" / "01.ans").unlink()
        result = CliRunner().invoke(main, ["sync", str(problems)])
        assert result.exit_code == 1 and "nothing was changed" in result.output
        assert "backend/coding/addtwo/data/secret/01.in" in result.output
    finally:
        app = _app.app()
        app.extensions["assessment.db"].dispose()
        _app.app.cache_clear()
