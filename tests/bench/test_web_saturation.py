"""bench/web_saturation.py against a real `assessment run`: autosaves are answered and the web processes' CPU is
told apart from the judge process's (the figure the README sizes the web tier with)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import web_saturation


@pytest.fixture
def restored_environment():
    """The benchmark's seeding sets the server's variables in this process's environment, as a script may."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def test_one_web_process_answers_back_to_back_autosaves_and_its_cpu_is_counted(restored_environment):
    result = web_saturation.measure(processes=1, threads=2, clients=4, warmup=1.0, duration=3.0)
    assert result["errors"] == 0
    assert result["answered_per_s"] > 10
    assert 0 < result["web_cores"] < 1.5  # one process: its request threads take turns on one interpreter lock
    assert result["cpu_ms_per_request"] > 0
