"""Version 1 of the JSON API: health and the board export."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from . import board, health, languages  # noqa: F401  (routes register on bp)
    from .blueprint import bp

    app.register_blueprint(bp)
