"""How queued submissions reach a judge: one registry of backends, chosen by `settings.judge_backend`.

The web app (`assessment.create_app`) and the worker entry points (`assessment worker`,
`assessment.celery_worker`) build the backend explicitly; importing this module wires nothing.

- threads  embedded default: judge worker threads in the same process; a commit that queued work wakes them.
- celery   scale-out: each queued submission is published as a task to the broker; Celery workers on any number
           of hosts judge them (assessment.judging.celery_app).

Adding a backend is one class with the `JudgeBackend` methods and one entry in `BACKENDS`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from ..config import Settings, SettingsError

if TYPE_CHECKING:
    from flask import Flask


class JudgeBackend(Protocol):
    name: str

    def submitted(self, submission_ids: list[int]) -> None:
        """Called after a commit with the ids of the submissions it queued."""

    def start_services(self, app: Flask) -> None:
        """Start what this backend runs inside a web process (the thread backend: its judge workers)."""

    def stop_services(self, app: Flask) -> None:
        """Stop what `start_services` started."""


class ThreadsBackend:
    """Judge worker threads in this process. `wake` is set when new work is committed, so idle workers start at
    once instead of at their next poll."""

    name = "threads"

    def __init__(self, settings: Settings):
        self.settings = settings
        self.wake = threading.Event()

    def submitted(self, submission_ids: list[int]) -> None:
        self.wake.set()

    def start_services(self, app: Flask) -> None:
        from .service import start_judge_service

        start_judge_service(app)

    def stop_services(self, app: Flask) -> None:
        from .service import stop_judge_service

        stop_judge_service(app)


def _celery_backend(settings: Settings) -> JudgeBackend:
    from .celery_app import CeleryBackend

    return CeleryBackend(settings)


BACKENDS: dict[str, Callable[[Settings], JudgeBackend]] = {
    "threads": ThreadsBackend,
    "celery": _celery_backend,
}


def backend_for(settings: Settings) -> JudgeBackend:
    """The backend named by ASSESSMENT_JUDGE_BACKEND."""
    factory = BACKENDS.get(settings.judge_backend)
    if factory is None:
        raise SettingsError(
            f"ASSESSMENT_JUDGE_BACKEND={settings.judge_backend!r} is not valid: use one of {', '.join(BACKENDS)}."
        )
    return factory(settings)
