"""Candidate-facing pages: registration, invitations, applications and the timed test."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("candidate", __name__)


def register(app) -> None:
    from . import accounts, applying, coding, dashboard, essays, integrity, statements, test_taking  # noqa: F401

    app.register_blueprint(bp)
