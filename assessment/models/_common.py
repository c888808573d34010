from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    """Naive UTC timestamps are stored everywhere (SQLite has no time zones)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
