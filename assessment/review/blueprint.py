"""The reviewers' blueprint; every review route module registers its views on it."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/review")
