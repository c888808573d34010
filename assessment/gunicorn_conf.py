"""gunicorn hooks for the web container and the load benchmark: `gunicorn -c python:assessment.gunicorn_conf ...`.

Several web processes each count requests into their own files (prometheus_client's multi-process mode), and any of
them answers /metrics with the sum. The folder is PROMETHEUS_MULTIPROC_DIR when set (it is emptied at start: counts
of a previous run would be added to this one's), else a fresh temporary folder made here, before the processes start,
and removed when gunicorn stops."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from .config import Settings

_configured = Settings.from_env().metrics_multiprocess_dir
metrics_dir = _configured or tempfile.mkdtemp(prefix="assessment-metrics-")
os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir  # read by prometheus_client when each process imports it


def on_starting(server: Any) -> None:
    folder = Path(metrics_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):
        stale.unlink()


def child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid, metrics_dir)


def on_exit(server: Any) -> None:
    if not _configured:
        shutil.rmtree(metrics_dir, ignore_errors=True)
