"""Entry point for the `celery` command: `celery -A assessment.celery_worker worker ...`.

Like `assessment.wsgi` for a WSGI server, importing this module builds the app: the settings from the environment and the
Celery backend with its judge task and sweeper. Library code never imports it."""

from __future__ import annotations

from .config import Settings
from .heap import freeze_startup_objects
from .judging.celery_app import CeleryBackend

backend = CeleryBackend(Settings.from_env())
celery = backend.worker_app()
freeze_startup_objects()  # before the pool forks its processes
