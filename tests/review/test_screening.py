"""CV screening: applications wait for a screener (unlock: on_release) or are advanced automatically (on_apply); only
advanced candidates get the test; holds and rejections reach candidates only through the release confirmation."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from assessment.models import Application, AuditEntry, Decision
from tests.conftest import post_form
from tests.review import factories as f
from tests.review import stage_factories as sf

SCREENING = "/review/positions/ml-intern/screening"


@pytest.fixture
def screened(s, settings):
    pos = f.position(s, "ml-intern", title="ML Intern", prompts=1, problems=1)
    sf.with_interviews(s, pos, unlock="on_release")
    people = {
        name: sf.applicant(s, pos, f"{name.split()[0].lower()}@example.com", name, settings.cv_dir)
        for name in ("Ada Lovelace", "Bob Builder", "Cy Young")
    }
    sf.staff(s, pos, "screener@staff.org", "Sam Screener", screen=True)
    sf.person(s, "admin@staff.org", "admin", "Ann Admin")
    s.commit()
    return pos, people


def screen(c, application_id: int, decision: str, note: str = ""):
    return post_form(c, f"{SCREENING}/{application_id}", {"decision": decision, "note": note}, page=SCREENING)


def release(c, stage: str):
    url = f"/admin/positions/ml-intern/release-decisions?stage={stage}"
    html = c.get(url).get_data(as_text=True)
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', html).group(1)
    return post_form(
        c,
        "/admin/positions/ml-intern/release-decisions",
        {"confirm": "yes", "fingerprint": fingerprint, "stage": stage},
        page=url,
    ), html


def test_a_screener_sees_what_screening_needs_and_advances_holds_and_rejects(screened, new_client, settings, s):
    _pos, people = screened
    screener = new_client("screener@staff.org")
    page = screener.get(SCREENING).get_data(as_text=True)
    assert "3 applications wait for screening" in page
    for application in people.values():
        assert application.user.name in page and f"/cv/{application.id}" in page
    assert "Aarhus University" in page and "2025" in page
    # The CV a screener needs opens for them.
    cv = screener.get(f"/cv/{people['Ada Lovelace'].id}")
    assert cv.status_code == 200 and cv.data.startswith(b"%PDF-")

    assert screen(screener, people["Ada Lovelace"].id, "advance", "Strong ML projects").status_code == 302
    assert screen(screener, people["Bob Builder"].id, "reject", "No ML background").status_code == 302
    assert screen(screener, people["Cy Young"].id, "hold", "Ask for transcript").status_code == 302

    s.expire_all()
    ada, bob, cy = (s.get(Application, p.id) for p in people.values())
    # Advancing releases the test at once and emails its link; the others get nothing yet.
    assert ada.test_released_at is not None and bob.test_released_at is None and cy.test_released_at is None
    [mail] = f.mails_to(settings.outbox_dir, "ada@example.com")
    assert "test for ML Intern is available" in mail["subject"] and f"/applications/{ada.id}/test" in mail["body"]
    assert f.mails_to(settings.outbox_dir, "bob@example.com") == []
    decisions = {d.application_id: d for d in s.scalars(select(Decision))}
    assert decisions[ada.id].stage == "screening" and decisions[ada.id].decision == "advance"
    assert decisions[ada.id].notified_at is not None
    assert decisions[bob.id].decision == "reject" and decisions[bob.id].released_at is None
    assert decisions[bob.id].note == "No ML background"

    # Bob's and Cy's dashboards still say they are waiting for screening: nothing reaches them before release.
    bob_client = new_client("bob@example.com")
    dashboard = bob_client.get("/me").get_data(as_text=True)
    assert 'data-stage="applied"' in dashboard and "not be moving forward" not in dashboard
    # Only advanced candidates can start the test.
    assert "not released yet" in bob_client.get(f"/applications/{bob.id}/test").get_data(as_text=True)


def test_screening_rejections_are_released_like_other_decisions(screened, new_client, settings, s):
    _pos, people = screened
    screener = new_client("screener@staff.org")
    screen(screener, people["Bob Builder"].id, "reject", "No ML background")
    screen(screener, people["Cy Young"].id, "hold")
    # A screener cannot release; the release page is the administrators'.
    assert screener.get("/admin/positions/ml-intern/release-decisions?stage=screening").status_code == 403
    admin = new_client("admin@staff.org")
    response, html = release(admin, "screening")
    counts = dict(re.findall(r'data-decision="(\w+)"[^>]*>\s*(\d+)', html))
    assert counts == {"advance": "0", "hold": "1", "reject": "1", "undecided": "1"}
    assert re.findall(r'<td class="recipient-email">([^<]+)</td>', html) == ["bob@example.com"]
    assert response.status_code == 302 and response.headers["Location"].endswith(SCREENING)
    [mail] = f.mails_to(settings.outbox_dir, "bob@example.com")
    assert "reviewing your CV" in mail["body"] and "time you put into the assessment" not in mail["body"]
    assert f.mails_to(settings.outbox_dir, "cy@example.com") == []
    bob = new_client("bob@example.com").get("/me").get_data(as_text=True)
    assert 'data-stage="decision"' in bob and "not be moving forward" in bob and "Decided at the CV screening" in bob
    cy = new_client("cy@example.com").get("/me").get_data(as_text=True)
    assert 'data-stage="applied"' in cy and "on hold" in cy
    # A told rejection is final: it cannot become an advance.
    assert screen(screener, people["Bob Builder"].id, "advance").status_code == 302
    s.expire_all()
    assert s.get(Application, people["Bob Builder"].id).test_released_at is None
    entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "position.release_decisions"))
    assert entry.details["stage"] == "screening"


def test_automatic_screening_advances_on_apply_and_records_it(app, make_user, login, settings, s):
    from tests.candidate.account_helpers import application_form, make_position, post_form

    make_position(app, "backend", unlock="on_apply")
    make_user("cand@example.com")
    c = login("cand@example.com")
    post_form(c, "/positions/backend/apply", application_form(), content_type="multipart/form-data")
    application = s.scalar(select(Application))
    assert application.test_released_at is not None
    decision = s.scalar(select(Decision).where(Decision.application_id == application.id))
    assert (decision.stage, decision.decision, decision.decided_by_id) == ("screening", "advance", None)
    assert decision.notified_at is not None and "on_apply" in decision.note


def test_the_admin_release_button_advances_and_refuses_a_told_rejection(screened, new_client, settings, s):
    _pos, people = screened
    admin = new_client("admin@staff.org")
    screen(new_client("screener@staff.org"), people["Bob Builder"].id, "reject")
    release(admin, "screening")
    page = "/admin/positions/ml-intern/applications"
    for who in ("Ada Lovelace", "Bob Builder"):
        post_form(admin, "/admin/positions/ml-intern/applications/release", {"single": people[who].id}, page=page)
    s.expire_all()
    assert s.get(Application, people["Ada Lovelace"].id).test_released_at is not None
    assert s.get(Application, people["Bob Builder"].id).test_released_at is None
    ada_decision = s.scalar(select(Decision).where(Decision.application_id == people["Ada Lovelace"].id))
    assert ada_decision.decision == "advance" and ada_decision.decided_by_id is not None
