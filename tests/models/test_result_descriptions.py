"""On PostgreSQL a result's column descriptions are built when something reads them: a select() the platform has run
before (its columns known to SQLAlchemy) builds none, and anything that reads a description gets the same one as
psycopg gives."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import Integer, String, column, select, table, text

from assessment import db
from tests.conftest import postgres_database


@pytest.fixture
def engine(postgres_server):
    made = db.make_engine(postgres_database(postgres_server, "describe"))
    yield made
    made.dispose()


@pytest.fixture
def columns_built(monkeypatch):
    built: list[str] = []
    original = psycopg.Column.__init__

    def counting(self, cursor, index):
        original(self, cursor, index)
        built.append(self.name)

    monkeypatch.setattr(psycopg.Column, "__init__", counting)
    return built


def test_a_repeated_select_builds_no_column_descriptions(engine, columns_built):
    rows = table("rows", column("id", Integer), column("name", String))
    with engine.connect() as conn:
        conn.execute(text("CREATE TEMPORARY TABLE rows (id integer, name text)"))
        conn.execute(text("INSERT INTO rows VALUES (1, 'one'), (2, 'two')"))
        query = select(rows.c.id, rows.c.name).where(rows.c.id == 2)
        assert conn.execute(query).one() == (2, "two")  # the first run: SQLAlchemy learns the columns
        columns_built.clear()
        for _ in range(3):
            result = conn.execute(query)
            assert result.keys() == ["id", "name"]
            assert result.one() == (2, "two")
        assert columns_built == []


def test_a_description_that_is_read_is_psycopgs_own(engine):
    with engine.connect() as conn:
        result = conn.execute(text("SELECT 1 AS one, 'x'::text AS two, now() AS three"))
        assert result.keys() == ["one", "two", "three"]
        assert result.one()[:2] == (1, "x")
        cursor = conn.connection.dbapi_connection.cursor()
        cursor.execute("SELECT 1 AS one, 'x'::text AS two")
        described = cursor.description
        plain = psycopg.Cursor(conn.connection.dbapi_connection)
        plain.execute("SELECT 1 AS one, 'x'::text AS two")
        assert len(described) == 2
        assert [tuple(c) for c in described] == [tuple(c) for c in plain.description]  # name, type, sizes ...
        assert described[-1].name == "two" and described[0:1][0].name == "one"
        # read after the cursor ran something else, it still describes its own result
        cursor.execute("SELECT 'later' AS later")
        assert [c.name for c in described] == ["one", "two"]
        cursor.execute("SET search_path TO public")  # no result: no description
        assert cursor.description is None
        plain.close()
        cursor.close()
