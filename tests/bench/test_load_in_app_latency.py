"""bench/load.py: the autosaves' latency inside the app, read from the server's Prometheus histogram."""

from __future__ import annotations

import sys
from pathlib import Path

from prometheus_client import CollectorRegistry, Histogram, generate_latest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import load

from assessment.metrics import LATENCY_BUCKETS, REQUEST_SECONDS


def _exposition(observations: dict[str, list[float]]) -> str:
    registry = CollectorRegistry()
    histogram = Histogram(
        REQUEST_SECONDS._name, "test", ["endpoint", "method"], buckets=LATENCY_BUCKETS, registry=registry
    )
    for endpoint, values in observations.items():
        for value in values:
            histogram.labels(endpoint, "POST").observe(value)
    return generate_latest(registry).decode()


def test_both_autosave_endpoints_are_summed_and_others_ignored():
    text = _exposition(
        {
            "candidate.test_code_draft": [0.004] * 60 + [0.15] * 39 + [0.4],
            "candidate.test_essay_draft": [0.02] * 100,
            "candidate.test_submit": [3.0] * 500,  # not an autosave
        }
    )
    counts = load.autosave_counts(text)
    assert counts[float("inf")] == 200 and counts[0.005] == 60 and counts[0.3] == 199
    summary = load.bucket_summary(counts)
    assert summary == {"count": 200, "p50_le": 0.025, "p99_le": 0.2, "within_300ms": 0.995}


def test_a_slow_tail_shows_in_the_bound_and_nothing_observed_gives_nothing():
    counts = load.autosave_counts(_exposition({"candidate.test_essay_draft": [0.01] * 97 + [2.0] * 3}))
    assert load.bucket_summary(counts)["p99_le"] == 2.5
    assert load.bucket_summary(load.autosave_counts(_exposition({}))) == {}
