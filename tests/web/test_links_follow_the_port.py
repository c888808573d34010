"""Links in emails point where the platform is reached: `assessment run --port P` makes them use port P, unless
ASSESSMENT_BASE_URL names the public address; with neither, the default stays http://127.0.0.1:5000."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from assessment.cli import main
from assessment.config import Settings
from tests.conftest import csrf_token_from


@pytest.fixture
def started(monkeypatch, tmp_path):
    """`assessment run ...` up to the point where it would serve: the app a web process builds, without serving."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ASSESSMENT_SECRET_KEY", "k" * 48)
    monkeypatch.setenv("ASSESSMENT_ADMIN_EMAIL", "root@example.com")
    monkeypatch.setenv("ASSESSMENT_ADMIN_PASSWORD", "correct horse battery")
    monkeypatch.delenv("ASSESSMENT_BASE_URL", raising=False)
    # `run` puts --host/--port and the metrics folder into the environment for its children: restored afterwards
    monkeypatch.setenv("ASSESSMENT_HOST", "127.0.0.1")
    monkeypatch.delenv("ASSESSMENT_HOST")
    monkeypatch.setenv("ASSESSMENT_PORT", "5000")
    monkeypatch.delenv("ASSESSMENT_PORT")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "metrics"))
    apps = []

    def serve(host, port, processes, threads, judge, backlog):  # what `assessment run` would serve with, recorded
        from assessment.cli.processes import web_app

        apps.append((web_app(), {"host": host, "port": port, "processes": processes, "judge": judge}))
        return 0

    monkeypatch.setattr("assessment.cli.processes.serve", serve)
    monkeypatch.setattr("assessment.attempts.finalize.start_finalizer", lambda app, **kw: None)
    # what a web process does with its own heap (assessment/heap.py) is not for the test process to do
    monkeypatch.setattr("assessment.heap.freeze_startup_objects", lambda: 0)
    monkeypatch.setattr("assessment.heap.freeze_again_when_warm", lambda: None)

    def run(*args: str):
        result = CliRunner().invoke(main, ["run", "--no-sync", "--no-judge", *args])
        assert result.exit_code == 0, result.output
        return apps[-1]

    yield run
    for app, _ in apps:
        app.extensions["assessment.db"].dispose()


def reset_link(app) -> str:
    """Ask for a password reset of the first administrator and return the link from the mail."""
    from assessment.mail import read_outbox

    client = app.test_client()
    token = csrf_token_from(client.get("/password/forgot").get_data(as_text=True))
    client.post("/password/forgot", data={"email": "root@example.com", "csrf_token": token})
    [mail] = read_outbox(app.extensions["assessment.settings"].outbox_dir)
    match = re.search(r"(https?://\S+/password/reset/\S+)", mail["body"])
    assert match, mail["body"]
    return match.group(1)


def test_links_use_the_port_given_to_run(started):
    app, options = started("--port", "5123")
    assert options["port"] == 5123
    assert reset_link(app).startswith("http://127.0.0.1:5123/password/reset/")


def test_a_configured_base_url_wins_over_the_port(started, monkeypatch):
    monkeypatch.setenv("ASSESSMENT_BASE_URL", "https://jobs.example.org")
    app, _ = started("--port", "5124")
    assert reset_link(app).startswith("https://jobs.example.org/password/reset/")


def test_the_default_base_url_stays_port_5000():
    assert Settings.from_env({}).base_url == "http://127.0.0.1:5000"
    assert Settings.from_env({"ASSESSMENT_PORT": "8080"}).base_url == "http://127.0.0.1:8080"
    assert Settings.from_env({"ASSESSMENT_HOST": "0.0.0.0", "ASSESSMENT_PORT": "8081"}).base_url == (
        "http://127.0.0.1:8081"
    )
    assert Settings.from_env({"ASSESSMENT_HOST": "10.0.0.5"}).base_url == "http://10.0.0.5:5000"
    assert Settings.from_env({"ASSESSMENT_BASE_URL": "https://a.example"}, port=9).base_url == "https://a.example"
