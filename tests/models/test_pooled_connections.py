"""PostgreSQL connections are checked before use only after an idle spell: a connection the server dropped while the
pool held it is replaced before a request sees it, and connections in steady use cost no extra round trip."""

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
