"""Sign-in, sign-out, password reset and the signed-in user's own password and profile (language), for every role (registration lives with
the candidate pages). Sessions are checked on every request (web/sessions.py); limits are in web/limits.py."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from . import account, login, password, profile, timezone  # noqa: F401  (routes register on bp)
    from .blueprint import bp

    app.register_blueprint(bp)
