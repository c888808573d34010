"""Getting in: self-service registration with email confirmation, and invitations (single and CSV)."""

from __future__ import annotations

import base64
import socket
import socketserver
import threading
from datetime import timedelta

import itsdangerous.timed
import pytest
from sqlalchemy import select

from tests.candidate.account_helpers import PASSWORD, link_path, mails_to, make_position, outbox, post_form
from tests.conftest import csrf_token_from


def register(client, name="Ada Lovelace", email="ada@example.com", next_url=None):
    url = "/register" + (f"?next={next_url}" if next_url else "")
    return post_form(client, url, {"name": name, "email": email})


def user(app, email):
    from assessment.models import User

    with app.extensions["assessment.db"].new_session() as s:
        return s.scalar(select(User).where(User.email == email))


# ------------------------------------------------------------------------------------------- self-service


def test_self_service_registration_through_the_outbox_link(app, client, settings):
    page = client.get("/register")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<label for="name">' in html and '<label for="email">' in html

    response = register(client)
    assert response.status_code == 200
    assert "Check your email" in response.get_data(as_text=True)
    assert user(app, "ada@example.com") is None  # no account until the link is used

    [mail] = mails_to(settings, "ada@example.com")
    assert mail["subject"] == "Confirm your email address"
    link = link_path(mail["body"], settings)
    assert link.startswith("/confirm/")

    form = client.get(link)
    assert form.status_code == 200 and "ada@example.com" in form.get_data(as_text=True)
    short = post_form(client, link, {"password": "too short", "confirm": "too short"})
    assert short.status_code == 400 and "at least 10 characters" in short.get_data(as_text=True)
    differ = post_form(client, link, {"password": PASSWORD, "confirm": PASSWORD + "x"})
    assert differ.status_code == 400 and "differ" in differ.get_data(as_text=True)

    done = post_form(client, link, {"password": PASSWORD, "confirm": PASSWORD})
    assert done.status_code == 302 and done.headers["Location"].endswith("/me")
    assert client.get("/me").status_code == 200  # signed in
    account = user(app, "ada@example.com")
    assert account.name == "Ada Lovelace" and account.role == "candidate"
    assert account.email_confirmed_at is not None and account.check_password(PASSWORD)

    # the link cannot be used again to change the password
    again = client.get(link)
    assert again.status_code == 302

    # and the password works on the sign-in page from another browser
    other = app.test_client()
    token = csrf_token_from(other.get("/login").get_data(as_text=True))
    signed_in = other.post("/login", data={"email": "ada@example.com", "password": PASSWORD, "csrf_token": token})
    assert signed_in.status_code == 302 and signed_in.headers["Location"].endswith("/me")


def test_registration_keeps_the_page_the_user_came_from(app, client, settings):
    make_position(app, "backend")
    register(client, next_url="/positions/backend/apply")
    link = link_path(mails_to(settings, "ada@example.com")[0]["body"], settings)
    done = post_form(client, link, {"password": PASSWORD, "confirm": PASSWORD})
    assert done.headers["Location"].endswith("/positions/backend/apply")


def test_registration_never_reveals_whether_an_account_exists(app, client, settings, make_user):
    make_user("known@example.com", name="Known Person")
    known = register(client, email="known@example.com").get_data(as_text=True)
    fresh = register(app.test_client(), email="fresh@example.com").get_data(as_text=True)
    assert known.replace("known@example.com", "X") == fresh.replace("fresh@example.com", "X")

    [existing_mail] = mails_to(settings, "known@example.com")
    assert existing_mail["subject"] == "You already have an account"
    assert "/confirm/" not in existing_mail["body"] and "/login" in existing_mail["body"]
    [fresh_mail] = mails_to(settings, "fresh@example.com")
    assert "/confirm/" in fresh_mail["body"]
    assert user(app, "known@example.com").check_password("correct horse battery")  # untouched


def test_expired_forged_and_wrong_purpose_tokens_are_refused(app, client, settings, monkeypatch):
    from assessment.tokens import CONFIRM_EMAIL, INVITATION, make_token

    class LongAgo:
        @staticmethod
        def time():
            import time

            return time.time() - CONFIRM_EMAIL.max_age_seconds - 60

    with app.test_request_context():
        monkeypatch.setattr(itsdangerous.timed, "time", LongAgo)
        old = make_token(CONFIRM_EMAIL, {"email": "late@example.com", "name": "Late"})
        monkeypatch.undo()
        good = make_token(CONFIRM_EMAIL, {"email": "ok@example.com", "name": "Ok"})
        other_purpose = make_token(INVITATION, {"email": "ok@example.com", "name": "Ok"})
        other_key = make_token(CONFIRM_EMAIL, {"email": "ok@example.com", "name": "Ok"}, secret_key="not-the-key")

    expired = client.get(f"/confirm/{old}")
    assert expired.status_code == 410 and "expired" in expired.get_data(as_text=True)
    assert 'name="password"' not in expired.get_data(as_text=True)
    # a password cannot be set with it either
    token = csrf_token_from(client.get("/register").get_data(as_text=True))
    posted = client.post(f"/confirm/{old}", data={"password": PASSWORD, "confirm": PASSWORD, "csrf_token": token})
    assert posted.status_code == 410 and user(app, "late@example.com") is None

    tampered = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    for bad in (tampered, other_purpose, other_key, "nonsense"):
        response = client.get(f"/confirm/{bad}")
        assert response.status_code == 400, bad
        assert "not valid" in response.get_data(as_text=True)
    assert client.get(f"/confirm/{good}").status_code == 200


