"""Finding 2 (cookies and caching): session and remember-me cookies are HttpOnly and SameSite=Lax, and Secure with
HSTS whenever the platform's base URL is https; no page or JSON answer that shows candidate data may be cached."""

from __future__ import annotations

from tests.candidate.attempt_helpers import make_application, make_test_position, start
from tests.review import factories as f


def cookies_of(response) -> dict[str, str]:
    return {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}


def sign_in_response(app, email: str):
    client = app.test_client()
    html = client.get("/login").get_data(as_text=True)
    from tests.conftest import csrf_token_from

    return client.post(
        "/login",
        data={
            "email": email,
            "password": "correct horse battery",
            "remember": "y",
            "csrf_token": csrf_token_from(html),
        },
    )


def test_cookies_are_secure_and_hsts_is_sent_when_served_over_https(settings, make_user):
    from assessment import create_app

    settings.base_url = "https://jobs.example.com"
    app = create_app(settings, start_workers=False)
    try:
        make_user_in(app, "cand@example.com")
        response = sign_in_response(app, "cand@example.com")
        assert response.status_code == 302
        cookies = cookies_of(response)
        for name in ("session", "remember_token"):
            header = cookies[name]
            assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header, header
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        assert "max-age=31536000" in app.test_client().get("/").headers["Strict-Transport-Security"]
    finally:
        app.extensions["assessment.db"].dispose()


def test_cookies_over_plain_http_are_httponly_and_lax_without_hsts(app, make_user):
    make_user("cand@example.com")
    response = sign_in_response(app, "cand@example.com")
    cookies = cookies_of(response)
    for name in ("session", "remember_token"):
        assert "HttpOnly" in cookies[name] and "SameSite=Lax" in cookies[name] and "Secure" not in cookies[name]
    assert "Strict-Transport-Security" not in response.headers


def make_user_in(app, email: str) -> None:
    from assessment.models import User, utcnow

    with app.extensions["assessment.db"].new_session() as s:
        user = User(email=email, name="Cand", role="candidate", email_confirmed_at=utcnow())
        user.set_password("correct horse battery")
        s.add(user)
        s.commit()


def test_no_page_with_candidate_data_may_be_cached(app, client, tmp_path, make_user, login, signed_in, s):
    ids = make_test_position(app, tmp_path)
    make_user("alice@example.com")
    application = make_application(app, "alice@example.com", ids["position"])
    login("alice@example.com")
    start(client, application)
    base = f"/applications/{application}/test"
    candidate_pages = [
        "/me",
        f"{base}/overview",
        f"{base}/problems/{ids['problem']}",
        f"{base}/essays/{ids['prompt']}",
        f"{base}/clock",
        f"{base}/finish",
        "/account/password",
    ]
    for url in candidate_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response.headers.get("Cache-Control", ""), url

    f.user(s, "admin@staff.org", "admin", "Ann Admin")
    s.commit()
    admin = signed_in("admin@staff.org")
    staff_pages = [
        "/admin/",
        "/admin/positions/backend/applications",
        "/admin/positions/backend/invitations",
        "/admin/accounts",
        "/review/positions/backend/board",
        "/review/positions/backend/board.csv",
        f"/review/positions/backend/candidates/{application}",
        f"/review/positions/backend/candidates/{application}/report",
        "/admin/api-tokens",
    ]
    for url in staff_pages:
        response = admin.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response.headers.get("Cache-Control", ""), url
    static = client.get("/static/css/app.css")
    assert "no-store" not in static.headers.get("Cache-Control", "")  # assets stay cacheable


def test_every_answer_carries_each_security_header_once_and_a_views_own_is_kept(app):
    """The headers are added in one pass: none twice, none missing, and one a view already set is not replaced."""
    from flask import make_response

    from assessment.web import CSP

    @app.route("/_own-policy")
    def _own_policy():
        response = make_response("framed elsewhere")
        response.headers["x-frame-options"] = "SAMEORIGIN"  # header names are case-insensitive
        response.headers["cache-control"] = "max-age=60"
        return response

    client = app.test_client()
    for path in ("/login", "/favicon.ico", "/_own-policy"):
        headers = client.get(path).headers
        for name in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"):
            assert len(headers.getlist(name)) == 1, (path, name, headers.getlist(name))
        assert headers.getlist("Cache-Control") == ["no-store"], path  # never cached, whatever the view said
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Content-Security-Policy"] == CSP and "frame-ancestors 'none'" in CSP
        assert headers["Referrer-Policy"] == "same-origin"
    assert client.get("/_own-policy").headers["X-Frame-Options"] == "SAMEORIGIN"
    assert client.get("/login").headers["X-Frame-Options"] == "DENY"
