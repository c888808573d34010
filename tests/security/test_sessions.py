"""Finding 2: sessions end when they should, on SQLite and PostgreSQL. Signing out, changing or resetting a password,
deactivating an account and changing its role end every other session and remember-me cookie of that user at their
next request; remember-me expires on the server; signing in starts a new session."""

from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import select

from tests.candidate.account_helpers import link_path, mails_to
from tests.security.conftest import BACKENDS, PASSWORD, post_form


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def people(make_user):
    make_user("cand@example.com", role="candidate", name="Cara Candidate")
    make_user("rev@example.com", role="reviewer", name="Rex Reviewer")
    make_user("boss@example.com", role="admin", name="Bo Boss")
    make_user("deputy@example.com", role="admin", name="Dee Deputy")


def remember_cookie(client) -> str:
    cookie = client.get_cookie("remember_token")
    assert cookie is not None and cookie.value, "signing in with 'keep me signed in' set no remember-me cookie"
    return cookie.value


def with_only_remember_cookie(app, value: str):
    """A browser that kept only the remember-me cookie (restarted, or a stolen copy)."""
    client = app.test_client()
    client.set_cookie("remember_token", value)
    return client


def candidate_signed_in(client) -> bool:
    return client.get("/me").status_code == 200


def test_sign_out_ends_every_session_and_remember_me_cookie(app, people, signed_in):
    laptop = signed_in("cand@example.com", remember=True)
    phone = signed_in("cand@example.com")
    kept = remember_cookie(laptop)
    assert candidate_signed_in(with_only_remember_cookie(app, kept))
    assert post_form(laptop, "/logout", {}, page="/me").status_code == 302
    assert not candidate_signed_in(laptop)
    assert not candidate_signed_in(phone)  # the next request of the other session is already signed out
    assert not candidate_signed_in(with_only_remember_cookie(app, kept))


def test_password_change_ends_other_sessions_and_keeps_this_one(app, people, signed_in):
    here = signed_in("cand@example.com", remember=True)
    elsewhere = signed_in("cand@example.com", remember=True)
    old_cookie = remember_cookie(elsewhere)
    response = post_form(
        here,
        "/account/password",
        {"current": PASSWORD, "password": "a brand new passphrase", "confirm": "a brand new passphrase"},
    )
    assert response.status_code == 302
    assert candidate_signed_in(here)
    assert not candidate_signed_in(elsewhere)
    assert not candidate_signed_in(with_only_remember_cookie(app, old_cookie))
    assert candidate_signed_in(with_only_remember_cookie(app, remember_cookie(here)))  # this browser's new one works
    assert (
        post_form(
            here,
            "/account/password",
            {"current": "wrong one", "password": "another passphrase!", "confirm": "another passphrase!"},
        ).status_code
        == 400
    )


def test_password_reset_ends_every_session(app, settings, people, signed_in):
    stolen = signed_in("cand@example.com", remember=True)
    stolen_cookie = remember_cookie(stolen)
    owner = app.test_client()
    assert post_form(owner, "/password/forgot", {"email": "cand@example.com"}).status_code == 200
    path = link_path(mails_to(settings, "cand@example.com")[-1]["body"], settings)
    response = post_form(owner, path, {"password": "reset to something new", "confirm": "reset to something new"})
    assert response.status_code == 302
    assert candidate_signed_in(owner)
    assert not candidate_signed_in(stolen)
    assert not candidate_signed_in(with_only_remember_cookie(app, stolen_cookie))


def test_deactivation_ends_sessions_at_once(app, people, signed_in, s):
    from assessment.models import User

    reviewer = signed_in("rev@example.com", remember=True)
    cookie = remember_cookie(reviewer)
    assert reviewer.get("/review/").status_code == 200
    user = s.scalar(select(User).where(User.email == "rev@example.com"))
    user.active = False  # however an account is deactivated (page, script, database)
    s.commit()
    assert reviewer.get("/review/").status_code == 302
    assert with_only_remember_cookie(app, cookie).get("/review/").status_code == 302

    # Through the administrators' page: reactivate, sign in again, deactivate.
    admin = signed_in("boss@example.com")
    assert post_form(admin, f"/admin/accounts/{user.id}/reactivate", {}, page="/admin/accounts").status_code == 302
    reviewer = signed_in("rev@example.com", remember=True)
    cookie = remember_cookie(reviewer)
    assert post_form(admin, f"/admin/accounts/{user.id}/deactivate", {}, page="/admin/accounts").status_code == 302
    assert reviewer.get("/review/").status_code == 302
    assert with_only_remember_cookie(app, cookie).get("/review/").status_code == 302
    refused = post_form(app.test_client(), "/login", {"email": "rev@example.com", "password": PASSWORD})
    assert refused.status_code == 200 and "do not match" in refused.get_data(as_text=True)


