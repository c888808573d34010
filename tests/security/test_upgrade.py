"""The sessions, blindness and integrity migration (0006) upgrades a populated database: SQLite enforces foreign keys,
so tables other tables point at (users, applications) only gain columns, and every existing row gets its credentials
stamp, pseudonym and token scopes and expiry."""

from __future__ import annotations

from sqlalchemy import text

from assessment.db import Database
from assessment.migrate import upgrade


def test_upgrading_a_populated_database_backfills_the_new_columns(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'old.sqlite'}")
    try:
        upgrade(database, "0004")
        with database.engine.begin() as c:
            c.execute(
                text(
                    "INSERT INTO users (id, email, name, role, active, created_at) VALUES "
                    "(1, 'a@x.org', 'A', 'candidate', 1, '2026-01-01'), "
                    "(2, 'r@x.org', 'R', 'reviewer', 1, '2026-01-01')"
                )
            )
            c.execute(
                text(
                    "INSERT INTO positions (id, slug, title, description_md, duration_minutes, has_coding,"
                    " has_essay, weight_coding, weight_essay, languages, unlock, reviews_per_essay,"
                    " adjudication_threshold, sort_order, config_hash, created_at, updated_at) VALUES"
                    " (1, 'p', 'P', '', 60, 1, 0, 1, 0, '[]', 'on_apply', 2, 2, 0, '',"
                    " '2026-01-01', '2026-01-01')"
                )
            )
            c.execute(
                text(
                    "INSERT INTO applications (id, user_id, position_id, phone, education_level, institution,"
                    " created_at) VALUES (1, 1, 1, '', '', '', '2026-01-01')"
                )
            )
            c.execute(
                text("INSERT INTO reviewer_assignments (user_id, position_id, created_at) VALUES (2, 1, '2026-01-01')")
            )
            c.execute(text("INSERT INTO api_tokens (name, token_hash, created_at) VALUES ('ats', 'h', '2026-01-01')"))
        upgrade(database)
        with database.engine.connect() as c:
            stamps = c.execute(text("SELECT credentials_stamp, session_generation FROM users")).all()
            assert len({s for s, _ in stamps}) == 2 and all(len(s) == 32 and g == 0 for s, g in stamps)
            assert len(c.execute(text("SELECT pseudonym FROM applications")).scalar()) == 6
            assert c.execute(text("SELECT can_grade, can_decide FROM reviewer_assignments")).one() == (1, 0)
            scopes, expires = c.execute(text("SELECT scopes, expires_at FROM api_tokens")).one()
            assert scopes == '["board:read"]' and expires
            assert c.execute(text("SELECT scoring_rule FROM positions")).scalar() == "best"
    finally:
        database.dispose()
