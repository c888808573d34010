from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import String, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

E = TypeVar("E", bound=StrEnum)


def utcnow() -> datetime:
    """Naive UTC timestamps are stored everywhere (SQLite has no time zones)."""
    return datetime.now(UTC).replace(tzinfo=None)


def table_of(model: Any) -> Table:
    """A model's Table, typed as one (for Core statements on it: no ORM work per execution)."""
    table: Table = model.__table__
    return table


class EnumText(TypeDecorator[E], Generic[E]):
    """A StrEnum stored as its string value in a VARCHAR column (no database enum type, so adding a member needs no
    migration). Writing a value that is not a member raises ValueError; reading one back gives the member."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int):
        super().__init__(length)
        self.enum = enum
        self.length = length

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> E | None:
        if value is None:
            return None
        return self.enum(value)

    def copy(self, **kw: Any) -> EnumText[E]:
        return EnumText(self.enum, self.length)
