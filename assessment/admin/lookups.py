"""Objects the administration pages address by URL."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select

from ..extensions import session
from ..models import Position


def position_or_404(slug: str) -> Position:
    """The position with this slug (retired ones included: administrators still manage them), else 404."""
    position = session().scalar(select(Position).where(Position.slug == slug))
    if position is None:
        abort(404)
    return position
