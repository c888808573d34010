"""The sign-in blueprint (every role)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("auth", __name__)