def test_role_change_ends_sessions(app, people, signed_in, s):
    from assessment.models import User

    deputy = signed_in("deputy@example.com", remember=True)
    cookie = remember_cookie(deputy)
    assert deputy.get("/admin/").status_code == 200
    user = s.scalar(select(User).where(User.email == "deputy@example.com"))
    user.role = "reviewer"  # taking the administrator role away, however it is done
    s.commit()
    assert deputy.get("/admin/").status_code == 302  # signed out, not merely refused
    assert with_only_remember_cookie(app, cookie).get("/admin/").status_code == 302

    # Through the administrators' page: the reviewer is made an administrator again; their session ends too.
    reviewer = signed_in("deputy@example.com")
    assert reviewer.get("/admin/").status_code == 403 and reviewer.get("/review/").status_code == 200
    admin = signed_in("boss@example.com")
    assert (
        post_form(admin, f"/admin/accounts/{user.id}/role", {"role": "admin"}, page="/admin/accounts").status_code
        == 302
    )
    assert reviewer.get("/review/").status_code == 302
    assert signed_in("deputy@example.com").get("/admin/").status_code == 200
    # Nobody can demote or deactivate themselves, so there is always an administrator left.
    me = s.scalar(select(User).where(User.email == "boss@example.com"))
    post_form(admin, f"/admin/accounts/{me.id}/role", {"role": "reviewer"}, page="/admin/accounts")
    post_form(admin, f"/admin/accounts/{me.id}/deactivate", {}, page="/admin/accounts")
    s.expire_all()
    assert s.get(User, me.id).role == "admin" and s.get(User, me.id).active


def test_remember_me_expires_on_the_server(app, people, signed_in, monkeypatch):
    cookie = remember_cookie(signed_in("cand@example.com", remember=True))
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 13 * 86400)
    assert candidate_signed_in(with_only_remember_cookie(app, cookie))
    monkeypatch.setattr(time, "time", lambda: real() + 15 * 86400)  # default: 14 days
    assert not candidate_signed_in(with_only_remember_cookie(app, cookie))


def test_a_session_without_remember_me_ends_after_idle_hours(app, people, signed_in, monkeypatch):
    browser = signed_in("cand@example.com")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 11 * 3600)
    assert candidate_signed_in(browser)  # a request restarts the idle clock
    monkeypatch.setattr(time, "time", lambda: real() + 22 * 3600)
    assert candidate_signed_in(browser)
    monkeypatch.setattr(time, "time", lambda: real() + 35 * 3600)  # 13 hours without a request (default: 12)
    assert not candidate_signed_in(browser)


def test_signing_in_starts_a_new_session(app, people, signed_in):
    browser = app.test_client()
    browser.get("/login")
    with browser.session_transaction() as before:
        planted = dict(before)
    assert planted.get("csrf_token"), "the sign-in page keeps a CSRF secret in the session"
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', browser.get("/login").get_data(as_text=True)).group(1)
    assert (
        browser.post(
            "/login", data={"email": "cand@example.com", "password": PASSWORD, "csrf_token": token}
        ).status_code
        == 302
    )
    with browser.session_transaction() as after:
        assert after.get("csrf_token") != planted["csrf_token"]  # nothing from before the sign-in survives it
        first_id = after["_user_id"]
    second = signed_in("cand@example.com")
    with second.session_transaction() as other:
        assert other["_user_id"] != first_id  # every sign-in gets its own session id
    assert candidate_signed_in(browser) and candidate_signed_in(second)
