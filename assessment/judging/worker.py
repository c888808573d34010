"""Judge one claimed submission, and the worker thread loop around it.

`judge_claimed` is the unit of work (load the package from the version's snapshot, judge in the sandbox, store);
`judge_next_now` claims the first submission in the queue's order and judges it (a Celery task's turn);
`JudgeWorker` is the polling loop used by the in-process service and by `assessment worker`.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import DEFAULT_JUDGE_LEASE_S
from ..db import Database
from ..enums import SubmissionStatus, Verdict
from ..models import Submission
from .queue import WAITING_MESSAGE, claim_next, release, renew_lease, report_progress, store_result
from .requests import planned_tests, prepared_request
from .results import judge_error, summarize
from .runner import run_judge

if TYPE_CHECKING:
    from ..problems.kattis import ProblemPackage

log = logging.getLogger("assessment.judging")

DEFAULT_LEASE_S = DEFAULT_JUDGE_LEASE_S
PROGRESS_INTERVAL_S = 0.2


def new_worker_id(prefix: str = "judge") -> str:
    return f"{prefix}@{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class PackageCache:
    """Loaded problem packages by snapshot path (snapshots are immutable, so entries never go stale)."""

    def __init__(self, size: int = 64):
        self.size = size
        self._items: OrderedDict[str, ProblemPackage] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, path: str | Path) -> ProblemPackage:
        key = str(path)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        from assessment.problems import load_package

        package = load_package(Path(key))
        with self._lock:
            self._items[key] = package
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return package


packages = PackageCache()


class SandboxGate:
    """Shared back-off while the sandbox is unavailable (Docker down, image missing, or the machine so busy that a run
    waited for a CPU until its all-seconds wall-clock limit)."""

    def __init__(self, first_s: float = 1.0, max_s: float = 30.0):
        self.first_s = first_s
        self.max_s = max_s
        self._delay = 0.0
        self._until = 0.0
        self._lock = threading.Lock()

    def down(self) -> float:
        with self._lock:
            self._delay = min(self.max_s, self._delay * 2 if self._delay else self.first_s)
            self._until = time.monotonic() + self._delay
            return self._delay

    def up(self) -> None:
        with self._lock:
            self._delay = 0.0
            self._until = 0.0

    def wait_s(self) -> float:
        return max(0.0, self._until - time.monotonic())


gate = SandboxGate()


class _Progress:
    """Turns the sandbox's progress callbacks into throttled queue updates (which also renew the lease)."""

    def __init__(self, database: Database, submission_id: int, worker_id: str, lease_s: float):
        self.database = database
        self.submission_id = submission_id
        self.worker_id = worker_id
        self.lease_s = lease_s
        self.last_write = 0.0
        self.last_status = SubmissionStatus.COMPILING
        self.lost = False
        self.total = 0
        self._lock = threading.Lock()

    def __call__(self, stage: str, done: int, total: int) -> None:
        compiling = str(stage).lower().startswith("compil")
        status = SubmissionStatus.COMPILING if compiling else SubmissionStatus.RUNNING
        if compiling:  # the sandbox counts compilation as one step; show the number of tests
            done, total = 0, self.total or total
        else:
            self.total = total
        now = time.monotonic()
        with self._lock:
            if status == self.last_status and now - self.last_write < PROGRESS_INTERVAL_S and done < total:
                return
            self.last_write = now
            self.last_status = status
            try:
                with self.database.new_session() as session:
                    if not report_progress(
                        session, self.submission_id, self.worker_id, int(done), int(total), self.lease_s, status=status
                    ):
                        self.lost = True
            except Exception:  # progress is best effort; the result is what matters
                log.warning("progress update for submission %s failed", self.submission_id, exc_info=True)


class _LeaseKeeper:
    """Renews the lease while a long step (compilation, a slow test) sends no progress."""

    def __init__(self, database: Database, submission_id: int, worker_id: str, lease_s: float):
        self.args = (submission_id, worker_id, lease_s)
        self.database = database
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"lease-{submission_id}", daemon=True)

    def _run(self) -> None:
        interval = max(0.5, self.args[2] / 3)
        while not self.stop.wait(interval):
            try:
                with self.database.new_session() as session:
                    if not renew_lease(session, *self.args):
                        return
            except Exception:
                log.warning("lease renewal for submission %s failed", self.args[0], exc_info=True)

    def __enter__(self) -> _LeaseKeeper:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=5)


