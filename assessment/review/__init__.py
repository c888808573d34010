"""Reviewer pages: blind essay grading, submissions, similarity, the selection board and reports. Web area: routes and
their helpers only; scores, the board, decisions and the grading queue live in assessment.selection."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from . import (  # noqa: F401  (routes register on bp)
        accounts,
        board,
        decisions,
        grading,
        interviews,
        playback,
        queue,
        report,
        screening,
        statistics,
        submissions,
    )
    from .blueprint import bp

    app.register_blueprint(bp)
