"""JSON API for integrations (applicant-tracking systems), versioned under /api/v1."""
from __future__ import annotations


def register(app) -> None:
    from .v1 import bp

    app.register_blueprint(bp)
