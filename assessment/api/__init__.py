"""Machine clients with bearer tokens: the JSON API for integrations (applicant-tracking systems), versioned under
/api/v1, and the Prometheus metrics at /metrics."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from . import v1
    from .metrics import bp as metrics_bp

    v1.register(app)
    app.register_blueprint(metrics_bp)
