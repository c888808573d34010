"""Alembic migrations, applied programmatically (on start, and by `assessment db upgrade`)."""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config

from .db import Database

MIGRATIONS = files("assessment") / "migrations"  # shipped inside the package


def alembic_config(database: Database) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database.url.replace("%", "%%"))
    config.attributes["engine"] = database.engine
    return config


def upgrade(database: Database, revision: str = "head") -> None:
    command.upgrade(alembic_config(database), revision)


def current_revision(database: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