def test_register_is_rate_limited(client):
    statuses = [register(client, email="same@example.com").status_code for i in range(6)]
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429  # per address: one person cannot flood someone's inbox
    limited = register(client, email="same@example.com")
    body = limited.get_data(as_text=True)
    assert limited.status_code == 429 and "Please try again in" in body and limited.headers["Retry-After"]
    assert "Traceback" not in body and not body.lstrip().startswith("{")
    assert register(client, email="other@example.com").status_code == 200  # others at the same network are not


def test_registration_form_errors_are_shown_next_to_fields(client, settings):
    response = post_form(client, "/register", {"name": "", "email": "not-an-email"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter your name." in html and "Enter a valid email address." in html
    assert 'aria-invalid="true"' in html and 'role="alert"' in html
    assert outbox(settings) == []


def test_account_posts_require_csrf(app, client):
    from assessment.tokens import CONFIRM_EMAIL, INVITATION, make_token

    with app.test_request_context():
        confirm = make_token(CONFIRM_EMAIL, {"email": "a@example.com", "name": "A"})
        invitation = make_token(INVITATION, {"inv": 1, "email": "a@example.com"})
    assert client.post("/register", data={"name": "A", "email": "a@example.com"}).status_code == 400
    assert client.post(f"/confirm/{confirm}", data={"password": PASSWORD, "confirm": PASSWORD}).status_code == 400
    assert (
        client.post(f"/invitations/{invitation}", data={"password": PASSWORD, "confirm": PASSWORD}).status_code == 400
    )
    assert user(app, "a@example.com") is None


# ------------------------------------------------------------------------------------------- invitations


def admin_client(app, make_user, login):
    make_user("boss@example.com", role="admin", name="Boss")
    c = app.test_client()
    login("boss@example.com", c=c)
    return c


def test_invitation_for_a_new_person_sets_a_password_and_lands_on_the_form(app, client, settings, make_user, login):
    from assessment.models import Invitation

    make_position(app, "backend")
    admin = admin_client(app, make_user, login)
    response = post_form(
        admin, "/admin/positions/backend/invitations", {"name": "Grace Hopper", "email": "Grace@Example.com"}
    )
    assert response.status_code == 302
    page = admin.get("/admin/positions/backend/invitations").get_data(as_text=True)
    assert "Invitation sent to grace@example.com" in page and 'data-status="pending"' in page

    [mail] = mails_to(settings, "grace@example.com")
    assert "Backend Engineer" in mail["subject"]
    link = link_path(mail["body"], settings)
    assert link.startswith("/invitations/")

    landing = client.get(link)
    assert landing.status_code == 200 and "Backend Engineer" in landing.get_data(as_text=True)
    done = post_form(client, link, {"password": PASSWORD, "confirm": PASSWORD})
    assert done.status_code == 302 and done.headers["Location"].endswith("/positions/backend/apply")
    assert client.get("/positions/backend/apply").status_code == 200
    account = user(app, "grace@example.com")
    assert account.name == "Grace Hopper" and account.email_confirmed_at is not None
    with app.extensions["assessment.db"].new_session() as s:
        invitation = s.scalar(select(Invitation))
        assert invitation.accepted_at is not None and invitation.user_id == account.id
        assert timedelta(days=13) < invitation.expires_at - invitation.created_at <= timedelta(days=14)
    assert 'data-status="accepted"' in admin.get("/admin/positions/backend/invitations").get_data(as_text=True)


def test_invitation_for_an_existing_account_asks_to_sign_in(app, client, settings, make_user, login):
    make_position(app, "backend")
    make_user("old@example.com", name="Old Hand")
    admin = admin_client(app, make_user, login)
    post_form(admin, "/admin/positions/backend/invitations", {"name": "Old Hand", "email": "old@example.com"})
    link = link_path(mails_to(settings, "old@example.com")[0]["body"], settings)

    response = client.get(link)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    login_url = response.headers["Location"]
    token = csrf_token_from(client.get(login_url).get_data(as_text=True))
    signed_in = client.post(login_url, data={"email": "old@example.com", "password": PASSWORD, "csrf_token": token})
    assert signed_in.headers["Location"].endswith(link)
    assert client.get(link).headers["Location"].endswith("/positions/backend/apply")
    assert user(app, "old@example.com").check_password(PASSWORD)


def test_expired_invitation_and_someone_else_signed_in(app, client, settings, make_user, login):
    from assessment.models import Invitation, utcnow

    make_position(app, "backend")
    admin = admin_client(app, make_user, login)
    post_form(admin, "/admin/positions/backend/invitations", {"name": "Kim", "email": "kim@example.com"})
    link = link_path(mails_to(settings, "kim@example.com")[0]["body"], settings)

    make_user("someone@example.com")
    login("someone@example.com")
    other = client.get(link)
    assert other.status_code == 403 and "for someone else" in other.get_data(as_text=True)

    with app.extensions["assessment.db"].new_session() as s:
        s.scalar(select(Invitation)).expires_at = utcnow() - timedelta(minutes=1)
        s.commit()
    expired = app.test_client().get(link)
    assert expired.status_code == 410 and "expired" in expired.get_data(as_text=True)
    assert app.test_client().get("/invitations/forged-token").status_code == 400


def upload(admin, content: bytes, filename: str = "people.csv"):
    import io

    return post_form(
        admin,
        "/admin/positions/backend/invitations",
        {"file": (io.BytesIO(content), filename)},
        post_url="/admin/positions/backend/invitations/upload",
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def test_csv_invitations_with_and_without_header(app, settings, make_user, login):
    make_position(app, "backend")
    admin = admin_client(app, make_user, login)
    page = upload(admin, b"name,email\nAnn Lee,ann@example.com\n\nBen Ode, ben@example.com \n")
    assert "2 invitations sent" in page.get_data(as_text=True)
    page = upload(admin, "\ufeffCé Ødegård,ce@example.com\r\nDan,dan@example.com\r\n".encode("utf-8"))
    assert "2 invitations sent" in page.get_data(as_text=True)
    assert sorted(m["to"] for m in outbox(settings)) == [
        "ann@example.com",
        "ben@example.com",
        "ce@example.com",
        "dan@example.com",
    ]
    assert "Cé Ødegård" in mails_to(settings, "ce@example.com")[0]["body"]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"name,email\nAnn,ann@example.com\nBen,ben@example\nCat,cat@example.com\n", "Line 3"),
        (b"Ann,ann@example.com\nB\xe9n,ben@example.com\n", "Line 2 is not UTF-8"),
        (b"Ann,ann@example.com\nBen,ben@example.com,ja,extra\n", "Line 2: expected two columns"),
        (b"Ann,ann@example.com\nBen,ben@example.com,klingon\n", "Line 2: &#34;klingon&#34; is not a language"),
        (b"Ann,ann@example.com\n,ben@example.com\n", "Line 2: the name is empty"),
        ("".join(f"P{i},p{i}@example.com\n" for i in range(501)).encode(), "more than 500"),
        (b"", "The file is empty"),
    ],
)
def test_a_bad_csv_sends_nothing_and_names_the_line(app, settings, make_user, login, content, message):
    from assessment.models import Invitation

    make_position(app, "backend")
    admin = admin_client(app, make_user, login)
    html = upload(admin, content).get_data(as_text=True)
    assert "Nothing was sent" in html and message in html
    assert outbox(settings) == []
    with app.extensions["assessment.db"].new_session() as s:
        assert s.scalars(select(Invitation)).all() == []


