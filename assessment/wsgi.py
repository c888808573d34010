"""WSGI entry point for gunicorn (`gunicorn assessment.wsgi:app`). With ASSESSMENT_JUDGE_BACKEND=threads the judge
workers run inside this process; with `celery` they run in `celery -A assessment.judging.celery_app worker`.
Either way each web process runs the deadline finaliser (safe to run in several processes at once)."""
from __future__ import annotations

from . import create_app

app = create_app()
if app.extensions["assessment.settings"].judge_backend == "threads":
    from .judging.service import start_background_services

    start_background_services(app)
else:
    from .candidate.finalize import start_finalizer

    start_finalizer(app)
