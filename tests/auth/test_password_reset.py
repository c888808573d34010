"""Password reset for every role: the forgot page, the one-hour single-use link, the new password."""

from __future__ import annotations

import itsdangerous.timed
import pytest
from sqlalchemy import select

from tests.candidate.account_helpers import PASSWORD, audit_entries, link_path, mails_to, outbox, post_form
from tests.conftest import csrf_token_from

NEW_PASSWORD = "a brand new passphrase"


def user(app, email):
    from assessment.models import User

    with app.extensions["assessment.db"].new_session() as s:
        return s.scalar(select(User).where(User.email == email))


def forgot(client, email):
    return post_form(client, "/password/forgot", {"email": email})


def reset_link(app, client, settings, email) -> str:
    assert forgot(client, email).status_code == 200
    [mail] = mails_to(settings, email)[-1:]
    assert mail["subject"] == "Reset your password"
    return link_path(mail["body"], settings)


def can_sign_in(app, email, password) -> bool:
    other = app.test_client()
    token = csrf_token_from(other.get("/login").get_data(as_text=True))
    response = other.post("/login", data={"email": email, "password": password, "csrf_token": token})
    return response.status_code == 302


def test_login_page_links_to_the_forgot_page(client):
    html = client.get("/login").get_data(as_text=True)
    assert 'href="/password/forgot"' in html and "Forgot your password?" in html
    page = client.get("/password/forgot")
    assert page.status_code == 200 and '<label for="email">' in page.get_data(as_text=True)


