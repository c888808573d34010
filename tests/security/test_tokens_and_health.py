"""Finding 6 (tokens and health): links sent to reviewers reveal nothing derived from a password; API tokens carry
scopes and an expiry, are shown once (admin page and CLI) and are revocable; the public health endpoint answers with
its status only."""

from __future__ import annotations

import base64
import json
import re
from datetime import timedelta

from click.testing import CliRunner
from sqlalchemy import select

from tests.review import factories as f
from tests.security.conftest import post_form


def token_payload(token: str) -> dict:
    """What anyone holding an itsdangerous link token can read: its payload is only base64, not encrypted."""
    head = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))


def test_reviewer_set_password_link_reveals_nothing_derived_from_the_password(app, settings, s, signed_in):
    from assessment.models import User

    f.user(s, "admin@staff.org", "admin", "Ann Admin")
    s.commit()
    admin = signed_in("admin@staff.org")
    assert post_form(admin, "/admin/reviewers", {"email": "rita@staff.org", "name": "Rita Reviewer"}).status_code == 302
    rita = s.scalar(select(User).where(User.email == "rita@staff.org"))
    rita.set_password("rita's chosen password")  # she used the first link; an admin then sends a new one
    s.commit()
    assert post_form(admin, f"/admin/reviewers/{rita.id}/resend", {}, page="/admin/reviewers").status_code == 302
    mails = f.mails_to(settings.outbox_dir, "rita@staff.org")
    link = re.search(r"/review/welcome/(\S+)", mails[-1]["body"]).group(1)
    s.refresh(rita)
    stored = rita.password_hash
    payload = json.dumps(token_payload(link))
    pieces = {stored[i : i + 8] for i in range(0, len(stored) - 8)}
    assert not [p for p in pieces if p in payload], payload
    page = app.test_client().get(f"/review/welcome/{link}").get_data(as_text=True)
    assert not [p for p in pieces if p in page]


def test_api_tokens_have_scopes_and_an_expiry_and_are_shown_once_on_the_admin_page(app, s, signed_in, client):
    from assessment.models import ApiToken, utcnow

    f.position(s, "ml-intern", prompts=0, essay=False, weight_coding=1.0)
    f.user(s, "admin@staff.org", "admin", "Ann Admin")
    s.commit()
    admin = signed_in("admin@staff.org")
    created = post_form(admin, "/admin/api-tokens", {"name": "Greenhouse ATS", "scopes": "board:read", "days": "30"})
    assert created.status_code == 200
    html = created.get_data(as_text=True)
    secret = re.search(r'id="new-token"[^>]*>\s*(asm_[A-Za-z0-9_-]+)', html).group(1)
    assert "not shown again" in html
    listing = admin.get("/admin/api-tokens").get_data(as_text=True)
    assert "Greenhouse ATS" in listing and secret not in listing and "board:read" in listing
    row = s.scalar(select(ApiToken).where(ApiToken.name == "Greenhouse ATS"))
    assert row.scopes == ["board:read"] and secret not in row.token_hash
    assert timedelta(days=29) < row.expires_at - utcnow() <= timedelta(days=30)

    bearer = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/positions/ml-intern/board", headers=bearer).status_code == 200
    health = client.get("/api/v1/health", headers=bearer)  # details need the admin scope
    assert set(health.get_json()) == {"status"}

    row.expires_at = utcnow() - timedelta(seconds=1)
    s.commit()
    expired = client.get("/api/v1/positions/ml-intern/board", headers=bearer)
    assert expired.status_code == 401 and "expired" in expired.get_json()["message"]
    row.expires_at = utcnow() + timedelta(days=1)
    s.commit()
    assert post_form(admin, f"/admin/api-tokens/{row.id}/revoke", {}, page="/admin/api-tokens").status_code == 302
    assert client.get("/api/v1/positions/ml-intern/board", headers=bearer).status_code == 401
    # Nonsense is refused: unknown scopes, no scope, an expiry beyond two years.
    for bad in ({"scopes": "everything"}, {"scopes": ""}, {"scopes": "admin", "days": "9999"}):
        response = post_form(admin, "/admin/api-tokens", {"name": "bad", "days": "30", **bad})
        assert response.status_code == 400, bad
    assert s.scalar(select(ApiToken).where(ApiToken.name == "bad")) is None


def test_api_token_cli_sets_scopes_and_expiry(app, s, monkeypatch, client):
    import assessment.cli.api_tokens as cli_module
    from assessment.cli import _app, main

    f.position(s, "ml-intern", prompts=0, essay=False, weight_coding=1.0)
    monkeypatch.setattr(_app, "app", lambda: app)
    monkeypatch.setattr(cli_module, "app", lambda: app)
    runner = CliRunner()
    result = runner.invoke(
        main, ["api-token", "create", "--name", "Monitoring", "--scope", "admin", "--expires-in-days", "7"]
    )
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    assert "expires" in result.output and "admin" in result.output
    details = client.get("/api/v1/health", headers={"Authorization": f"Bearer {secret}"}).get_json()
    assert details["status"] in ("ok", "degraded") and "checks" in details
    listing = runner.invoke(main, ["api-token", "list"]).output
    assert "Monitoring" in listing and "admin" in listing and "expires" in listing and secret not in listing
    assert runner.invoke(main, ["api-token", "create", "--name", "x", "--scope", "root"]).exit_code != 0


def test_public_health_answers_status_only(client, app):
    response = client.get("/api/v1/health")
    data = response.get_json()
    assert set(data) == {"status"}, data
    assert data["status"] in ("ok", "degraded")
    assert response.status_code == (200 if data["status"] == "ok" else 503)
    body = response.get_data(as_text=True)
    assert "version" not in body.lower() and "engine" not in body and "sqlite" not in body
