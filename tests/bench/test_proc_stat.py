"""bench/proc_stat.py: the run-queue wait that bench/load.py reports for the web processes' threads."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from proc_stat import run_queue_seconds


def _spinner() -> subprocess.Popen:
    cpu = min(os.sched_getaffinity(0))
    return subprocess.Popen(
        [sys.executable, "-c", "while True: pass"], preexec_fn=lambda: os.sched_setaffinity(0, {cpu})
    )


def test_two_processes_sharing_one_core_are_seen_waiting_for_it_and_a_sleeping_one_is_not():
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    spinners = [_spinner(), _spinner()]
    try:
        before = [run_queue_seconds(p.pid) for p in spinners]
        time.sleep(1.0)
        waited = sum(run_queue_seconds(p.pid) - b for p, b in zip(spinners, before, strict=True))
        assert waited > 0.2  # each ran about half of the second and waited the other half
        assert run_queue_seconds(sleeper.pid) < 0.2
    finally:
        for process in [sleeper, *spinners]:
            process.kill()
            process.wait()


def test_a_process_that_is_gone_raises_oserror():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    with pytest.raises(OSError):
        run_queue_seconds(process.pid)
