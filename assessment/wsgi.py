"""WSGI entry point for gunicorn (`gunicorn assessment.wsgi:app`). With ASSESSMENT_JUDGE_BACKEND=threads the judge
workers run inside this process; with `celery` they run in `celery -A assessment.judging.celery_app worker`."""
from __future__ import annotations

from . import create_app

app = create_app()
if app.extensions["assessment.settings"].judge_backend == "threads":
    from .judging.service import start_background_services

    start_background_services(app)
