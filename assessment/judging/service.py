"""In-process judging for the embedded setup: `settings.judge_workers` JudgeWorker threads plus a housekeeping
thread that re-queues submissions whose worker died (expired lease) and cleans leftover sandbox containers."""

from __future__ import annotations

import logging
import threading

from ..db import Database
from .queue import enqueue, requeue_expired  # noqa: F401  (enqueue re-exported for the candidate pages)
from .worker import DEFAULT_LEASE_S, JudgeWorker, judge_submission_now, new_worker_id  # noqa: F401

log = logging.getLogger("assessment.judging")

HOUSEKEEPING_INTERVAL_S = 5.0


class JudgeService:
    def __init__(
        self,
        database: Database,
        workers: int,
        lease_s: float = DEFAULT_LEASE_S,
        clean_sandbox: bool = True,
        housekeeping_s: float = HOUSEKEEPING_INTERVAL_S,
    ):
        self.database = database
        self.lease_s = lease_s
        self.clean_sandbox = clean_sandbox
        self.housekeeping_s = housekeeping_s
        base = new_worker_id()
        self.workers = [
            JudgeWorker(database, f"{base}/{i}", lease_s, name=f"judge-worker-{i}", slot=i) for i in range(workers)
        ]
        self._stop = threading.Event()
        self._housekeeper = threading.Thread(target=self._housekeeping, name="judge-housekeeping", daemon=True)

    def start(self) -> JudgeService:
        self._housekeeper.start()
        for worker in self.workers:
            worker.start()
        log.info("judging started: %d worker(s)", len(self.workers))
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        for worker in self.workers:
            worker.stop()
        for worker in self.workers:
            worker.join(timeout)
        self._housekeeper.join(timeout)

    def _housekeeping(self) -> None:
        if self.clean_sandbox:
            try:
                from sandbox.janitor import clean

                removed = clean()
                if removed:
                    log.info("removed %d leftover sandbox container(s)", removed)
            except Exception as exc:  # Docker may be down at start; the workers wait for it
                log.warning("sandbox clean-up at start failed: %s", exc)
        while True:
            try:
                with self.database.new_session() as session:
                    requeue_expired(session)
            except Exception:
                log.exception("re-queueing expired submissions failed")
            if self._stop.wait(self.housekeeping_s):
                return


def start_background_services(app, workers: int | None = None, lease_s: float | None = None) -> JudgeService:
    """Start judge workers and housekeeping for `app` (idempotent). `app.stop_background_services()` stops them."""
    existing = app.extensions.get("assessment.judge_service")
    if existing is not None:
        return existing
    settings = app.extensions["assessment.settings"]
    database = app.extensions["assessment.db"]
    count = settings.judge_workers if workers is None else workers
    lease = lease_s if lease_s is not None else float(settings.extra.get("JUDGE_LEASE_SECONDS", DEFAULT_LEASE_S))
    service = JudgeService(database, count, lease).start()
    app.extensions["assessment.judge_service"] = service
    from ..candidate.finalize import start_finalizer, stop_finalizer

    start_finalizer(app)  # auto-submits and finalises attempts whose time ran out

    def stop_background_services() -> None:
        stop_finalizer(app)
        service.stop()
        app.extensions.pop("assessment.judge_service", None)

    app.stop_background_services = stop_background_services
    return service