@pytest.mark.parametrize("role, home", [("candidate", "/me"), ("reviewer", "/review/"), ("admin", "/admin/")])
def test_full_reset_through_the_outbox_link(app, client, settings, make_user, role, home):
    make_user("pat@example.com", role=role, name="Pat Doe")
    sent = forgot(client, "Pat@Example.com ")
    assert sent.status_code == 200 and "Check your email" in sent.get_data(as_text=True)

    [mail] = mails_to(settings, "pat@example.com")
    assert mail["subject"] == "Reset your password" and "Pat Doe" in mail["body"] and "60 minutes" in mail["body"]
    link = link_path(mail["body"], settings)
    assert link.startswith("/password/reset/")

    form = client.get(link)
    assert form.status_code == 200 and "pat@example.com" in form.get_data(as_text=True)
    short = post_form(client, link, {"password": "too short", "confirm": "too short"})
    assert short.status_code == 400 and "at least 10 characters" in short.get_data(as_text=True)
    differ = post_form(client, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"})
    assert differ.status_code == 400 and "differ" in differ.get_data(as_text=True)
    assert user(app, "pat@example.com").check_password(PASSWORD)  # nothing changed yet

    done = post_form(client, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302 and done.headers["Location"].endswith(home)
    assert client.get(home).status_code == 200  # signed in as that user
    account = user(app, "pat@example.com")
    assert account.check_password(NEW_PASSWORD) and not account.check_password(PASSWORD)
    assert can_sign_in(app, "pat@example.com", NEW_PASSWORD)
    assert not can_sign_in(app, "pat@example.com", PASSWORD)

    [entry] = audit_entries(app, "user.password_reset")
    assert entry.actor_id == account.id and entry.target_type == "User" and entry.target_id == account.id


def test_the_link_works_once(app, client, settings, make_user):
    make_user("once@example.com")
    link = reset_link(app, client, settings, "once@example.com")
    assert post_form(client, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 302

    other = app.test_client()
    again = other.get(link)
    html = again.get_data(as_text=True)
    assert again.status_code == 410 and "already been used" in html and 'name="password"' not in html
    token = csrf_token_from(other.get("/password/forgot").get_data(as_text=True))
    reused = other.post(
        link, data={"password": "someone else's password", "confirm": "someone else's password", "csrf_token": token}
    )
    assert reused.status_code == 410
    assert user(app, "once@example.com").check_password(NEW_PASSWORD)
    assert len(audit_entries(app, "user.password_reset")) == 1


def test_a_link_stops_working_when_the_password_changes_otherwise(app, client, settings, make_user):
    from assessment.models import User

    make_user("change@example.com")
    first = reset_link(app, client, settings, "change@example.com")
    second = reset_link(app, app.test_client(), settings, "change@example.com")
    with app.extensions["assessment.db"].new_session() as s:
        s.scalar(select(User).where(User.email == "change@example.com")).set_password("changed by an admin")
        s.commit()
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 410


def test_expired_forged_and_wrong_purpose_links_are_refused(app, client, make_user, monkeypatch):
    from assessment.auth.password import reset_token
    from assessment.models import User
    from assessment.tokens import CONFIRM_EMAIL, PASSWORD_RESET, make_token

    make_user("late@example.com")

    class LongAgo:
        @staticmethod
        def time():
            import time

            return time.time() - PASSWORD_RESET.max_age_seconds - 60

    with app.app_context(), app.test_request_context():
        from assessment.extensions import session

        account = session().scalar(select(User).where(User.email == "late@example.com"))
        monkeypatch.setattr(itsdangerous.timed, "time", LongAgo)
        old = reset_token(account)
        monkeypatch.undo()
        good = reset_token(account)
        payload = {"uid": account.id, "stamp": account.credentials_stamp}
        other_purpose = make_token(CONFIRM_EMAIL, payload)
        other_key = make_token(PASSWORD_RESET, payload, secret_key="not-the-key")
        wrong_fingerprint = make_token(PASSWORD_RESET, {"uid": account.id, "stamp": "0" * 32})
        no_user = make_token(PASSWORD_RESET, {"uid": account.id + 100, "stamp": payload["stamp"]})

    expired = client.get(f"/password/reset/{old}")
    html = expired.get_data(as_text=True)
    assert expired.status_code == 410 and "expired" in html and 'name="password"' not in html
    assert "Traceback" not in html and 'href="/password/forgot"' in html
    token = csrf_token_from(client.get("/password/forgot").get_data(as_text=True))
    posted = client.post(
        f"/password/reset/{old}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD, "csrf_token": token}
    )
    assert posted.status_code == 410 and user(app, "late@example.com").check_password(PASSWORD)

    tampered = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    for bad in (tampered, other_purpose, other_key, no_user, "nonsense"):
        response = client.get(f"/password/reset/{bad}")
        assert response.status_code == 400, bad
        assert "not valid" in response.get_data(as_text=True)
    assert client.get(f"/password/reset/{wrong_fingerprint}").status_code == 410
    assert client.get(f"/password/reset/{good}").status_code == 200
    assert user(app, "late@example.com").check_password(PASSWORD)


def test_reset_posts_require_csrf(app, client, settings, make_user):
    make_user("csrf@example.com")
    assert client.post("/password/forgot", data={"email": "csrf@example.com"}).status_code == 400
    assert outbox(settings) == []
    link = reset_link(app, client, settings, "csrf@example.com")
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 400
    assert user(app, "csrf@example.com").check_password(PASSWORD)
    assert client.get(link).status_code == 200  # the link is still usable


def test_unknown_email_gets_the_same_page_and_no_mail(app, client, settings, make_user):
    make_user("known@example.com")
    make_user("gone@example.com")
    with app.extensions["assessment.db"].new_session() as s:
        from assessment.models import User

        s.scalar(select(User).where(User.email == "gone@example.com")).active = False
        s.commit()

    known = forgot(client, "known@example.com")
    unknown = forgot(app.test_client(), "nobody@example.com")
    inactive = forgot(app.test_client(), "gone@example.com")
    assert known.status_code == unknown.status_code == inactive.status_code == 200
    same = known.get_data(as_text=True).replace("known@example.com", "X")
    assert unknown.get_data(as_text=True).replace("nobody@example.com", "X") == same
    assert inactive.get_data(as_text=True).replace("gone@example.com", "X") == same
    assert [m["to"] for m in outbox(settings)] == ["known@example.com"]


def test_forgot_form_errors_and_rate_limit(client, settings):
    bad = post_form(client, "/password/forgot", {"email": "not-an-email"})
    assert bad.status_code == 400 and "Enter a valid email address." in bad.get_data(as_text=True)
    statuses = [forgot(client, "user@example.com").status_code for i in range(6)]
    assert statuses[:5] == [200] * 5 and statuses[5] == 429  # per email address
    body = forgot(client, "user@example.com").get_data(as_text=True)
    assert "Please try again in" in body and "Traceback" not in body
    assert forgot(client, "another@example.com").status_code == 200
    assert outbox(settings) == []


def test_reset_confirms_an_unconfirmed_address(app, client, settings, make_user):
    make_user("new@example.com", confirmed=False)
    assert not can_sign_in(app, "new@example.com", PASSWORD)
    link = reset_link(app, client, settings, "new@example.com")
    assert post_form(client, link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 302
    assert user(app, "new@example.com").email_confirmed_at is not None
    assert can_sign_in(app, "new@example.com", NEW_PASSWORD)
