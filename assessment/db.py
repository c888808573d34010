"""Engine and session handling (SQLAlchemy 2.0). One engine per app; a scoped session per request/thread."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import create_engine, event
from sqlalchemy.engine import CursorResult, Engine, Result
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker


class Base(DeclarativeBase):
    pass


SQLITE_POOL_SIZE = 24
SQLITE_POOL_OVERFLOW = 40


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        # Connections are kept open (a file handle each): opening one re-runs the PRAGMAs below, and under load the
        # default pool of 5 made request threads queue for a connection and churn overflow connections.
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=SQLITE_POOL_SIZE,
            max_overflow=SQLITE_POOL_OVERFLOW,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    engine = create_engine(url, pool_size=10, max_overflow=20)
    _ping_after_idle(engine)
    return engine


IDLE_PING_S = 10.0


def _ping_after_idle(engine: Engine) -> None:
    """Check a pooled connection before use only when it has been idle for IDLE_PING_S seconds (a database restart or a
    dropped connection shows up after a quiet spell), instead of a round trip before every request as
    `pool_pre_ping` does: under load connections are reused within milliseconds and the ping was a sixth of an
    autosave's time. A dead connection is replaced before the request sees it (the pool retries the checkout)."""
    from sqlalchemy import exc

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _check(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get("returned_at")
        if returned is None or time.monotonic() - returned < IDLE_PING_S:
            return
        try:
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute("SELECT 1")
            finally:
                cursor.close()
            dbapi_connection.rollback()
        except Exception as error:
            raise exc.DisconnectionError(f"the pooled database connection is gone: {error}") from error


# Session.info key of the callable told, after a commit, the ids of the submissions that commit queued (the judging
# backend: it wakes in-process workers or publishes tasks). See assessment.judging.queue.
ON_QUEUED = "assessment.on_queued"


def rowcount(result: Result[Any]) -> int:
    """Rows matched by an UPDATE or DELETE run through Session.execute (whose declared type is the generic Result)."""
    return cast(CursorResult[Any], result).rowcount


class Database:
    """Holds the engine and a thread-local scoped session. `on_queued` is the judging backend's hook for newly queued
    submissions; every session made here carries it."""

    def __init__(self, url: str, on_queued: Callable[[list[int]], None] | None = None):
        self.url = url
        self.engine = make_engine(url)
        info = {ON_QUEUED: on_queued} if on_queued is not None else {}
        self.factory = sessionmaker(bind=self.engine, expire_on_commit=False, info=info)
        self.session = scoped_session(self.factory)

    @contextmanager
    def new_session(self) -> Iterator[Session]:
        """A separate session for background work (judge workers, finalizers)."""
        session = self.factory()
        try:
            yield session
        finally:
            session.close()

    def remove(self) -> None:
        self.session.remove()

    def dispose(self) -> None:
        self.session.remove()
        self.engine.dispose()
