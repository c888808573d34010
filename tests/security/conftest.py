"""Fixtures for the security tests: the real app on SQLite or on a real PostgreSQL server, signed-in clients and
seeded positions. Modules whose findings depend on the database (sessions, blindness, races) run on both backends
by overriding `backend` with `params=BACKENDS`."""

from __future__ import annotations

import re

import pytest

from tests.conftest import csrf_token_from, postgres_database

BACKENDS = ["sqlite", "postgresql"]
SECRET = "security-tests-" + "k" * 40
PASSWORD = "correct horse battery"
CHEAP_HASH_METHOD = "pbkdf2:sha256:1000"  # for seeding many accounts quickly; sign-in verifies it like any other


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def database_url(request, backend, tmp_path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'instance' / 'test.sqlite'}"
    return postgres_database(request.getfixturevalue("postgres_server"), "security")


@pytest.fixture
def settings(tmp_path, database_url):
    from assessment.config import Settings

    instance = tmp_path / "instance"
    return Settings.from_env(
        instance_path=instance,
        database_url=database_url,
        secret_key=SECRET,
        cv_dir=instance / "cvs",
        outbox_dir=instance / "outbox",
        snapshot_dir=instance / "snapshots",
        rate_limit_storage="memory://",
        extra={"TESTING": True},
    )


@pytest.fixture
def s(app):
    """A database session of its own, for seeding and checking (no app context held)."""
    with app.extensions["assessment.db"].new_session() as session:
        yield session


@pytest.fixture
def signed_in(app, login):
    """A fresh client signed in as `email` through the real sign-in form."""

    def make(email: str, password: str = PASSWORD, remember: bool = False):
        client = app.test_client()
        token = csrf_token_from(client.get("/login").get_data(as_text=True))
        data = {"email": email, "password": password, "csrf_token": token}
        if remember:
            data["remember"] = "y"
        response = client.post("/login", data=data)
        assert response.status_code == 302, response.get_data(as_text=True)[:400]
        return client

    return make


def post_form(client, url: str, data: dict, page: str | None = None, **kwargs):
    """POST with the CSRF token of `page` (or of `url` itself)."""
    html = client.get(page or url).get_data(as_text=True)
    return client.post(url, data={"csrf_token": csrf_token_from(html), **data}, **kwargs)


def is_signed_in(client, as_path: str = "/account/password") -> bool:
    """Whether the client's cookies still identify a signed-in user (a page that needs one answers 200)."""
    return client.get(as_path).status_code == 200


def strip_tokens(html: str) -> str:
    return re.sub(r'(name="csrf_token"[^>]*value|name="csrf-token" content)="[^"]*"', "", html)
