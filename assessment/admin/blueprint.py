"""The administrators' blueprint; every admin route module registers its views on it."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
