"""Engine and session handling (SQLAlchemy 2.0). One engine per app; a scoped session per request/thread."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Select, create_engine, event
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
    _keep_prepared_statements(engine)
    _describe_when_read(engine)
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
            dbapi_connection.commit()  # it only read: see _keep_prepared_statements
        except Exception as error:
            raise exc.DisconnectionError(f"the pooled database connection is gone: {error}") from error


_WROTE = "assessment.wrote"


def _keep_prepared_statements(engine: Engine) -> None:
    """End a transaction that has only read with COMMIT rather than ROLLBACK (PostgreSQL).

    psycopg prepares a statement on the server once a connection has run it a few times, so that it is no longer
    parsed and planned at each run; but every ROLLBACK makes it forget all of the connection's prepared statements
    (and send DEALLOCATE ALL, one more round trip). Every request that only reads (a status poll, a page) ends its
    transaction with the session's rollback, so under load the statements every request runs were parsed and
    planned again nearly every time: planning was most of the database's work for a poll (pg_stat_statements).
    For a transaction that has run nothing but SELECTs, COMMIT ends it exactly as ROLLBACK would (nothing to undo;
    its locks are released either way). Only a query built with select() counts as reading; any other statement —
    an INSERT, UPDATE, DELETE, a CTE, any text() or driver-level SQL, even one starting with SELECT — makes the
    transaction end by ROLLBACK as before, as does a transaction in error. (The platform's select() queries call no
    function that writes; one that did, e.g. set_config, would be kept.)"""
    from psycopg.pq import TransactionStatus

    dialect = engine.dialect
    rollback, commit = dialect.do_rollback, dialect.do_commit

    @event.listens_for(engine, "before_cursor_execute")
    def _note_writes(conn: Any, _cursor: Any, statement: str, _parameters: Any, context: Any, _many: bool) -> None:
        compiled = getattr(context, "compiled", None)
        if not isinstance(getattr(compiled, "statement", None), Select) or statement.lstrip()[:6].upper() != "SELECT":
            conn.info[_WROTE] = True

    def only_read(dbapi_connection: Any) -> bool:
        try:
            wrote = dbapi_connection.info.pop(_WROTE, False)
        except NotImplementedError:  # the dialect's first look at the server, outside the pool: nothing to keep
            return False
        raw = getattr(dbapi_connection, "dbapi_connection", dbapi_connection)
        return not wrote and raw.info.transaction_status == TransactionStatus.INTRANS

    def do_rollback(dbapi_connection: Any) -> None:
        (commit if only_read(dbapi_connection) else rollback)(dbapi_connection)

    def do_commit(dbapi_connection: Any) -> None:
        only_read(dbapi_connection)  # forgets the transaction's writes
        commit(dbapi_connection)

    dialect.do_rollback = do_rollback  # type: ignore[method-assign]
    dialect.do_commit = do_commit  # type: ignore[method-assign]


def _describe_when_read(engine: Engine) -> None:
    """Build a result's column descriptions only when something reads them (PostgreSQL).

    SQLAlchemy asks the cursor for its `description` after every statement, but for a statement it has run before
    (every select() the platform builds is compiled once and cached) it already knows the result's columns and only
    checks that there is a result. psycopg builds the description as one Python object per column each time it is
    asked: for a status poll, 250 of psycopg's 388 Python calls and 7 % of the request's time (bench/request_costs.py's
    requests under cProfile and py-spy).
    The connections' cursors give the same description, built on first use instead of at once."""
    from types import SimpleNamespace

    import psycopg
    from psycopg import Column
    from psycopg.pq import ExecStatus

    with_rows = (ExecStatus.TUPLES_OK, ExecStatus.SINGLE_TUPLE, ExecStatus.TUPLES_CHUNK)

    class Columns(Sequence[Column]):
        """The result's `Column`s, made when first read, from the result as it was when described."""

        __slots__ = ("_columns", "_count", "_result")

        def __init__(self, result: SimpleNamespace, count: int) -> None:
            self._result, self._count = result, count
            self._columns: list[Column] | None = None

        def _made(self) -> list[Column]:
            if self._columns is None:
                self._columns = [Column(self._result, i) for i in range(self._count)]  # type: ignore[arg-type]
            return self._columns

        def __len__(self) -> int:
            return self._count

        def __getitem__(self, index: Any) -> Any:
            return self._made()[index]

        def __repr__(self) -> str:
            return repr(self._made())

    class DescribedWhenRead(psycopg.Cursor[Any]):
        @property
        def description(self) -> Any:
            result = self.pgresult
            if result and (result.nfields or result.status in with_rows):
                # what Column reads of a cursor, kept as it is now: the cursor's next statement replaces its result
                now = SimpleNamespace(pgresult=result, _encoding=self._encoding, adapters=self.adapters)
                return Columns(now, result.nfields)
            return None

    @event.listens_for(engine, "connect")
    def _cursors(dbapi_connection: Any, _record: Any) -> None:
        if dbapi_connection.cursor_factory is psycopg.Cursor:  # not one the database URL's settings chose
            dbapi_connection.cursor_factory = DescribedWhenRead


# Session.info key of the callable told, after a commit, the ids of the submissions that commit queued (the judging
# backend: it wakes in-process workers or publishes tasks). See assessment.judging.queue.
ON_QUEUED = "assessment.on_queued"


def autocommit(session: Session) -> None:
    """Run the session's statements, from here until its transaction ends, each on its own (autocommit): no BEGIN
    before them and no COMMIT after, on PostgreSQL two round trips to the server fewer, each of which a web thread
    under load also waits for a CPU and its process's GIL to come back from. Only for a request whose reads need no
    common snapshot and whose every write is one statement that stands alone (web.sessions registers the
    requests). Called before the session's first statement; after it, the transaction already begun goes on as
    it is. The connection is transactional again when it goes back to the pool; the session's next transaction
    is an ordinary one. On SQLite it does nothing: the database is in the process (no round trips), its driver
    begins a transaction only before a write, and setting the connection back would cost a statement."""
    if not session.in_transaction() and session.get_bind().dialect.name != "sqlite":
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


def end_autocommit(session: Session) -> None:
    """If the session runs each statement on its own (`autocommit`), end that here: its next statements run in an
    ordinary transaction, for writes that must stand or fall together. Refuses (RuntimeError) when ORM changes are
    pending, which ending it would write one statement at a time."""
    if not session.in_transaction():
        return
    if session.connection().get_execution_options().get("isolation_level") != "AUTOCOMMIT":
        return
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("ORM changes are pending in autocommit: write them after end_autocommit, in its transaction")
    session.commit()


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
