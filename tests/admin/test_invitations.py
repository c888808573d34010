"""Administrators resend and withdraw pending invitations."""

from __future__ import annotations

from datetime import timedelta

from babel.dates import format_date
from sqlalchemy import select

from tests.candidate.account_helpers import PASSWORD, audit_entries, link_path, mails_to, make_position, post_form
from tests.conftest import csrf_token_from

PAGE = "/admin/positions/backend/invitations"


def admin_client(app, make_user, login):
    make_user("boss@example.com", role="admin", name="Boss")
    c = app.test_client()
    login("boss@example.com", c=c)
    return c


def invite(admin, name="Grace Hopper", email="grace@example.com"):
    assert post_form(admin, PAGE, {"name": name, "email": email}).status_code == 302


def invitation(app, email="grace@example.com"):
    from assessment.models import Invitation

    with app.extensions["assessment.db"].new_session() as s:
        return s.scalar(select(Invitation).where(Invitation.email == email))


def action(admin, invitation_id: int, verb: str):
    return post_form(admin, PAGE, {}, post_url=f"{PAGE}/{invitation_id}/{verb}", follow_redirects=True)


def set_invitation(app, invitation_id: int, **values):
    from assessment.models import Invitation

    with app.extensions["assessment.db"].new_session() as s:
        row = s.get(Invitation, invitation_id)
        for key, value in values.items():
            setattr(row, key, value)
        s.commit()


def test_pending_invitations_offer_resend_and_revoke(app, make_user, login):
    make_position(app)
    admin = admin_client(app, make_user, login)
    invite(admin)
    inv = invitation(app)
    html = admin.get(PAGE).get_data(as_text=True)
    assert f'action="{PAGE}/{inv.id}/resend"' in html and f'action="{PAGE}/{inv.id}/revoke"' in html


def test_resend_sends_a_new_link_with_a_new_expiry(app, client, settings, make_user, login):
    from assessment.models import utcnow

    make_position(app)
    admin = admin_client(app, make_user, login)
    invite(admin)
    inv = invitation(app)
    # nearly expired: resending gives the full validity again
    set_invitation(app, inv.id, expires_at=utcnow() + timedelta(hours=1))

    page = action(admin, inv.id, "resend")
    assert page.status_code == 200 and "Invitation sent again to grace@example.com" in page.get_data(as_text=True)
    first, second = mails_to(settings, "grace@example.com")
    assert first["subject"] == second["subject"]
    new_link = link_path(second["body"], settings)
    assert new_link.startswith("/invitations/")
    renewed = invitation(app)
    assert renewed.expires_at - utcnow() > timedelta(days=13)
    assert format_date(renewed.expires_at, "long", locale="en") in second["body"]  # "December 20, 2026"

    [entry] = audit_entries(app, "invitation.resent")
    assert entry.target_type == "Invitation" and entry.target_id == inv.id
    assert (
        entry.details["email"] == "grace@example.com"
        and entry.details["previous_expires_at"] < entry.details["expires_at"]
    )

    # the new link works
    done = post_form(client, new_link, {"password": PASSWORD, "confirm": PASSWORD})
    assert done.status_code == 302 and done.headers["Location"].endswith("/positions/backend/apply")


def test_an_expired_invitation_can_be_resent_and_works_again(app, client, settings, make_user, login):
    from assessment.models import utcnow

    make_position(app)
    admin = admin_client(app, make_user, login)
    invite(admin)
    inv = invitation(app)
    set_invitation(app, inv.id, expires_at=utcnow() - timedelta(minutes=1))
    old_link = link_path(mails_to(settings, "grace@example.com")[0]["body"], settings)
    assert client.get(old_link).status_code == 410
    html = admin.get(PAGE).get_data(as_text=True)
    assert 'data-status="expired"' in html and f"{inv.id}/resend" in html and f"{inv.id}/revoke" not in html

    action(admin, inv.id, "resend")
    new_link = link_path(mails_to(settings, "grace@example.com")[-1]["body"], settings)
    assert client.get(new_link).status_code == 200
    assert 'data-status="pending"' in admin.get(PAGE).get_data(as_text=True)


