"""Request latency and answers per endpoint, counted for /metrics (assessment/metrics.py). Two hooks per request: the
start time, then one histogram observation and one counter increment on label children looked up once per
(endpoint, method) and kept, so the cost per request stays a few microseconds (bench/metrics_overhead.py)."""

from __future__ import annotations

import time
from typing import Any

from flask import Flask, Response, g, request

from ..metrics import REQUEST_SECONDS, RESPONSES

UNMATCHED = "unmatched"  # no route (404s, scanners): one label, however many paths are tried


class _Children:
    """Label children of the request metrics, created on first use and kept (labels() takes a lock each call)."""

    def __init__(self) -> None:
        self.latency: dict[tuple[str, str], Any] = {}
        self.answers: dict[tuple[str, str, int], Any] = {}

    def observe(self, endpoint: str, method: str, status: int, seconds: float) -> None:
        key = (endpoint, method)
        histogram = self.latency.get(key)
        if histogram is None:
            histogram = self.latency[key] = REQUEST_SECONDS.labels(endpoint, method)
        histogram.observe(seconds)
        answer_key = (endpoint, method, status)
        counter = self.answers.get(answer_key)
        if counter is None:
            counter = self.answers[answer_key] = RESPONSES.labels(endpoint, method, str(status))
        counter.inc()


children = _Children()


def _start() -> None:
    g._metrics_start = time.perf_counter()


def _record(response: Response) -> Response:
    started = g.pop("_metrics_start", None)
    if started is not None:
        children.observe(
            request.endpoint or UNMATCHED, request.method, response.status_code, time.perf_counter() - started
        )
    return response


def register_request_metrics(app: Flask) -> None:
    """Time every request from the first before-request hook to the last after-request hook (registered first, so
    rate limits, session checks and the security headers are inside the measurement)."""
    app.before_request_funcs.setdefault(None, []).insert(0, _start)
    app.after_request_funcs.setdefault(None, []).insert(0, _record)
