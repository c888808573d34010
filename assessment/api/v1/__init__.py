from __future__ import annotations

from flask import Blueprint

from ...extensions import csrf

bp = Blueprint("api_v1", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # bearer-token API: no cookies, no CSRF

from . import board, health, languages  # noqa: E402,F401