def test_revoke_withdraws_the_link(app, client, settings, make_user, login):
    make_position(app)
    admin = admin_client(app, make_user, login)
    invite(admin)
    inv = invitation(app)
    link = link_path(mails_to(settings, "grace@example.com")[0]["body"], settings)

    page = action(admin, inv.id, "revoke")
    html = page.get_data(as_text=True)
    assert "is withdrawn" in html and 'data-status="revoked"' in html
    assert f"{inv.id}/resend" not in html and f"{inv.id}/revoke" not in html
    assert invitation(app).revoked_at is not None
    [entry] = audit_entries(app, "invitation.revoked")
    assert entry.target_id == inv.id and entry.details["email"] == "grace@example.com"

    landing = client.get(link)
    body = landing.get_data(as_text=True)
    assert landing.status_code == 410 and "This invitation was withdrawn" in body and 'name="password"' not in body
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    posted = client.post(link, data={"password": PASSWORD, "confirm": PASSWORD, "csrf_token": token})
    assert posted.status_code == 410
    from assessment.models import User

    with app.extensions["assessment.db"].new_session() as s:
        assert s.scalar(select(User).where(User.email == "grace@example.com")) is None

    # a signed-in person with that address is refused too
    make_user("grace@example.com")
    other = app.test_client()
    token = csrf_token_from(other.get("/login").get_data(as_text=True))
    other.post("/login", data={"email": "grace@example.com", "password": PASSWORD, "csrf_token": token})
    assert other.get(link).status_code == 410

    # and it cannot be sent again
    again = action(admin, inv.id, "resend")
    assert "only a pending or expired invitation can be sent again" in again.get_data(as_text=True)
    assert len(mails_to(settings, "grace@example.com")) == 1


def test_accepted_invitations_cannot_be_revoked_or_resent(app, client, settings, make_user, login):
    make_position(app)
    admin = admin_client(app, make_user, login)
    invite(admin)
    inv = invitation(app)
    link = link_path(mails_to(settings, "grace@example.com")[0]["body"], settings)
    post_form(client, link, {"password": PASSWORD, "confirm": PASSWORD})

    html = admin.get(PAGE).get_data(as_text=True)
    assert 'data-status="accepted"' in html and f"{inv.id}/revoke" not in html and f"{inv.id}/resend" not in html
    refused = action(admin, inv.id, "revoke").get_data(as_text=True)
    assert "only a pending invitation can be withdrawn" in refused
    action(admin, inv.id, "resend")
    assert invitation(app).revoked_at is None
    assert len(mails_to(settings, "grace@example.com")) == 1
    assert audit_entries(app, "invitation.revoked") == [] and audit_entries(app, "invitation.resent") == []


def test_actions_require_admin_csrf_and_the_right_position(app, client, settings, make_user, login):
    make_position(app)
    make_position(app, "frontend", title="Frontend Engineer")
    admin = admin_client(app, make_user, login)
    invite(admin)
    inv = invitation(app)

    assert admin.post(f"{PAGE}/{inv.id}/revoke").status_code == 400  # no CSRF token
    assert admin.post(f"{PAGE}/{inv.id}/resend").status_code == 400
    token = csrf_token_from(admin.get(PAGE).get_data(as_text=True))
    other_position = "/admin/positions/frontend/invitations"
    assert admin.post(f"{other_position}/{inv.id}/revoke", data={"csrf_token": token}).status_code == 404
    assert admin.post(f"{PAGE}/{inv.id + 99}/revoke", data={"csrf_token": token}).status_code == 404

    make_user("cand@example.com")
    login("cand@example.com")
    token = csrf_token_from(client.get("/login", follow_redirects=True).get_data(as_text=True))
    assert client.post(f"{PAGE}/{inv.id}/revoke", data={"csrf_token": token}).status_code == 403
    assert client.post(f"{PAGE}/{inv.id}/resend", data={"csrf_token": token}).status_code == 403
    assert invitation(app).revoked_at is None
    assert len(mails_to(settings, "grace@example.com")) == 1
