"""WSGI entry point for a WSGI server of the operator's choice (`assessment run` is the platform's own). The judging backend chosen by
ASSESSMENT_JUDGE_BACKEND starts what it runs in a web process: with `threads` the judge workers and the deadline
finaliser, with `celery` only the finaliser (the judges are `celery -A assessment.celery_worker worker`).
Each web process runs the finaliser; that is safe in several processes at once."""

from __future__ import annotations

from . import create_app
from .heap import freeze_startup_objects

app = create_app(start_workers=True)
freeze_startup_objects()
