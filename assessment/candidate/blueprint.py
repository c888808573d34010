"""The candidates' blueprint; every candidate route module registers its views on it."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("candidate", __name__)
