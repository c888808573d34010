"""The web process killed (SIGKILL) and restarted in the middle of a test: no acknowledged autosave of code or essay
is lost, and the candidate's clock is unaffected. Runs the real `assessment run` server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

from tests.conftest import REPO
from tests.fault.conftest import wait_for
from tests.services import free_port

POSITION = textwrap.dedent("""\
    title: Restart test
    description: Position used to restart the web server mid-test.
    duration_minutes: 60
    parts: [coding, essay]
    weights: {coding: 0.5, essay: 0.5}
    languages: [python]
    unlock: on_apply
    application_window: {opens: 2020-01-01T00:00:00Z, closes: 2099-01-01T00:00:00Z}
    test_deadline: 2099-06-01T00:00:00Z
    """)
ESSAY = textwrap.dedent("""\
    ---
    title: Motivation
    min_words: 5
    max_words: 500
    rubric:
      - criterion: Clarity
        description: Clear?
        levels: [{points: 0, label: No, description: Unclear.}, {points: 2, label: Yes, description: Clear.}]
      - criterion: Depth
        description: Deep?
        levels: [{points: 0, label: No, description: Shallow.}, {points: 2, label: Yes, description: Deep.}]
      - criterion: Fit
        description: Fit?
        levels: [{points: 0, label: No, description: None.}, {points: 2, label: Yes, description: Strong.}]
    ---
    Why this position?
    """)


def _tree(root: Path) -> Path:
    from tests.judging.helpers import write_package

    position = root / "restart-test"
    (position / "essays").mkdir(parents=True)
    (position / "position.yaml").write_text(POSITION)
    (position / "essays" / "motivation.md").write_text(ESSAY)
    write_package(position / "coding", name="addtwo")
    return root


class Browserless:
    """A cookie-keeping HTTP client speaking to the server like the test page does."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect())

    def call(self, method: str, path: str, data=None, headers=None):
        body = data if isinstance(data, bytes) or data is None else data.encode()
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=headers or {})
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def token(self, path: str) -> str:
        _, html = self.call("GET", path)
        match = re.search(r'name="csrf-token" content="([^"]+)"', html) or re.search(
            r'name="csrf_token"[^>]*value="([^"]+)"', html
        )
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def form(self, path: str, fields: dict, token_from: str):
        from urllib.parse import urlencode

        fields = dict(fields, csrf_token=self.token(token_from))
        return self.call("POST", path, urlencode(fields), {"Content-Type": "application/x-www-form-urlencoded"})

    def json(self, path: str, payload: dict, token: str):
        status, body = self.call(
            "POST", path, json.dumps(payload), {"Content-Type": "application/json", "X-CSRFToken": token}
        )
        return status, json.loads(body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _server(env: dict, port: int, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "assessment.cli.entry", "run", "--host", "127.0.0.1", "--port", str(port), "--no-judge"],
        env=env,
        cwd=REPO,
        stdout=open(log, "a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def test_fault_web_restart_keeps_autosaves_and_clock(tmp_path):
    instance = tmp_path / "instance"
    env = dict(
        os.environ,
        ASSESSMENT_INSTANCE=str(instance),
        ASSESSMENT_PROBLEMS=str(_tree(tmp_path / "problems")),
        ASSESSMENT_SECRET_KEY="restart-test-" + "0" * 32,
        ASSESSMENT_ADMIN_PASSWORD="admin-password-1",
        PYTHONPATH=str(REPO),
    )
    env.pop("DATABASE_URL", None)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _server(env, port, tmp_path / "server.log")
    try:
        wait_for(lambda: _answers(base), 60, what="the server to answer")
        # A candidate with an unlocked application (created through the models, in the server's database).
        from sqlalchemy import create_engine, select
        from sqlalchemy.orm import Session

        from assessment.models import Application, Position, User, utcnow

        engine = create_engine(f"sqlite:///{instance / 'assessment.sqlite'}")
        with Session(engine) as s:
            user = User(
                email="restart@example.com", name="Restart Candidate", role="candidate", email_confirmed_at=utcnow()
            )
            user.set_password("candidate-password")
            s.add(user)
            s.flush()
            position = s.scalar(select(Position).where(Position.slug == "restart-test"))
            application = Application(user_id=user.id, position_id=position.id, test_released_at=utcnow())
            s.add(application)
            s.commit()
            app_id, problem_id, prompt_id = (
                application.id,
                position.active_problems[0].id,
                position.active_prompts[0].id,
            )
        engine.dispose()

        client = Browserless(base)
        status, _ = client.form("/login", {"email": "restart@example.com", "password": "candidate-password"}, "/login")
        assert status == 302
        test = f"/applications/{app_id}/test"
        assert client.form(f"{test}/start", {}, test)[0] == 302
        token = client.token(f"{test}/problems/{problem_id}")
        clock_before = json.loads(client.call("GET", f"{test}/clock")[1])
        essay = f"My essay survives restarts {uuid.uuid4().hex}"
        code = f"# {uuid.uuid4().hex}\nprint(sum(map(int, input().split())))\n"
        status, saved = client.json(
            f"{test}/essays/{prompt_id}/draft", {"text": essay, "revision": 3, "base_revision": 0, "tab": "t1"}, token
        )
        assert status == 200 and saved["saved"] is True
        status, saved = client.json(
            f"{test}/problems/{problem_id}/draft",
            {"language": "python", "source": code, "revision": 5, "base_revision": 0, "tab": "t1"},
            token,
        )
        assert status == 200 and saved["saved"] is True

        os.killpg(server.pid, signal.SIGKILL)  # the web process dies without any chance to clean up
        server.wait(timeout=10)
        time.sleep(2)
        server = _server(env, port, tmp_path / "server.log")
        wait_for(lambda: _answers(base), 60, what="the restarted server to answer")

        clock_after = json.loads(client.call("GET", f"{test}/clock")[1])  # same session cookie: still signed in
        assert clock_after["deadline"] == clock_before["deadline"]
        assert clock_after["remaining_seconds"] < clock_before["remaining_seconds"]
        _, essay_page = client.call("GET", f"{test}/essays/{prompt_id}")
        _, problem_page = client.call("GET", f"{test}/problems/{problem_id}")
        assert essay in essay_page
        assert code.splitlines()[0] in problem_page
        # An older revision arriving late (a retry from before the restart) never overwrites newer text.
        status, stale = client.json(
            f"{test}/essays/{prompt_id}/draft",
            {"text": "old text", "revision": 2, "base_revision": 0, "tab": "t1"},
            token,
        )
        assert status == 200 and stale["saved"] is False and stale["revision"] == 3
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)


def _answers(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/login", timeout=2) as response:
            return response.status == 200
    except Exception:  # noqa: BLE001
        return False
