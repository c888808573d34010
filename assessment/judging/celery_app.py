"""The scale-out judge backend: Celery with a Redis broker carries judge jobs to worker processes on any number of
hosts (each with its own Docker engine). Start a worker with

    ASSESSMENT_BROKER_URL=redis://... DATABASE_URL=postgresql+psycopg://... ASSESSMENT_JUDGE_BACKEND=celery \
        celery -A assessment.celery_worker worker --concurrency 2

Importing this module builds nothing: `CeleryBackend(settings)` is made by the backend registry (web processes) or by
the worker entry point `assessment.celery_worker`.

The database stays the source of truth, and its queue decides the order. A task is one turn of a judge: the worker
claims the first queued submission in the queue's order (`queue.claim_next`: sample runs first, candidates taking
turns), exactly as the in-process workers do, not necessarily the one whose id the message carries (the id is
logged with the turn). The broker's first-in, first-out order would let one candidate's burst, or a wave of
submissions, go ahead of everyone's sample runs, and what a waiting candidate is told ("n ahead") would not be the
judges' order. One task is published per queued submission, so every submission gets a turn; a claim is the same
compare-and-set as the in-process workers', so a duplicated or redelivered message is harmless (it judges the next
submission, or finds the queue empty), and a result is stored only while the claim is held. Messages are acknowledged
after the task ran (`acks_late`) and given back when a worker process dies (`reject_on_worker_lost`). If a whole
worker host dies, its claims expire and the sweeper (one thread in every worker) puts those submissions back in the
queue and publishes them again; it also republishes submissions whose message was lost (broker restarted without
persistence, web process unable to reach the broker when the candidate submitted).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from celery import Celery, Task, signals

from ..config import Settings
from ..db import Database
from .queue import mark_dispatched, requeue_expired, stale_queued

if TYPE_CHECKING:
    from flask import Flask

log = logging.getLogger("assessment.judging.celery")

JUDGE_TASK = "assessment.judge"
DEFAULT_BROKER = "redis://127.0.0.1:6379/0"
SWEEP_INTERVAL_S = 5.0
REDISPATCH_AFTER_S = 120.0


def make_celery(broker_url: str) -> Celery:
    app = Celery("assessment", broker=broker_url)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_ignore_result=True,
        worker_prefetch_multiplier=1,
        task_default_queue="judge",
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        broker_transport_options={"visibility_timeout": 600},
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
    )
    return app


def _pool_slot() -> int | None:
    """This pool process's index (0 .. concurrency-1): its worker slot, which pins its runs to a core of its own."""
    from billiard.process import current_process

    index = getattr(current_process(), "index", None)
    return index if isinstance(index, int) else None


class CeleryBackend:
    """Publishes one task per queued submission; `worker_app()` is the Celery app a worker process runs."""

    name = "celery"

    def __init__(self, settings: Settings):
        self.settings = settings
        self.celery = make_celery(settings.broker_url or DEFAULT_BROKER)
        self._database: Database | None = None
        self._database_lock = threading.Lock()
        self._sweeper: Sweeper | None = None

    # --- both sides ------------------------------------------------------------------------------------------------

    def database(self) -> Database:
        """This process's own engine (made on first use, so a forked worker process never shares a connection)."""
        with self._database_lock:
            if self._database is None:
                self._database = Database(self.settings.database_url)
            return self._database

    def publish(self, submission_ids: list[int]) -> int:
        """Send judge tasks (one per id: one judge's turn each); a broker outage is logged, not raised (the sweeper
        republishes later)."""
        sent = 0
        for submission_id in submission_ids:
            try:
                self.celery.send_task(
                    JUDGE_TASK,
                    (submission_id,),
                    retry=True,
                    retry_policy={"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5},
                )
                sent += 1
            except Exception as exc:  # noqa: BLE001 - broker down: the sweeper republishes later
                log.warning("could not publish judge task for submission %s: %s", submission_id, exc)
                break
        if sent:
            mark_dispatched(self.database(), submission_ids[:sent])
        return sent

    # --- web side --------------------------------------------------------------------------------------------------

    def submitted(self, submission_ids: list[int]) -> None:
        self.publish(submission_ids)

    def start_services(self, app: Flask) -> None:
        """Nothing: judging happens in the Celery workers."""

    def stop_services(self, app: Flask) -> None:
        """Nothing to stop."""

    # --- worker side -----------------------------------------------------------------------------------------------

    def worker_app(self) -> Celery:
        """The Celery app with the judge task registered and the sweeper started when the worker is ready."""
        backend = self

        @self.celery.task(name=JUDGE_TASK, bind=True, max_retries=None)
        def judge_task(self: Task, submission_id: int) -> str:  # type: ignore[type-arg]
            """One turn: judge the first submission in the queue's order (see the module's docstring)."""
            from .worker import judge_next_now, new_worker_id

            outcome = judge_next_now(
                backend.database(), new_worker_id("celery"), backend.settings.judge_lease_s, slot=_pool_slot()
            )
            log.debug("judge turn published for submission %s: %s", submission_id, outcome)
            if outcome == "unavailable":  # Docker down or the machine too busy: queued again, "Waiting for the judge"
                raise self.retry(countdown=min(30, 2 ** min(self.request.retries, 5)))
            return outcome

        signals.worker_ready.connect(self._start_sweeper, weak=False, dispatch_uid="assessment.sweeper.start")
        signals.worker_shutdown.connect(self._stop_sweeper, weak=False, dispatch_uid="assessment.sweeper.stop")
        return self.celery

    def sweep_once(self) -> int:
        """Re-queue expired claims and republish submissions that have waited too long without a worker."""
        with self.database().new_session() as session:
            requeue_expired(session)
            ids = stale_queued(session, REDISPATCH_AFTER_S)
        return self.publish(ids) if ids else 0

    def _start_sweeper(self, **_kwargs: Any) -> None:
        if self._sweeper is not None:
            return
        from ..logging_setup import configure

        configure()
        try:
            from sandbox.janitor import clean

            clean()
        except Exception as exc:  # noqa: BLE001 - Docker may be down at start; judging waits for it
            log.warning("sandbox clean-up at start failed: %s", exc)
        self._sweeper = Sweeper(self)
        self._sweeper.start()

    def _stop_sweeper(self, **_kwargs: Any) -> None:
        if self._sweeper is not None:
            self._sweeper.stop_event.set()


class Sweeper(threading.Thread):
    def __init__(self, backend: CeleryBackend, interval_s: float = SWEEP_INTERVAL_S):
        super().__init__(name="judge-sweeper", daemon=True)
        self.backend = backend
        self.interval_s = interval_s
        self.stop_event = threading.Event()

    def run(self) -> None:
        while not self.stop_event.wait(self.interval_s):
            try:
                self.backend.sweep_once()
            except Exception as exc:  # noqa: BLE001 - database or broker restarting: try again next round
                log.warning("judge sweep failed: %s", exc)
