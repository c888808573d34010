"""Candidate-facing pages: registration, invitations, applications and the timed test. Web area: routes and their
helpers only; the rules of an attempt live in assessment.attempts, those of an application in
assessment.applications."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from . import (  # noqa: F401  (routes register on bp)
        accounts,
        applying,
        coding,
        dashboard,
        essays,
        integrity,
        interview,
        request_rows,
        statements,
        test_taking,
        withdrawal,
    )
    from .blueprint import bp

    app.register_blueprint(bp)
