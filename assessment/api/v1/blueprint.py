"""The /api/v1 blueprint: bearer-token JSON API, no cookies, so no CSRF."""

from __future__ import annotations

from flask import Blueprint

from ...extensions import csrf

bp = Blueprint("api_v1", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
