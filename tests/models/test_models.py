from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from assessment.models import (
    Application,
    AuditEntry,
    Position,
    Problem,
    ProblemVersion,
    Submission,
    User,
    audit,
)


def _position(db, slug="p"):
    position = Position(slug=slug, title="P", has_coding=True, weight_coding=1.0, languages=["python"])
    db.add(position)
    db.flush()
    return position


def test_password_is_hashed_and_checked(db):
    user = User(email="a@example.com", name="A")
    user.set_password("s3cret-password")
    db.add(user)
    db.commit()
    assert user.password_hash and "s3cret" not in user.password_hash
    assert user.check_password("s3cret-password")
    assert not user.check_password("wrong")


def test_email_is_unique(db):
    db.add(User(email="a@example.com", name="A"))
    db.commit()
    db.add(User(email="a@example.com", name="B"))
    with pytest.raises(IntegrityError):
        db.commit()
    db.rollback()


def test_one_application_per_user_and_position(db):
    user = User(email="c@example.com", name="C")
    db.add(user)
    position = _position(db)
    db.add(Application(user=user, position=position))
    db.commit()
    db.add(Application(user=user, position=position))
    with pytest.raises(IntegrityError):
        db.commit()
    db.rollback()


def test_submission_keeps_its_problem_version(db):
    position = _position(db)
    problem = Problem(position=position, slug="x")
    db.add(problem)
    db.flush()
    v1 = ProblemVersion(
        problem_id=problem.id,
        number=1,
        content_hash="a" * 64,
        title="X",
        statement_md="",
        time_limit_s=1.0,
        memory_mb=256,
        format_version="2025-09",
        snapshot_path="/s/a",
    )
    db.add(v1)
    db.flush()
    problem.current_version = v1
    sub = Submission(problem_id=problem.id, problem_version_id=v1.id, language="python", source="print(1)")
    db.add(sub)
    db.commit()
    v2 = ProblemVersion(
        problem_id=problem.id,
        number=2,
        content_hash="b" * 64,
        title="X",
        statement_md="",
        time_limit_s=1.0,
        memory_mb=256,
        format_version="2025-09",
        snapshot_path="/s/b",
    )
    db.add(v2)
    db.flush()
    problem.current_version = v2
    db.commit()
    db.refresh(sub)
    assert sub.problem_version_id == v1.id
    assert [v.number for v in problem.versions] == [1, 2]


def test_audit_entry_records_actor_and_target(db):
    user = User(email="admin@example.com", name="Admin", role="admin")
    db.add(user)
    db.flush()
    audit(db, "test.action", actor=user, target=user, note="hello")
    db.commit()
    entry = db.query(AuditEntry).one()
    assert (entry.action, entry.actor_id, entry.target_type, entry.target_id) == (
        "test.action",
        user.id,
        "User",
        user.id,
    )
    assert entry.details == {"note": "hello"}
