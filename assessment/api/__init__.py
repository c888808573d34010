"""JSON API for integrations (applicant-tracking systems), versioned under /api/v1."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from . import v1

    v1.register(app)
