"""Reviewer views, one module per job (each registers its routes on the review blueprint)."""
from . import queue, grading, submissions, board, decisions, report, accounts  # noqa: F401
