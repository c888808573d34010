"""The scale-out judge backend: Celery with a Redis broker carries judge jobs to worker processes on any number of
hosts (each with its own Docker engine). Start a worker with

    ASSESSMENT_BROKER_URL=redis://... DATABASE_URL=postgresql+psycopg://... \
        celery -A assessment.judging.celery_app worker --concurrency 2

The database stays the source of truth. A task only carries a submission id; the worker claims the row with the
same compare-and-set as the in-process workers, so a duplicated or redelivered message is harmless (the claim
fails and nothing is judged twice), and a result is stored only while the claim is held. Messages are acknowledged
after the task ran (`acks_late`) and given back when a worker process dies (`reject_on_worker_lost`). If a whole
worker host dies, its claims expire and the sweeper (one thread in every worker) puts those submissions back in the
queue and publishes them again; it also republishes submissions whose message was lost (broker restarted without
persistence, web process unable to reach the broker when the candidate submitted).
"""

from __future__ import annotations

import logging
import threading

from celery import Celery, signals

from ..config import Settings
from ..db import Database

log = logging.getLogger("assessment.judging.celery")

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


_settings = Settings.from_env()
celery = make_celery(_settings.broker_url or "redis://127.0.0.1:6379/0")
_database: Database | None = None
_database_url = _settings.database_url
_database_lock = threading.Lock()


def configure(broker_url: str | None = None, database_url: str | None = None) -> None:
    """Point this process's Celery app at another broker/database (the web app calls this with its settings)."""
    global _database, _database_url
    if broker_url:
        celery.conf.broker_url = broker_url
    if database_url and database_url != _database_url:
        with _database_lock:
            _database_url = database_url
            _database = None


def database() -> Database:
    global _database
    with _database_lock:
        if _database is None:
            _database = Database(_database_url)
        return _database


def _slot() -> int | None:
    """This pool process's index (0 .. concurrency-1): its worker slot, which pins its runs to a core of its own."""
    from billiard.process import current_process

    index = getattr(current_process(), "index", None)
    return index if isinstance(index, int) else None


@celery.task(name="assessment.judge", bind=True, max_retries=None)
def judge_task(self, submission_id: int) -> str:
    from .worker import judge_submission_now, new_worker_id

    outcome = judge_submission_now(database(), submission_id, new_worker_id("celery"), slot=_slot())
    if outcome == "unavailable":  # Docker engine down: the row is queued again with "Waiting for the judge"
        raise self.retry(countdown=min(30, 2 ** min(self.request.retries, 5)))
    return outcome


def publish(submission_ids: list[int]) -> int:
    """Send judge tasks; a broker outage is logged, not raised (the sweeper republishes later)."""
    sent = 0
    for submission_id in submission_ids:
        try:
            judge_task.apply_async(
                (submission_id,),
                retry=True,
                retry_policy={"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5},
            )
            sent += 1
        except Exception as exc:  # noqa: BLE001
            log.warning("could not publish judge task for submission %s: %s", submission_id, exc)
            break
    if sent:
        from .dispatch import mark_dispatched

        mark_dispatched(database(), submission_ids[:sent])
    return sent


def sweep_once(db: Database) -> int:
    """Re-queue expired claims and republish submissions that have waited too long without a worker."""
    from .dispatch import stale_queued
    from .queue import requeue_expired

    with db.new_session() as session:
        requeue_expired(session)
        ids = stale_queued(session, REDISPATCH_AFTER_S)
    return publish(ids) if ids else 0


class Sweeper(threading.Thread):
    def __init__(self, db: Database, interval_s: float = SWEEP_INTERVAL_S):
        super().__init__(name="judge-sweeper", daemon=True)
        self.db = db
        self.interval_s = interval_s
        self.stop_event = threading.Event()

    def run(self) -> None:
        while not self.stop_event.wait(self.interval_s):
            try:
                sweep_once(self.db)
            except Exception as exc:  # noqa: BLE001 - database or broker restarting: try again next round
                log.warning("judge sweep failed: %s", exc)


_sweeper: Sweeper | None = None


@signals.worker_ready.connect
def _start_sweeper(**_kwargs) -> None:
    global _sweeper
    if _sweeper is None:
        from ..logging_setup import configure

        configure()
        try:
            from sandbox.janitor import clean

            clean()
        except Exception as exc:  # noqa: BLE001
            log.warning("sandbox clean-up at start failed: %s", exc)
        _sweeper = Sweeper(database())
        _sweeper.start()


@signals.worker_shutdown.connect
def _stop_sweeper(**_kwargs) -> None:
    if _sweeper is not None:
        _sweeper.stop_event.set()
