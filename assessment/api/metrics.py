"""GET /metrics: Prometheus metrics, for a bearer token with the `metrics:read` (or `admin`) scope.

What the web processes counted (assessment/metrics.py: request latency per endpoint, answers by status, autosave
outcomes), then the judge's figures read from the database at this moment (assessment/judging/figures.py: queue depth
and age by kind, judges at work, recent throughput and judge time, verdict counts). A Prometheus job scrapes it with
`authorization: {credentials_file: ...}` (deploy/prometheus.yml); deploy/grafana-dashboard.json charts it."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, Response
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric

from ..enums import QUEUE_CLASS_NAMES, TokenScope
from ..extensions import csrf, session, settings
from ..judging.figures import JudgeFigures, judge_figures
from ..metrics import CONTENT_TYPE, render
from .auth import token_required

bp = Blueprint("metrics", __name__)
csrf.exempt(bp)


class JudgeCollector:
    """The judge's figures as Prometheus metric families (a custom collector: read when scraped, never stored)."""

    def __init__(self, figures: JudgeFigures, backend: str):
        self.figures = figures
        self.backend = backend

    def collect(self) -> Iterator[Metric]:
        f = self.figures
        queued = GaugeMetricFamily(
            "assessment_judge_queue_depth", "Submissions waiting for a judge, by kind.", labels=["kind"]
        )
        for kind, count in sorted(f.queued.items()):
            queued.add_metric([kind], count)
        yield queued
        oldest = GaugeMetricFamily(
            "assessment_judge_queue_oldest_seconds",
            "How long the oldest waiting submission of each kind has waited (absent when none waits).",
            labels=["kind"],
        )
        for kind, seconds in sorted(f.oldest_queued_seconds.items()):
            oldest.add_metric([kind], seconds)
        yield oldest
        yield GaugeMetricFamily(
            "assessment_judge_busy", "Submissions being judged now (while some wait: the judges at work).", f.judging
        )
        yield GaugeMetricFamily(
            "assessment_judge_throughput_per_minute",
            "Verdicts per minute over the recent window (the pace behind candidates' estimates).",
            f.rate.per_minute,
        )
        mean_seconds = GaugeMetricFamily(
            "assessment_judge_seconds_mean",
            "Mean judge time of recent verdicts, by queue class (runs, submissions, auto).",
            labels=["queue_class"],
        )
        for queue_class, mean in sorted(f.rate.seconds_by_class.items()):
            mean_seconds.add_metric([QUEUE_CLASS_NAMES.get(queue_class, str(queue_class))], mean)
        yield mean_seconds
        verdicts = CounterMetricFamily(
            "assessment_judge_verdicts", "Judged submissions by kind and verdict.", labels=["kind", "verdict"]
        )
        for (kind, verdict), count in sorted(f.verdicts.items()):
            verdicts.add_metric([kind, verdict], count)
        yield verdicts
        info = GaugeMetricFamily("assessment_judge_backend_info", "The judging backend.", labels=["backend"])
        info.add_metric([self.backend], 1)
        yield info


@bp.route("/metrics")
@token_required(TokenScope.METRICS_READ)
def metrics() -> Response:
    config = settings()
    body = render(config.metrics_multiprocess_dir, JudgeCollector(judge_figures(session()), config.judge_backend))
    return Response(body, mimetype=None, content_type=CONTENT_TYPE)
