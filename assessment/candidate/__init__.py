"""Candidate-facing pages: registration, invitations, applications and the timed test."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("candidate", __name__)


def register(app) -> None:
    from . import accounts, applying, dashboard, test_taking, coding, essays, integrity, statements  # noqa: F401

    app.register_blueprint(bp)
