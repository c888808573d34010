from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ..db import Base
from ._common import utcnow

if TYPE_CHECKING:
    from .users import User


class AuditEntry(Base):
    """Append-only record of every consequential action (grades, decisions, extra time, releases, syncs)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(100), index=True)
    target_type: Mapped[str] = mapped_column(String(50), default="")
    target_id: Mapped[int | None]
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship()


def audit(session: Session, action: str, *, actor: Any = None, target: Any = None, **details: Any) -> AuditEntry:
    """Add an audit entry to the session (committed with the change it records)."""
    entry = AuditEntry(
        action=action,
        actor_id=getattr(actor, "id", actor),
        target_type=type(target).__name__ if target is not None else "",
        target_id=getattr(target, "id", None),
        details=details,
    )
    session.add(entry)
    return entry
