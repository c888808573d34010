"""Prometheus metrics kept by the web processes, with the maintained `prometheus_client` library (its histogram
buckets, exposition format and multi-process mode are the reference implementation; writing them by hand would only
copy it with bugs).

Two kinds of figures reach `/metrics` (assessment/api/metrics.py):
- counted in the web processes, here: request latency per endpoint, answers by status, autosave outcomes. Every web
  process of `assessment run` counts into its own files in `PROMETHEUS_MULTIPROC_DIR` (set up by the command) and
  a scrape adds them up, whichever process answers it; without that folder (one process, e.g. under another WSGI
  server) the default registry.
- read from the database at scrape time (assessment/judging/figures.py): queue depth and age, judge throughput and
  verdict counts. Judges may run on other hosts (Celery workers), so the one place that sees all of them is the
  submissions table every judge writes; the figures are then the same whichever web process is scraped, and survive
  restarts of judges and web processes.
"""

from __future__ import annotations

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

CONTENT_TYPE = CONTENT_TYPE_LATEST

# Seconds; 0.3 is the autosave latency objective of the load benchmark (bench/load.py).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUEST_SECONDS = Histogram(
    "assessment_http_request_duration_seconds",
    "Time to answer a request, by endpoint (Flask endpoint name) and method.",
    ["endpoint", "method"],
    buckets=LATENCY_BUCKETS,
)
RESPONSES = Counter(
    "assessment_http_responses_total",
    "Answers sent, by endpoint, method and HTTP status.",
    ["endpoint", "method", "status"],
)
AUTOSAVES = Counter(
    "assessment_autosaves_total",
    "Autosaves of essays and code by outcome: saved, conflict (another tab saved first), closed (the test is over), "
    "rejected (bad request), error (the server failed).",
    ["kind", "outcome"],
)
AUTOSAVE_OUTCOMES = ("saved", "conflict", "closed", "rejected", "error")


def render(multiprocess_dir: str | None, *collectors: Collector) -> bytes:
    """The text exposition: what the web processes counted (all processes' files when several run, as under
    `assessment run`; else this process's default registry), then the figures of `collectors` (read at this moment)."""
    if multiprocess_dir:
        counted = CollectorRegistry()
        MultiProcessCollector(counted, path=multiprocess_dir)
    else:
        counted = REGISTRY
    extra = CollectorRegistry()
    for collector in collectors:
        extra.register(collector)
    return generate_latest(counted) + generate_latest(extra)
