from __future__ import annotations

from tests.conftest import csrf_token_from


def test_login_and_logout(client, make_user, login):
    make_user("admin@example.com", role="admin")
    login("admin@example.com")
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "Administration" in page.get_data(as_text=True)
    token = csrf_token_from(page.get_data(as_text=True))
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/admin/").status_code == 302  # back to sign-in


def test_wrong_password_is_refused_without_saying_which_part(client, make_user):
    make_user("a@example.com")
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": "a@example.com", "password": "nope", "csrf_token": token})
    assert response.status_code == 200
    assert "do not match" in response.get_data(as_text=True)
    unknown = client.post("/login", data={"email": "nobody@example.com", "password": "nope", "csrf_token": token})
    assert "do not match" in unknown.get_data(as_text=True)


def test_unconfirmed_email_cannot_sign_in(client, make_user):
    make_user("new@example.com", confirmed=False)
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"email": "new@example.com", "password": "correct horse battery", "csrf_token": token}
    )
    assert response.status_code == 200
    assert "confirm your email" in response.get_data(as_text=True)


def test_login_form_requires_csrf(client, make_user):
    make_user("a@example.com")
    response = client.post("/login", data={"email": "a@example.com", "password": "correct horse battery"})
    assert response.status_code == 400


def test_open_redirect_is_ignored(client, make_user):
    make_user("admin@example.com", role="admin")
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login?next=https://evil.example/",
        data={"email": "admin@example.com", "password": "correct horse battery", "csrf_token": token},
    )
    assert response.status_code == 302
    assert "evil" not in response.headers["Location"]


def test_candidate_and_reviewer_cannot_reach_admin(client, make_user, login, app):
    make_user("cand@example.com", role="candidate")
    login("cand@example.com")
    assert client.get("/admin/").status_code == 403
    other = app.test_client()
    make_user("rev@example.com", role="reviewer")
    login("rev@example.com", c=other)
    assert other.get("/admin/").status_code == 403


def test_error_pages_never_show_tracebacks(client):
    response = client.get("/does-not-exist")
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "Not Found" in body


def test_security_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
