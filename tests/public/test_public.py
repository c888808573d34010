from __future__ import annotations

from assessment.models import Position
from assessment.rendering import render_markdown


def test_positions_page_lists_open_positions_with_sanitised_markdown(client, db):
    db.add(
        Position(
            slug="vision",
            title="Computer Vision Engineer",
            has_coding=True,
            weight_coding=1.0,
            description_md="**Build** things <script>alert(1)</script> [x](javascript:alert(1))",
        )
    )
    db.add(Position(slug="old", title="Retired Role", retired_at=Position.created_at.default.arg(None)))
    db.commit()
    index = client.get("/").get_data(as_text=True)
    assert "Computer Vision Engineer" in index and "Retired Role" not in index
    detail = client.get("/positions/vision").get_data(as_text=True)
    assert "<strong>Build</strong>" in detail
    assert "<script>alert(1)" not in detail and "javascript:" not in detail
    assert client.get("/positions/old").status_code == 404


def test_markdown_keeps_math_and_highlights_code():
    html = str(render_markdown("Area is $a_i * b_i$.\n\n```python\nprint('hi')\n```\n"))
    assert '<span class="math math-inline">a_i * b_i</span>' in html
    assert 'class="highlight"' in html


def admin_token(app) -> dict:
    """Health details need an API token with the admin scope (the public answer is the status only)."""
    from assessment.accounts.api_tokens import create_token

    with app.app_context():
        from assessment.extensions import session

        _, secret = create_token(session(), "monitoring", ["admin"], 1)
    return {"Authorization": f"Bearer {secret}"}


def test_health_endpoint(client, app):
    body = client.get("/api/v1/health", headers=admin_token(app)).get_json()
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["queue"]["depth"] == 0


def test_health_reports_judging_readiness(client, app):
    body = client.get("/api/v1/health", headers=admin_token(app)).get_json()
    assert body["backend"] == "threads"
    assert "docker" in body["checks"] and "ok" in body["checks"]["docker"]
    assert body["status"] == ("ok" if all(c["ok"] for c in body["checks"].values()) else "degraded")
