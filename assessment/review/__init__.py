"""Reviewer pages: blind essay grading, submissions, similarity, the selection board and reports."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/review")


def register(app) -> None:
    from . import views  # noqa: F401

    app.register_blueprint(bp)
