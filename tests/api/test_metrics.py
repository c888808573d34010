"""GET /metrics: token-protected Prometheus metrics. Request latency and autosave outcomes are counted in the web
processes (added up across the web processes); the judge's figures are read from the database, so judges running
anywhere (threads, Celery workers on other hosts) show up; the Grafana dashboard charts only metrics that exist."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from prometheus_client.parser import text_string_to_metric_families

from assessment.accounts.api_tokens import create_token
from tests.conftest import REPO
from tests.services import free_port, wait_port


def _token(app, *scopes: str) -> str:
    with app.extensions["assessment.db"].new_session() as s:
        return create_token(s, "monitoring", list(scopes), 30)[1]


def samples(text: str) -> dict[tuple[str, tuple], float]:
    """{(sample name, sorted labels): value} of an exposition."""
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def scrape(client, token: str) -> dict[tuple[str, tuple], float]:
    from assessment.judging.figures import forget_judge_figures

    forget_judge_figures()  # read the database now, not the few seconds' cache
    response = client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Type"].startswith("text/plain; version=")
    return samples(response.get_data(as_text=True))


def value(metrics, name: str, **labels) -> float:
    return metrics.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_need_a_token_with_the_metrics_scope(app, client):
    anonymous = client.get("/metrics")
    assert anonymous.status_code == 401 and anonymous.headers["WWW-Authenticate"].startswith("Bearer")
    assert b"assessment_" not in anonymous.data
    board_only = client.get("/metrics", headers={"Authorization": f"Bearer {_token(app, 'board:read')}"})
    assert board_only.status_code == 403 and b"metrics:read" in board_only.data
    assert client.get("/metrics", headers={"Authorization": "Bearer asm_not-a-token"}).status_code == 401
    for scopes in (("metrics:read",), ("admin",)):
        response = client.get("/metrics", headers={"Authorization": f"Bearer {_token(app, *scopes)}"})
        assert response.status_code == 200 and b"assessment_judge_queue_depth" in response.data


def test_requests_autosaves_and_the_queue_are_counted(app, client, two_candidates):
    from datetime import timedelta

    from assessment.models import Attempt, Submission, utcnow

    ids = two_candidates
    token = _token(app, "metrics:read")
    before = scrape(client, token)
    draft = f"/applications/{ids['alice']}/test/problems/{ids['problem']}/draft"
    headers = {"X-CSRFToken": ids["alice_token"]}
    code = {"language": "python", "source": "print(1)", "tab": "t1"}
    assert client.post(draft, json={**code, "revision": 1, "base_revision": 0}, headers=headers).status_code == 200
    stale = client.post(draft, json={**code, "revision": 1, "base_revision": 0, "tab": "t2"}, headers=headers)
    assert stale.status_code == 409  # another tab saved first
    assert client.post(draft, json={**code, "revision": 0}, headers=headers).status_code == 400
    for kind in ("submit", "submit", "run"):
        queued = client.post(
            f"/applications/{ids['alice']}/test/problems/{ids['problem']}/{kind}",
            json={"language": "python", "source": "print(1)", "mode": "samples"},
            headers=headers,
        )
        assert queued.status_code == 202
    with app.extensions["assessment.db"].new_session() as s:
        attempt = s.get(Attempt, s.query(Attempt.id).filter_by(application_id=ids["alice"]).scalar())
        attempt.deadline_at = utcnow() - timedelta(minutes=5)
        first = s.query(Submission).order_by(Submission.id).first()
        first.created_at = utcnow() - timedelta(seconds=90)
        s.commit()
    assert client.post(draft, json={**code, "revision": 2, "base_revision": 1}, headers=headers).status_code == 409

    after = scrape(client, token)

    def grew(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("assessment_autosaves_total", kind="code", outcome="saved") == 1
    assert grew("assessment_autosaves_total", kind="code", outcome="conflict") == 1
    assert grew("assessment_autosaves_total", kind="code", outcome="rejected") == 1
    assert grew("assessment_autosaves_total", kind="code", outcome="closed") == 1
    endpoint = {"endpoint": "candidate.test_code_draft", "method": "POST"}
    assert grew("assessment_http_request_duration_seconds_count", **endpoint) == 4
    assert grew("assessment_http_responses_total", **endpoint, status="409") == 2
    assert value(after, "assessment_http_request_duration_seconds_bucket", **endpoint, le="+Inf") >= 4
    assert value(after, "assessment_judge_queue_depth", kind="submit") == 2
    assert value(after, "assessment_judge_queue_depth", kind="samples") == 1
    assert value(after, "assessment_judge_queue_oldest_seconds", kind="submit") >= 89
    assert value(after, "assessment_judge_backend_info", backend="threads") == 1


def test_verdicts_stored_by_a_judge_elsewhere_reach_every_web_process(app, client, tmp_path):
    """The judge's figures come from the database: a judge with its own connection (as a Celery worker on another
    host) stores verdicts, and /metrics shows them, with the recent throughput."""
    from assessment.db import Database
    from assessment.judging import queue
    from assessment.judging.results import JudgeResult, ResultRow
    from tests.judging.helpers import add_problem, add_submissions, write_package

    database = app.extensions["assessment.db"]
    with database.new_session() as s:
        problem = add_problem(s, write_package(tmp_path / "packages"))
        add_submissions(s, problem, ["print(1)"] * 3)
    judge_host = Database(database.url)
    try:
        for verdict in ("AC", "AC", "WA"):
            with judge_host.new_session() as s:
                claimed = queue.claim_next(s, "celery@judge-host", lease_s=60)
                row = ResultRow(name="secret/1", group="secret", is_sample=False, verdict=verdict, time_ms=1)
                result = JudgeResult(verdict, 1.0 if verdict == "AC" else 0.0, 1, 1, 1, 100, "", "", [row])
                assert queue.store_result(s, claimed, "celery@judge-host", result)
    finally:
        judge_host.dispose()
    metrics = scrape(client, _token(app, "metrics:read"))
    assert value(metrics, "assessment_judge_verdicts_total", kind="submit", verdict="AC") == 2
    assert value(metrics, "assessment_judge_verdicts_total", kind="submit", verdict="WA") == 1
    assert value(metrics, "assessment_judge_queue_depth", kind="submit") == 0
    assert value(metrics, "assessment_judge_throughput_per_minute") > 0
    assert ("assessment_judge_seconds_mean", (("queue_class", "submissions"),)) in metrics


def answered(metrics_dir) -> set[str]:
    """The processes (by pid) that have recorded a request."""
    return {p.name.split("_")[-1] for p in metrics_dir.glob("histogram_*.db")}


def test_several_web_processes_add_up_their_counts(tmp_path):
    """Two web processes of `assessment run` answer sign-in page requests between them; every scrape, whichever
    process answers it, reports them all."""
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    (tmp_path / "instance").mkdir()
    env = dict(
        os.environ,
        ASSESSMENT_INSTANCE=str(tmp_path / "instance"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'instance' / 'web.sqlite'}",
        ASSESSMENT_SECRET_KEY="processes-metrics-" + "0" * 32,
        ASSESSMENT_JUDGE_WORKERS="0",
        ASSESSMENT_RATELIMIT_ENABLED="0",
        ASSESSMENT_PROBLEMS=str(tmp_path / "problems"),
        PROMETHEUS_MULTIPROC_DIR=str(metrics_dir),
        PYTHONPATH=str(REPO),
    )
    cli = [sys.executable, "-m", "assessment.cli.entry"]
    subprocess.run(cli + ["db", "upgrade"], env=env, check=True, capture_output=True, cwd=tmp_path, timeout=120)
    created = subprocess.run(
        cli + ["api-token", "create", "--name", "prometheus", "--scope", "metrics:read"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    token = re.search(r"asm_\S+", created.stdout).group(0)
    port = free_port()
    log = open(tmp_path / "server.log", "w")  # noqa: SIM115 - open while the server runs
    server = subprocess.Popen(
        cli + ["run", "--port", str(port), "--processes", "2", "--threads", "2", "--no-judge", "--no-sync"],
        env=env,
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_port(port, timeout=60)
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while len({p.name.split("_")[-1] for p in metrics_dir.glob("counter_*.db")}) < 2 and time.time() < deadline:
            time.sleep(0.2)  # both processes have started (each imports the app and opens its own files)

        def sign_in_page(_: int) -> int:
            with urllib.request.urlopen(base + "/login", timeout=10) as response:
                return response.status

        # Requests in parallel, in rounds of 20, until both processes have answered some (which process accepts a
        # connection is the kernel's choice): every scrape must then count all of them.
        sent = 0
        with ThreadPoolExecutor(max_workers=8) as pool:
            while sent < 40 or (len(answered(metrics_dir)) < 2 and sent < 400):
                assert set(pool.map(sign_in_page, range(20))) == {200}
                sent += 20
        pids = answered(metrics_dir)
        counts = set()
        for _ in range(6):
            request = urllib.request.Request(base + "/metrics", headers={"Authorization": f"Bearer {token}"})
            with urllib.request.urlopen(request, timeout=10) as response:
                metrics = samples(response.read().decode())
            counts.add(
                value(metrics, "assessment_http_request_duration_seconds_count", endpoint="auth.login", method="GET")
            )
        assert counts == {float(sent)}, counts
        assert len(pids) == 2, f"both processes answered requests: {pids}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def test_the_grafana_dashboard_charts_only_metrics_the_platform_exposes(app, client):
    dashboard = json.loads((REPO / "deploy" / "grafana-dashboard.json").read_text())
    exprs = [t["expr"] for p in dashboard["panels"] for t in p.get("targets", [])]
    assert len(exprs) >= 10
    used = {name for expr in exprs for name in re.findall(r"\b(assessment_[a-z_]+)", expr)}
    response = client.get("/metrics", headers={"Authorization": f"Bearer {_token(app, 'metrics:read')}"})
    exposed = set()
    for family in text_string_to_metric_families(response.get_data(as_text=True)):  # also families with no sample yet
        suffixes = {"counter": ["_total"], "histogram": ["_bucket", "_count", "_sum"]}.get(family.type, [""])
        exposed |= {family.name + suffix for suffix in suffixes}
    assert used <= exposed, used - exposed
