"""Signed, expiring tokens for links sent by email (itsdangerous, keyed with the app's SECRET_KEY). Each purpose has
its own salt, so a token made for one purpose is never accepted for another."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

if TYPE_CHECKING:
    from .models import User


@dataclass(frozen=True)
class Purpose:
    name: str
    max_age_seconds: int

    @property
    def salt(self) -> str:
        return f"assessment.{self.name}"


CONFIRM_EMAIL = Purpose("confirm-email", 48 * 3600)
INVITATION = Purpose("invitation", 14 * 24 * 3600)
# Password reset links carry the account's credentials stamp (random, replaced whenever the password changes, see
# models/users.py): each link works once, stops working after any password change, and reveals nothing about it.
PASSWORD_RESET = Purpose("password-reset", 3600)
# The link in a new reviewer's welcome email, where they set their first password; single-use like PASSWORD_RESET.
REVIEWER_SET_PASSWORD = Purpose("reviewer-set-password", 7 * 24 * 3600)


class TokenError(Exception):
    """The token is forged, damaged, for another purpose (expired=False) or too old (expired=True)."""

    def __init__(self, message: str, *, expired: bool = False):
        super().__init__(message)
        self.expired = expired


def signing_keys() -> list[str]:
    """The keys a link may be signed with, oldest first: the fallbacks of a key rotation, then the current key (the
    only one that signs new links)."""
    return [*current_app.config.get("SECRET_KEY_FALLBACKS", []), current_app.config["SECRET_KEY"]]


def _serializer(purpose: Purpose, secret_key: str | None = None) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key or signing_keys(), salt=purpose.salt)


def make_token(purpose: Purpose, payload: dict[str, Any], *, secret_key: str | None = None) -> str:
    return _serializer(purpose, secret_key).dumps(payload)


def read_token(purpose: Purpose, token: str, *, secret_key: str | None = None) -> dict[str, Any]:
    try:
        data = _serializer(purpose, secret_key).loads(token, max_age=purpose.max_age_seconds)
    except SignatureExpired:
        raise TokenError("This link has expired.", expired=True) from None
    except BadSignature:
        raise TokenError("This link is not valid.") from None
    if not isinstance(data, dict):
        raise TokenError("This link is not valid.")
    return data


def set_password_token(user: User) -> str:
    """The reviewer welcome link's token: the user and their credentials stamp, replaced when a password is set, so it
    works once and reveals nothing derived from a password."""
    return make_token(REVIEWER_SET_PASSWORD, {"uid": user.id, "stamp": user.credentials_stamp})
