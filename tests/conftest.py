"""Shared fixtures: an app on a fresh SQLite database, users, Docker availability.

Under CI=true a missing Docker engine or browser fails the run instead of skipping."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def unavailable(reason: str):
    """Skip locally, fail under CI: a skipped test in CI would hide a broken install."""
    if IN_CI:
        pytest.fail(f"{reason} (required under CI=true)", pytrace=False)
    pytest.skip(reason)


def _docker_ok() -> tuple[bool, str]:
    if shutil.which("docker") is None:
        return False, "the docker client is not installed"
    try:
        result = subprocess.run(
            ["docker", "info", "--format", "{{.ServerVersion}}"], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"docker info failed: {exc}"
    if result.returncode != 0:
        return False, "the Docker engine is not running: " + result.stderr.strip()[:200]
    return True, ""


@pytest.fixture(scope="session")
def require_docker():
    """Docker engine up and the runner image built (building is quick when nothing changed)."""
    ok, why = _docker_ok()
    if not ok:
        unavailable(why)
    from sandbox.build import build_images

    build_images(log=lambda *a, **k: None)
    return True


class BusyCore:
    """Eight busy loops of this machine pinned to one CPU at the default weight, each in its own session (the kernel
    weighs a session's processes together): a sandbox on that core gets a few percent of it, far less than an honest
    program needs within its limits. `free()` ends them."""

    def __init__(self, core: int):
        self.core = core
        self.hogs = [
            subprocess.Popen(
                [sys.executable, "-c", "while True: pass"],
                preexec_fn=lambda: os.sched_setaffinity(0, {core}),
                start_new_session=True,
            )
            for _ in range(8)
        ]

    def free(self) -> None:
        for hog in self.hogs:
            hog.kill()
        for hog in self.hogs:
            hog.wait()


@pytest.fixture
def starved_core(monkeypatch):
    """Every judge run pinned to one CPU that the machine keeps busy (BusyCore)."""
    from sandbox import cpus

    core = max(os.sched_getaffinity(0))
    monkeypatch.setenv("ASSESSMENT_SANDBOX_CPUS", str(core))
    cpus.reset()
    busy = BusyCore(core)
    try:
        yield busy
    finally:
        busy.free()
        monkeypatch.delenv("ASSESSMENT_SANDBOX_CPUS")
        cpus.reset()


@pytest.fixture(scope="session")
def postgres_server():
    """One throw-away PostgreSQL server for the test session (tests/services.py); each test makes its own database
    on it with `postgres_database`."""
    from tests.services import PostgresServer

    try:
        server = PostgresServer()
        server.start()
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        unavailable(f"PostgreSQL could not be started: {exc}")
    yield server
    server.cleanup()


_pg_databases = iter(range(1, 1_000_000))


def postgres_database(server, prefix: str) -> str:
    """A new, empty database on `server`; returns its SQLAlchemy URL."""
    name = f"{prefix}{os.getpid()}_{next(_pg_databases)}"
    subprocess.run(
        [str(server.bin / "createdb"), "-h", "127.0.0.1", "-p", str(server.port), "-U", "assessment", name],
        check=True,
        capture_output=True,
    )
    return server.url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="session")
def playwright_driver():
    """The one Playwright driver of the test session (its sync API allows only one at a time): browser tests in every
    folder share it."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright Python package is not installed")
    driver = sync_playwright().start()
    yield driver
    driver.stop()


@pytest.fixture
def settings(tmp_path):
    from assessment.config import Settings

    instance = tmp_path / "instance"
    return Settings.from_env(
        instance_path=instance,
        database_url=f"sqlite:///{instance / 'test.sqlite'}",
        secret_key="test-secret-key-" + "0" * 32,
        cv_dir=instance / "cvs",
        outbox_dir=instance / "outbox",
        snapshot_dir=instance / "snapshots",
        rate_limit_storage="memory://",
        extra={"TESTING": True},
    )


@pytest.fixture
def app(settings):
    from assessment import create_app

    application = create_app(settings, start_workers=False)
    yield application
    application.extensions["assessment.db"].dispose()


@pytest.fixture
def db(app):
    """The app's scoped session, inside an app context."""
    with app.app_context():
        from assessment.extensions import session

        yield session()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(app):
    from assessment.models import User, utcnow

    def make(
        email: str,
        role: str = "candidate",
        password: str = "correct horse battery",
        name: str | None = None,
        confirmed: bool = True,
    ):
        database = app.extensions["assessment.db"]
        with database.new_session() as s:
            user = User(
                email=email.lower(),
                name=name or email.split("@")[0].title(),
                role=role,
                email_confirmed_at=utcnow() if confirmed else None,
            )
            user.set_password(password)
            s.add(user)
            s.commit()
            return user

    return make


def csrf_token_from(html: str) -> str:
    import re

    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'<meta name="csrf-token" content="([^"]+)"', html
    )
    assert match, "no CSRF token in page"
    return match.group(1)


@pytest.fixture
def login(client):
    """Sign a user in through the real login form (CSRF included)."""

    def do(email: str, password: str = "correct horse battery", c=None):
        c = c or client
        token = csrf_token_from(c.get("/login").get_data(as_text=True))
        response = c.post("/login", data={"email": email, "password": password, "csrf_token": token})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return c

    return do


@pytest.fixture(scope="session")
def sample_problems_dir() -> Path:
    return REPO / "problems"


@pytest.fixture
def s(app):
    """A database session of its own (not the request-scoped one), for seeding and checking. No app context is held:
    requests from the test client must each get their own (flask-login caches the user in `g`)."""
    with app.extensions["assessment.db"].new_session() as session:
        yield session


@pytest.fixture
def new_client(app, login):
    """A fresh, signed-in test client per user (several reviewers in one test)."""

    def make(email: str):
        c = app.test_client()
        login(email, c=c)
        return c

    return make


def post_form(c, url: str, data: dict, page: str | None = None):
    """POST with the CSRF token from `page` (or from `url` itself)."""
    html = c.get(page or url).get_data(as_text=True)
    return c.post(url, data={"csrf_token": csrf_token_from(html), **data})
