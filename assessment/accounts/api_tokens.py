"""Bearer tokens for the JSON API: created by an administrator (admin page or `assessment api-token create`) with
scopes and an expiry, shown once, stored only as a sha256, revocable. Scopes are `TokenScope`: `board:read` (selection
boards), `metrics:read` (the Prometheus metrics) and `admin` (everything, including the health details)."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..enums import TokenScope
from ..models import ApiToken, audit, utcnow

PREFIX = "asm_"
MAX_DAYS = 730


class TokenRequestError(ValueError):
    """What is wrong with a token request (name, scopes, lifetime); the message names the fix."""


@dataclass(frozen=True)
class Refusal:
    message: str
    status: int = 401  # 403 when the token is valid but lacks the scope


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _choices() -> str:
    return " or ".join(scope.value for scope in TokenScope)


def parse_scopes(values: Iterable[str]) -> list[str]:
    scopes: list[str] = []
    for value in values:
        for name in value.replace(",", " ").split():
            try:
                scope = TokenScope(name)
            except ValueError:
                raise TokenRequestError(
                    gettext("Unknown scope %(scope)s: use %(choices)s.", scope=repr(name), choices=_choices())
                ) from None
            if scope.value not in scopes:
                scopes.append(scope.value)
    if not scopes:
        raise TokenRequestError(gettext("Choose at least one scope: %(choices)s.", choices=_choices()))
    return scopes


def create_token(db: Session, name: str, scopes: Iterable[str], days: int, actor: Any = None) -> tuple[ApiToken, str]:
    """A new token (committed) and its secret, which is shown once and never stored."""
    name = " ".join((name or "").split())[:200]
    if not name:
        raise TokenRequestError(gettext("Name the token after what uses it, e.g. the applicant-tracking system."))
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise TokenRequestError(gettext("A token lives between 1 and %(max)d days.", max=MAX_DAYS))
    secret = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        name=name,
        token_hash=hash_token(secret),
        scopes=parse_scopes(scopes),
        created_by_id=getattr(actor, "id", None),
        expires_at=utcnow() + timedelta(days=days),
    )
    db.add(row)
    db.flush()
    audit(
        db,
        "api_token.create",
        actor=actor,
        target=row,
        name=row.name,
        scopes=row.scopes,
        expires_at=row.expires_at.isoformat(),
    )
    db.commit()
    return row, secret


def revoke_token(db: Session, row: ApiToken, actor: Any = None) -> None:
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        audit(db, "api_token.revoke", actor=actor, target=row, name=row.name)
        db.commit()


def authenticate(db: Session, header: str, scope: TokenScope) -> ApiToken | Refusal:
    """The token in an `Authorization: Bearer ...` header if it is valid and carries `scope`."""
    kind, _, token = (header or "").partition(" ")
    if kind.lower() != "bearer" or not token.strip():
        return Refusal(
            "Send Authorization: Bearer <token> (an administrator creates one on the API tokens page "
            "or with `assessment api-token create`)."
        )
    row = db.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token.strip())))
    if row is None or row.revoked_at is not None:
        return Refusal("The token is invalid or revoked.")
    now = utcnow()
    if row.expires_at <= now:
        return Refusal(f"The token expired on {row.expires_at:%Y-%m-%d %H:%M} UTC; ask an administrator for a new one.")
    if not row.allows(scope):
        return Refusal(f"The token's scopes ({', '.join(row.scopes)}) do not include {scope}.", 403)
    row.last_used_at = now
    db.commit()
    return row
