"""In-process judging for the embedded setup: `settings.judge_workers` JudgeWorker threads plus a housekeeping
thread that re-queues submissions whose worker died (expired lease) and cleans leftover sandbox containers."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..db import Database
from .queue import requeue_expired
from .worker import DEFAULT_LEASE_S, JudgeWorker, new_worker_id

if TYPE_CHECKING:
    from flask import Flask

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
        wake: threading.Event | None = None,
        on_judged: Callable[[int], None] | None = None,
        poll_s: float | None = None,
    ):
        self.database = database
        self.lease_s = lease_s
        self.clean_sandbox = clean_sandbox
        self.housekeeping_s = housekeeping_s
        base = new_worker_id()
        wake = wake or threading.Event()
        self.workers = [
            JudgeWorker(
                database,
                f"{base}/{i}",
                lease_s,
                name=f"judge-worker-{i}",
                wake=wake,
                on_judged=on_judged,
                slot=i,
                **({"poll_s": poll_s} if poll_s is not None else {}),
            )
            for i in range(workers)
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
            except Exception as exc:  # noqa: BLE001 - Docker may be down at start; the workers wait for it
                log.warning("sandbox clean-up at start failed: %s", exc)
        while True:
            try:
                with self.database.new_session() as session:
                    requeue_expired(session)
            except Exception:
                log.exception("re-queueing expired submissions failed")
            if self._stop.wait(self.housekeeping_s):
                return


def start_judge_service(
    app: Flask,
    workers: int | None = None,
    lease_s: float | None = None,
    on_judged: Callable[[int], None] | None = None,
    poll_s: float | None = None,
) -> JudgeService:
    """Start judge workers and housekeeping for `app` (idempotent); `stop_judge_service` stops them. The workers wake
    on the thread backend's event when new work is committed."""
    existing: JudgeService | None = app.extensions.get("assessment.judge_service")
    if existing is not None:
        return existing
    settings = app.extensions["assessment.settings"]
    database = app.extensions["assessment.db"]
    count = settings.judge_workers if workers is None else workers
    lease = settings.judge_lease_s if lease_s is None else lease_s
    wake = getattr(app.extensions.get("assessment.judge_backend"), "wake", None)
    service = JudgeService(database, count, lease, wake=wake, on_judged=on_judged, poll_s=poll_s).start()
    app.extensions["assessment.judge_service"] = service
    return service


def stop_judge_service(app: Flask, timeout: float = 10.0) -> None:
    service: JudgeService | None = app.extensions.pop("assessment.judge_service", None)
    if service is not None:
        service.stop(timeout)
