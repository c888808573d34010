"""PostgreSQL connections are checked before use only after an idle spell: a connection the server dropped while the
pool held it is replaced before a request sees it, and connections in steady use cost no extra round trip. A
transaction that only read ends so that the connection keeps its prepared statements; one that wrote is rolled back
as always."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from assessment import db
from tests.conftest import postgres_database


@pytest.fixture
def pg_url(postgres_server):
    return postgres_database(postgres_server, "pool")


def _terminate_others(engine_url: str, keep_pid: int | None = None) -> int:
    from sqlalchemy import create_engine

    admin = create_engine(engine_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            return conn.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
    finally:
        admin.dispose()


def test_a_connection_dropped_while_idle_is_replaced_before_use(pg_url, monkeypatch):
    monkeypatch.setattr(db, "IDLE_PING_S", 0.0)
    engine = db.make_engine(pg_url)
    try:
        with engine.connect() as conn:
            first = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        assert _terminate_others(pg_url) == 1  # the pooled connection's server process is gone
        with engine.connect() as conn:
            second = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        assert second != first
    finally:
        engine.dispose()


def test_a_connection_in_steady_use_is_not_pinged(pg_url):
    """Within the idle time the pool hands the connection out unchecked (no round trip): a connection dropped just
    now surfaces as the error of the statement that uses it, and the pool replaces it for the next checkout."""
    from sqlalchemy import exc

    engine = db.make_engine(pg_url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        _terminate_others(pg_url)
        with pytest.raises(exc.OperationalError), engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        engine.dispose()


def _prepared(session) -> int:
    return session.execute(text("SELECT count(*) FROM pg_prepared_statements")).scalar_one()


def test_read_only_requests_keep_the_connections_prepared_statements(pg_url):
    """psycopg prepares a statement once a connection has run it five times, and forgets them all at any ROLLBACK:
    requests that only read (their session ends by rollback) ended with nothing prepared, so every statement was
    planned again. Each loop below is such a request, on the pool's one connection."""
    from sqlalchemy import select

    from assessment.models import User

    database = db.Database(pg_url)
    try:
        from assessment.migrate import upgrade

        upgrade(database)
        for user_id in range(8):
            with database.new_session() as session:  # closed without commit: the read-only request's end
                session.execute(select(User).where(User.id == user_id)).all()
        with database.new_session() as session:
            assert _prepared(session) >= 1
    finally:
        database.dispose()


def test_a_transaction_that_wrote_or_failed_is_still_rolled_back(pg_url):
    from sqlalchemy import exc

    database = db.Database(pg_url)
    try:
        with database.new_session() as session:
            session.execute(text("CREATE TABLE notes (id int PRIMARY KEY)"))
            session.commit()
        with database.new_session() as session:  # read, then write, then leave without commit
            session.execute(text("SELECT count(*) FROM notes")).scalar_one()
            session.execute(text("INSERT INTO notes VALUES (1)"))
        with database.new_session() as session:
            assert session.execute(text("SELECT count(*) FROM notes")).scalar_one() == 0
            with pytest.raises(exc.ProgrammingError):  # a failed read leaves the transaction in error
                session.execute(text("SELECT no_such_column FROM notes"))
            session.rollback()
            assert session.execute(text("SELECT count(*) FROM notes")).scalar_one() == 0
        with database.new_session() as session:  # a write that commits is kept
            session.execute(text("INSERT INTO notes VALUES (2)"))
            session.commit()
        with database.new_session() as session:
            assert session.execute(text("SELECT id FROM notes")).scalars().all() == [2]
    finally:
        database.dispose()


def test_sql_that_writes_though_it_starts_with_select_is_rolled_back(pg_url):
    """Only queries built with select() count as reading: SQL text is rolled back whatever its first word."""
    database = db.Database(pg_url)
    try:
        with database.new_session() as session:
            session.execute(text("CREATE TABLE notes (id int)"))
            session.execute(
                text(
                    "CREATE FUNCTION add_note(i int) RETURNS int LANGUAGE sql AS $$ INSERT INTO notes VALUES (i) RETURNING i $$"
                )
            )
            session.commit()
        with database.new_session() as session:  # left without commit
            session.execute(text("SELECT add_note(1)"))
            session.execute(text("SELECT set_config('app.note', 'kept', false)"))
            session.execute(text("SELECT 1 AS a INTO made_by_select"))
        with database.new_session() as session:
            assert session.execute(text("SELECT count(*) FROM notes")).scalar_one() == 0
            assert session.execute(text("SELECT current_setting('app.note', true)")).scalar() in (None, "")
            assert session.execute(text("SELECT to_regclass('made_by_select')")).scalar() is None
    finally:
        database.dispose()
