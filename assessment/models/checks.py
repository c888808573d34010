"""The stored strings of every enum column are members of their enum (assessment/enums.py). Rows store plain string
values, so a value written by an older or newer version, or by hand, is found here with the fix, instead of failing
later on the page that loads it."""

from __future__ import annotations

from sqlalchemy import String, select, type_coerce

from ..db import Base, Database
from ._common import EnumText


def invalid_stored_values(database: Database) -> list[str]:
    """One line per unknown stored value: table.column, the value, the enum and where it is defined."""
    problems: list[str] = []
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if not isinstance(column.type, EnumText):
                    continue
                enum = column.type.enum
                allowed = {member.value for member in enum}
                raw = type_coerce(column, String)
                for value in connection.scalars(select(raw).where(raw.is_not(None)).distinct()):
                    if value not in allowed:
                        problems.append(
                            f"{table.name}.{column.name} holds {value!r}, which is not a {enum.__name__} "
                            f"({', '.join(sorted(allowed))}; defined in assessment/enums.py)"
                        )
    return problems


def require_valid_stored_values(database: Database) -> None:
    problems = invalid_stored_values(database)
    if problems:
        raise SystemExit(
            "The database holds values this version of the platform does not know:\n  "
            + "\n  ".join(problems)
            + "\nCorrect those rows (or add the value to its enum in assessment/enums.py), then start again."
        )