def judge_claimed(
    database: Database,
    submission_id: int,
    worker_id: str,
    lease_s: float = DEFAULT_LEASE_S,
    cache: PackageCache | None = None,
    on_judged: Callable[[int], None] | None = None,
    slot: int | None = None,
) -> str:
    """Judge a submission this worker has claimed and store the result.

    Returns "done" (result stored), "lost" (the claim was taken away meanwhile; nothing stored) or "unavailable"
    (the sandbox is down, or the machine starved a run so that its time could not be judged fairly: the submission
    went back to the queue with "Waiting for the judge", its earlier tests to be run again)."""
    from sandbox.judge import SandboxUnavailable

    cache = cache or packages
    with database.new_session() as session:
        submission = session.get(Submission, submission_id)
        if submission is None:
            return "lost"
        kind, language, source = submission.kind, submission.language, submission.source
        custom_input = submission.custom_input
        snapshot = submission.problem_version.snapshot_path
        session.commit()

    result = None
    try:
        package = cache.get(snapshot)
    except Exception as exc:
        log.exception("submission %s: the problem package at %s could not be loaded", submission_id, snapshot)
        result = judge_error(f"Judge error: the problem package could not be loaded ({_describe(exc)}).")

    if result is None:
        progress = _Progress(database, submission_id, worker_id, lease_s)
        try:
            with (
                _LeaseKeeper(database, submission_id, worker_id, lease_s),
                prepared_request(package, kind, source, language, custom_input) as request,
            ):
                planned = planned_tests(request)
                progress.total = len(planned)
                progress("compiling", 0, len(planned))
                report = run_judge(request, progress=progress, slot=slot)
            gate.up()
            result = summarize(kind, planned, report, getattr(package, "grading", None))
            if result.verdict == Verdict.JE:
                log.error("submission %s: the sandbox reported a judge error: %s", submission_id, result.message)
        except SandboxUnavailable as exc:
            delay = gate.down()
            with database.new_session() as session:
                release(session, submission_id, worker_id, WAITING_MESSAGE)
            log.warning("sandbox unavailable (%s); submission %s waits, retrying in %.0f s", exc, submission_id, delay)
            return "unavailable"
        except Exception as exc:
            log.exception("submission %s: judge error", submission_id)
            result = judge_error(f"Judge error: {_describe(exc)}")

    with database.new_session() as session:
        stored = store_result(session, submission_id, worker_id, result)
    if not stored:
        return "lost"
    log.info("submission %s judged: %s score=%s", submission_id, result.verdict, result.score)
    if on_judged is not None:
        try:
            on_judged(submission_id)
        except Exception:
            log.exception("judging listener %r failed for submission %s", on_judged, submission_id)
    return "done"


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:250] if text else type(exc).__name__


def judge_next_now(
    database: Database,
    worker_id: str | None = None,
    lease_s: float = DEFAULT_LEASE_S,
    slot: int | None = None,
) -> str:
    """Claim the first queued submission in the queue's order (`claim_next`: runs first, candidates taking turns)
    and judge it. Returns "done", "lost", "unavailable", or "idle" when nothing waits."""
    worker_id = worker_id or new_worker_id("task")
    with database.new_session() as session:
        submission_id = claim_next(session, worker_id, lease_s)
    if submission_id is None:
        return "idle"
    return judge_claimed(database, submission_id, worker_id, lease_s, slot=slot)


class JudgeWorker(threading.Thread):
    """Claims queued submissions and judges them until `stop()`."""

    def __init__(
        self,
        database: Database,
        worker_id: str | None = None,
        lease_s: float = DEFAULT_LEASE_S,
        poll_s: float = 0.5,
        name: str | None = None,
        wake: threading.Event | None = None,
        on_judged: Callable[[int], None] | None = None,
        slot: int | None = None,
    ):
        super().__init__(name=name or "judge-worker", daemon=True)
        self.slot = slot  # worker slot: pins this worker's runs to a CPU core of its own
        self.database = database
        self.wake = wake or threading.Event()  # set when new work is committed (see judging.backends)
        self.on_judged = on_judged
        self.worker_id = worker_id or new_worker_id()
        self.lease_s = lease_s
        self.poll_s = poll_s
        self._stop_event = threading.Event()
        self.judged = 0
        self.current: int | None = None  # submission being judged

    def stop(self) -> None:
        self._stop_event.set()
        self.wake.set()

    @property
    def stopping(self) -> bool:
        return self._stop_event.is_set()

    def run_once(self) -> str | None:
        """Claim and judge one submission; None when the queue was empty."""
        with self.database.new_session() as session:
            submission_id = claim_next(session, self.worker_id, self.lease_s)
        if submission_id is None:
            return None
        self.current = submission_id
        try:
            outcome = judge_claimed(
                self.database, submission_id, self.worker_id, self.lease_s, on_judged=self.on_judged, slot=self.slot
            )
        finally:
            self.current = None
        if outcome == "done":
            self.judged += 1
        return outcome

    def run(self) -> None:
        log.info("judge worker %s started", self.worker_id)
        while not self._stop_event.is_set():
            pause = gate.wait_s()
            if pause:
                self._stop_event.wait(pause)
                continue
            try:
                outcome = self.run_once()
            except Exception:
                log.exception("judge worker %s: queue error", self.worker_id)
                self._stop_event.wait(2.0)
                continue
            if outcome is None:
                self.wake.wait(self.poll_s)
                self.wake.clear()
        log.info("judge worker %s stopped", self.worker_id)
