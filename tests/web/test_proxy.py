"""Behind reverse proxies (ASSESSMENT_PROXY_HOPS) rate limits key on the real client address."""

from __future__ import annotations

import pytest

from tests.conftest import csrf_token_from


@pytest.fixture
def make_app(settings, monkeypatch):
    """An app whose settings are read from an environment with ASSESSMENT_PROXY_HOPS set to `hops` (or unset)."""
    apps = []

    def make(hops: str | None):
        from dataclasses import asdict

        from assessment import create_app
        from assessment.config import Settings

        if hops is None:
            monkeypatch.delenv("ASSESSMENT_PROXY_HOPS", raising=False)
        else:
            monkeypatch.setenv("ASSESSMENT_PROXY_HOPS", hops)
        fixed = {key: value for key, value in asdict(settings).items() if key != "proxy_hops"}
        fixed["form_address_limit"] = "5 per minute"  # low, to see which address the limit counts
        application = create_app(Settings.from_env(**fixed), start_workers=False)
        apps.append(application)
        return application

    yield make
    for application in apps:
        application.extensions["assessment.db"].dispose()


def register(client, email: str, forwarded_for: str) -> int:
    headers = {"X-Forwarded-For": forwarded_for}
    token = csrf_token_from(client.get("/register", headers=headers).get_data(as_text=True))
    return client.post(
        "/register", data={"name": "Ada", "email": email, "csrf_token": token}, headers=headers
    ).status_code


def test_rate_limit_keys_on_x_forwarded_for_with_one_hop(make_app):
    client = make_app("1").test_client()
    # every request arrives from the proxy (127.0.0.1); the proxy names the client
    assert [register(client, f"a{i}@example.com", "203.0.113.7") for i in range(6)] == [200] * 5 + [429]
    assert register(client, "b@example.com", "198.51.100.9") == 200  # another client is not limited
    # only the hop the proxy appended is trusted: a forged left-most entry does not escape the limit
    assert register(client, "c@example.com", "198.51.100.1, 203.0.113.7") == 429


def test_proxy_scheme_and_host_are_taken_from_the_proxy(make_app):
    app = make_app("1")

    @app.route("/_where")
    def where():
        from flask import request

        return f"{request.scheme} {request.host} {request.remote_addr}"

    body = (
        app.test_client()
        .get(
            "/_where",
            headers={
                "X-Forwarded-For": "203.0.113.7",
                "X-Forwarded-Proto": "https",
                "X-Forwarded-Host": "jobs.example.com",
            },
        )
        .get_data(as_text=True)
    )
    assert body == "https jobs.example.com 203.0.113.7"


def test_without_hops_forwarded_headers_are_ignored(make_app):
    client = make_app(None).test_client()
    statuses = [register(client, f"a{i}@example.com", f"203.0.113.{i}") for i in range(6)]
    assert statuses == [200] * 5 + [429]  # all from 127.0.0.1, whatever the header says


def test_a_bad_hops_value_names_the_setting(make_app):
    with pytest.raises(SystemExit) as excinfo:
        make_app("two")
    assert "ASSESSMENT_PROXY_HOPS='two' is not valid" in str(excinfo.value)
