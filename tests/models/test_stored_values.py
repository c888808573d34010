"""Enum columns store plain strings: unknown stored values are found (with the fix) and refused on write."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from assessment.models import Role, User
from assessment.models.checks import invalid_stored_values, require_valid_stored_values


def test_a_fresh_database_holds_only_known_values(app, make_user):
    make_user("ada@example.com", role="reviewer")
    assert invalid_stored_values(app.extensions["assessment.db"]) == []


def test_unknown_stored_values_are_named_with_their_column_and_enum(app, make_user):
    database = app.extensions["assessment.db"]
    make_user("ada@example.com")
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE users SET role = 'superuser' WHERE email = 'ada@example.com'"))
    problems = invalid_stored_values(database)
    assert len(problems) == 1
    assert problems[0].startswith("users.role holds 'superuser', which is not a Role (admin, candidate, reviewer;")
    with pytest.raises(SystemExit) as excinfo:
        require_valid_stored_values(database)
    assert "users.role holds 'superuser'" in str(excinfo.value)


def test_members_round_trip_and_unknown_values_are_refused(app):
    database = app.extensions["assessment.db"]
    with database.new_session() as session:
        session.add(User(email="grace@example.com", name="Grace", role="reviewer"))
        session.commit()
        user = session.query(User).filter_by(email="grace@example.com").one()
        assert user.role is Role.REVIEWER and user.role.is_staff
        session.add(User(email="eve@example.com", name="Eve", role="owner"))
        with pytest.raises(Exception, match="'owner' is not a valid Role"):
            session.commit()
