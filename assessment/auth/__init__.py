"""Sign-in, sign-out and password reset for every role (registration lives with the candidate pages)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from . import login, password  # noqa: F401  (routes register on bp)
    from .blueprint import bp

    app.register_blueprint(bp)
