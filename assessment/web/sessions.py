"""Signed-in sessions, checked on every request.

Flask-Login keeps one string in the session cookie (and, with "keep me signed in", in the remember-me cookie): the
session id made here at sign-in, `<user id>.<generation>.<issued at>.<r|s>.<nonce>`. Both cookies are signed with
the secret key, so the id cannot be forged or its dates changed. `load_user` accepts it only when

- the user exists and is active;
- its generation equals the user's `session_generation`. The generation rises on sign-out, on a password change or
  reset, on deactivation and on a role change (models.users), so every other session and remember-me cookie of that
  user ends at its very next request;
- it has not expired: a remembered session `remember_days` after sign-in, any other `session_idle_hours` after its
  last request (its id is re-issued with a new time as requests come, at most every few minutes).

Signing in always starts a new session: the old session cookie's contents (CSRF secret, messages) are dropped and the
id is new, so nothing planted before sign-in survives it."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from flask import Response, g, request
from flask import session as cookie_session
from flask_login import current_user, login_user, logout_user
from sqlalchemy import update
from sqlalchemy.orm import Session

from ..db import autocommit
from ..extensions import session as db_session
from ..extensions import settings
from ..models import User

REISSUE_AFTER_SECONDS = 300
_FORMAT = re.compile(r"^(\d{1,12})\.(\d{1,9})\.(\d{1,12})\.([rs])\.([0-9a-f]{16})$")


@dataclass(frozen=True)
class SessionId:
    user_id: int
    generation: int
    issued: int  # epoch seconds
    remember: bool
    nonce: str

    def encode(self) -> str:
        return f"{self.user_id}.{self.generation}.{self.issued}.{'r' if self.remember else 's'}.{self.nonce}"

    @classmethod
    def parse(cls, value: object) -> SessionId | None:
        match = _FORMAT.match(value) if isinstance(value, str) else None
        if match is None:
            return None
        return cls(int(match[1]), int(match[2]), int(match[3]), match[4] == "r", match[5])

    def expires_at(self) -> float:
        config = settings()
        lifetime = config.remember_days * 86400 if self.remember else config.session_idle_hours * 3600
        return self.issued + lifetime


def _attach(user: User, session_id: SessionId) -> None:
    user._session_id = session_id.encode()  # what User.get_id() hands to flask-login
    g._assessment_session = session_id


def sign_in(user: User, *, remember: bool = False) -> bool:
    """Start a new session for `user` in this browser (False when the account is deactivated)."""
    if not user.active:
        return False
    cookie_session.clear()  # nothing from before the sign-in (CSRF secret, messages) survives it
    if not remember:
        cookie_session["_remember"] = "clear"  # and no remember-me cookie of an earlier session either
    _attach(user, SessionId(user.id, user.session_generation or 0, int(time.time()), remember, secrets.token_hex(8)))
    return bool(
        login_user(user, remember=remember, duration=timedelta(days=settings().remember_days) if remember else None)
    )


def end_all_sessions(user: User) -> None:
    """End every session and remember-me cookie of `user` (committed)."""
    db = db_session()
    db.execute(
        update(User)
        .where(User.id == user.id)
        .values(session_generation=User.session_generation + 1)
        .execution_options(synchronize_session=False)
    )
    db.commit()
    db.refresh(user)


def sign_out() -> None:
    """Sign out here and everywhere else: the user's other sessions and remember-me cookies end too."""
    if current_user.is_authenticated:
        end_all_sessions(current_user._get_current_object())
    cookie_session.clear()
    logout_user()  # also deletes this browser's remember-me cookie


def current_session() -> SessionId | None:
    return g.get("_assessment_session")


def keep_signed_in(user: User) -> None:
    """After a change that ended every session of `user` (e.g. their own password change): a new session here."""
    current = current_session()
    sign_in(user, remember=bool(current and current.remember))


# The user with the rows a request needs, in one query. The most frequent requests (a test's autosaves and status
# polls) need, besides the signed-in user, a few rows of their own: the application, its attempt and position, the
# problem. An area registers for such an endpoint a function that reads the user together with those rows into the
# request's database session and returns them; `load_user` calls it in place of reading the user alone, and the view
# then finds each row by its key (Session.get) without a query of its own. It decides nothing: the user is checked
# below as always, and the view checks its rows as always (a row the function did not find is read as before).
UserWithRows = Callable[[Session, int, dict[str, Any]], tuple[Any, ...] | None]
_USER_WITH_ROWS: dict[str, UserWithRows] = {}
# Endpoints whose statements run each on its own (db.autocommit): registered with autocommit=True by an area whose
# view, on every path, reads without needing one snapshot and writes nothing or one statement that stands alone.
_AUTOCOMMIT: set[str] = set()


def read_user_with_rows(*endpoints: str, autocommit: bool = False) -> Callable[[UserWithRows], UserWithRows]:
    """Register `function(db, user_id, view_args)` for these endpoints (see above); `autocommit`: their requests
    run each statement on its own (db.autocommit), which only a view that writes at most one statement may ask."""

    def register(function: UserWithRows) -> UserWithRows:
        for endpoint in endpoints:
            _USER_WITH_ROWS[endpoint] = function
            if autocommit:
                _AUTOCOMMIT.add(endpoint)
        return function

    return register


def _read_user(user_id: int) -> User | None:
    db = db_session()
    endpoint = request.endpoint or ""
    with_rows = _USER_WITH_ROWS.get(endpoint)
    if with_rows is not None:
        if endpoint in _AUTOCOMMIT:
            autocommit(db)
        try:
            # The session keeps rows only while something refers to them: the request does, until it ends.
            g._assessment_rows = with_rows(db, user_id, request.view_args or {})
        except Exception:  # noqa: BLE001 - the view reads its rows itself and meets the error there
            # e.g. an id in the URL beyond what the column holds: read the user alone, and let the view meet the
            # error as it would have (inside the user loader it would also break the error page, which asks who
            # the user is to choose its language)
            db.rollback()
    return db.get(User, user_id)


def load_user(value: str) -> User | None:
    """flask-login's user loader: the user of a valid, current, unexpired session id; None otherwise."""
    session_id = SessionId.parse(value)
    user = None
    if session_id is not None and time.time() < session_id.expires_at():
        user = _read_user(session_id.user_id)
        if user is not None and (not user.active or user.session_generation != session_id.generation):
            user = None
    if user is None or session_id is None:
        cookie_session.pop("_user_id", None)
        cookie_session["_remember"] = "clear"  # a remember-me cookie of an ended session is deleted, not retried
        return None
    _attach(user, session_id)
    return user


def refresh_idle_session(response: Response) -> Response:
    """after_request: re-issue the id of an active session without "keep me signed in" (its idle clock restarts)."""
    session_id = g.get("_assessment_session")
    if session_id is None or session_id.remember or cookie_session.get("_user_id") != session_id.encode():
        return response
    now = int(time.time())
    if now - session_id.issued >= REISSUE_AFTER_SECONDS:
        cookie_session["_user_id"] = replace(session_id, issued=now).encode()
    return response