def test_invitation_admin_posts_require_csrf_and_admin(app, client, make_user, login):
    make_position(app, "backend")
    admin = admin_client(app, make_user, login)
    assert (
        admin.post("/admin/positions/backend/invitations", data={"name": "A", "email": "a@example.com"}).status_code
        == 400
    )
    assert admin.post("/admin/positions/backend/invitations/upload", data={}).status_code == 400
    make_user("cand@example.com")
    login("cand@example.com")
    assert client.get("/admin/positions/backend/invitations").status_code == 403


# ------------------------------------------------------------------------------------------- mail backends


class _SmtpHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP (with AUTH PLAIN) to receive one message."""

    def reply(self, line: str) -> None:
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        server = self.server
        self.reply("220 test ESMTP")
        while True:
            line = self.rfile.readline().decode().rstrip("\r\n")
            if not line:
                return
            verb = line.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-test\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n")
            elif verb == "AUTH":
                server.auth = base64.b64decode(line.split()[2]).split(b"\0")[1:]
                self.reply("235 ok")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                self.reply("250 ok")
            elif verb == "DATA":
                self.reply("354 go on")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data.append(chunk)
                server.messages.append(b"".join(data))
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 no")


def test_smtp_backend_sends_through_the_configured_server(app, settings):
    from assessment.mail import send_mail

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpHandler)
    server.messages, server.auth = [], None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        settings.smtp_url = f"smtp://mailer:s%40cret@127.0.0.1:{server.server_address[1]}"
        with app.test_request_context():
            send_mail("someone@example.com", "Hello", "account_exists", name="Someone", login_link="http://x/login")
    finally:
        server.shutdown()
        server.server_close()
        settings.smtp_url = None
    assert server.auth == [b"mailer", b"s@cret"]
    [raw] = server.messages
    assert b"Subject: Hello" in raw and b"http://x/login" in raw
    assert outbox(settings) == []


def test_smtp_failure_is_a_mail_error(app, settings):
    from assessment.mail import MailError, send_mail

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.smtp_url = f"smtp://127.0.0.1:{port}"
    try:
        with app.test_request_context(), pytest.raises(MailError):
            send_mail("x@example.com", "Hi", "account_exists", name="X", login_link="l")
    finally:
        settings.smtp_url = None
