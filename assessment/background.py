"""What a process runs besides answering requests: the judging backend's services (judge worker threads for the
embedded backend) and the deadline finaliser, which every web process runs (safe in several at once)."""

from __future__ import annotations

from flask import Flask

from .attempts.finalize import start_finalizer, stop_finalizer
from .judging.backends import JudgeBackend


def start_background_services(app: Flask) -> None:
    """Start the app's judging backend services and the finaliser (idempotent); `stop_background_services` stops
    them (also available as `app.stop_background_services()`)."""
    backend: JudgeBackend = app.extensions["assessment.judge_backend"]
    backend.start_services(app)
    start_finalizer(app)  # auto-submits and finalises attempts whose time ran out
    app.stop_background_services = lambda: stop_background_services(app)  # type: ignore[attr-defined]


def stop_background_services(app: Flask) -> None:
    stop_finalizer(app)
    backend: JudgeBackend = app.extensions["assessment.judge_backend"]
    backend.stop_services(app)
