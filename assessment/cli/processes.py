"""`assessment run`'s processes: web processes served by Granian, and one judge process, started and watched here.

Why this shape, from measurements at 1,000 candidates on two cores (bench/load.py, README "Measured figures"):

- Python runs one thread at a time per process, so one process serves at most one core's worth of requests, and
  judge threads inside it compete with the requests for that core (the single waitress process: busy 1.04 cores,
  autosave p99 near 10 s, no verdict finished while measured). So there are `settings.web_processes` web processes
  (default: one per core), each with `settings.web_threads` request threads, and the judges
  (`settings.judge_workers` threads) run in a process of their own.
- The HTTP server is Granian, whose connection handling is compiled (Rust): waitress rebuilt its poll set in Python
  from every open connection on every event, which with hundreds of keep-alive connections per process cost a large
  share of each request's CPU time. Same load, same two processes of 8 threads: waitress answered 222 requests/s
  with autosave p50/p99 0.19/5.4 s; Granian 257 requests/s (all that was asked) with 0.10/2.0 s.
- Fewer request threads per process contend less for Python's lock: 4 threads, p99 0.84 s (default); 2 threads
  0.46–1.6 s; 1 thread (3 processes) 2.7 s, a request waiting on the database then holds up its whole process.

The judge process polls the queue every `JUDGE_POLL_S` when idle, so a submission queued by any web process starts
within that time; it also runs the deadline finaliser (each web process runs one too: safe in several at once). A
judge process that dies is started again; one that keeps dying (more than `RESTARTS_ALLOWED` times in
`RESTART_WINDOW_S`) stops the server with the reason. Granian starts again a web process that dies. SIGTERM or
Ctrl-C stops everything: the judges finish or give back what they are judging, as `assessment worker` does.
Request counts for /metrics are kept per process in PROMETHEUS_MULTIPROC_DIR and added up by whichever process
answers.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.context import SpawnProcess
from pathlib import Path

import click

log = logging.getLogger("assessment.serve")

RESTARTS_ALLOWED = 5
RESTART_WINDOW_S = 60.0
JUDGE_STOP_GRACE_S = 70.0  # the judges' grace period (60 s) and a little more
JUDGE_POLL_S = 0.25

_context = multiprocessing.get_context("spawn")  # a fresh interpreter: nothing inherited half-initialised


def prepare_metrics_folder() -> Callable[[], None]:
    """Make sure every process counts into files in one folder (PROMETHEUS_MULTIPROC_DIR); must run before the
    metrics library is imported. Returns the clean-up to run at exit."""
    configured = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    folder = Path(configured or tempfile.mkdtemp(prefix="assessment-metrics-"))
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):  # counts of an earlier run would be added to this one's
        stale.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)
    if configured:
        return lambda: None
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def web_app():
    """Granian's factory, run in each web process: the app (settings from the environment `run` prepared) and the
    deadline finaliser. No judges here."""
    from assessment import create_app
    from assessment.attempts.finalize import start_finalizer
    from assessment.heap import freeze_again_when_warm, freeze_startup_objects

    app = create_app(start_workers=False)
    start_finalizer(app)  # safe in several processes at once
    freeze_startup_objects()
    freeze_again_when_warm()
    return app


def judge_process() -> None:
    """The judges (and a finaliser) for every web process; SIGTERM lets them finish or give their work back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    from assessment import create_app
    from assessment.heap import freeze_startup_objects

    from .judge import serve_judges

    app = create_app(start_workers=False)
    freeze_startup_objects()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    serve_judges(app, stop, poll_s=JUDGE_POLL_S)


class JudgeProcess:
    """Starts the judge process, starts it again when it dies, stops it at the end."""

    def __init__(self) -> None:
        self.child: SpawnProcess | None = None
        self.deaths: deque[float] = deque()
        self.stopping = threading.Event()
        self.gave_up = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="judge-process-watcher", daemon=True)

    def start(self) -> None:
        self._spawn()
        self._watcher.start()

    def _spawn(self) -> None:
        self.child = _context.Process(target=judge_process, name="assessment-judge")
        self.child.start()

    def _watch(self) -> None:
        while not self.stopping.wait(0.5):
            child = self.child
            if child is None or child.is_alive() or self.stopping.is_set():
                continue
            now = time.monotonic()
            self.deaths.append(now)
            while self.deaths and now - self.deaths[0] > RESTART_WINDOW_S:
                self.deaths.popleft()
            if len(self.deaths) > RESTARTS_ALLOWED:
                click.echo(
                    f"The judge process keeps stopping (exit code {child.exitcode}): nothing is judged until it is "
                    "fixed. Its reason is in the log above; stopping the server.",
                    err=True,
                )
                self.gave_up.set()
                os.kill(os.getpid(), signal.SIGTERM)  # Granian's main loop stops on it
                return
            log.warning("judge process stopped (exit code %s); starting it again", child.exitcode)
            self._spawn()

    def stop(self) -> None:
        self.stopping.set()
        child = self.child
        if child is None:
            return
        if child.is_alive():
            child.terminate()
            child.join(JUDGE_STOP_GRACE_S)
        if child.is_alive():
            child.kill()
            child.join(5)


def serve(host: str, port: int, processes: int, threads: int, judge: bool, backlog: int) -> int:
    """Serve until stopped; returns the exit code. The children read their settings from the environment, which
    `run` has completed (host and port included)."""
    from granian import Granian
    from granian.constants import Interfaces

    server = Granian(
        f"{__name__}:web_app",
        factory=True,
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=processes,
        blocking_threads=threads,
        backlog=backlog,
        respawn_failed_workers=True,
        log_level="warning",  # type: ignore[arg-type]
    )
    judges = JudgeProcess() if judge else None
    if judges is not None:
        server.on_startup(judges.start)
        server.on_shutdown(judges.stop)
    click.echo(
        f"Serving on http://{host}:{port}/ ({processes} web process{'es' if processes > 1 else ''} of {threads} "
        f"threads{', one judge process' if judge else ''})"
    )
    try:
        server.serve()
    except SystemExit as exc:  # Granian exits non-zero when its web processes could not be kept running
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    finally:
        if judges is not None:
            judges.stop()
    return 1 if judges is not None and judges.gave_up.is_set() else 0
