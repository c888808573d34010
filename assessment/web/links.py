"""Where to send a signed-in person: their home page by role, and a `next` target only if it stays on this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for

from ..models import Role, User


def home_for(user: User) -> str:
    if user.role == Role.ADMIN:
        return url_for("admin.dashboard")
    if user.role == Role.REVIEWER:
        return url_for("review.home")
    return url_for("candidate.dashboard")


def safe_next(target: str | None) -> str | None:
    """`target` when it is a path on this site (never another host, scheme or protocol-relative URL)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
