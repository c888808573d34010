"""Findings of an attack on the selection's stages (screening, interviews, withdrawal, erasure), each reproduced
through the pages a person uses: erasure leaves no free text about the candidate in the audit log, a withdrawn
candidate cannot start the test, a panellist who lost the right to interview no longer reaches the scorecard page,
the administrators' `next` field stays on this site, and the board's JSON export answers."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from assessment.models import Application, Attempt, AuditEntry, ReviewerAssignment, User, utcnow
from tests.review import factories as f
from tests.review import stage_factories as sf

from .conftest import post_form

SLUG = "ml-intern"
NAME, EMAIL = "Grace Hopper", "grace@example.com"


def test_erasure_blanks_decision_notes_and_reasons_in_the_audit_log(app, s, settings, signed_in):
    position = f.position(s, SLUG, title="ML Intern", prompts=1, problems=1)
    sf.person(s, "admin@staff.org", "admin", "Ann Admin")
    grace = sf.applicant(s, position, EMAIL, NAME, settings.cv_dir)
    application_id, user_id = grace.id, grace.user_id
    done = utcnow() - timedelta(hours=1)
    s.add(
        Attempt(application_id=application_id, started_at=done - timedelta(hours=1), deadline_at=done, finished_at=done)
    )
    grace.test_released_at = utcnow() - timedelta(days=1)
    s.commit()
    admin = signed_in("admin@staff.org")
    decided = post_form(
        admin,
        f"/review/positions/{SLUG}/candidates/{application_id}/decision",
        {"decision": "hold", "note": "grace hopper: NOTE-TEXT about her degree", "stage": "test"},
        page=f"/review/positions/{SLUG}/board",
    )
    assert decided.status_code == 302
    candidate = signed_in(EMAIL)
    withdrawn = post_form(candidate, f"/me/withdraw/{application_id}", {"confirm": "yes", "reason": "REASON-TEXT"})
    assert withdrawn.status_code in (200, 302)
    erased = post_form(
        admin, f"/admin/candidates/{user_id}/erase", {"confirm_email": EMAIL}, page=f"/admin/candidates/{user_id}"
    )
    assert erased.status_code in (200, 302)
    s.expire_all()
    assert s.get(User, user_id).erased_at is not None
    kept = [json.dumps(entry.details) for entry in s.scalars(select(AuditEntry))]
    assert any('"decision.set"' in k or "new_decision" in k for k in kept)  # the entries stay, their text goes
    for word in ("NOTE-TEXT", "REASON-TEXT", "Hopper", "hopper", "Grace", EMAIL):
        assert not [k for k in kept if word in k], word


def test_a_withdrawn_candidate_cannot_start_the_test(app, s, signed_in):
    position = f.position(s, SLUG, prompts=1, problems=1)
    eve = f.user(s, "eve@example.com", "candidate", "Eve Example")
    application = Application(user_id=eve.id, position_id=position.id, test_released_at=utcnow())
    s.add(application)
    s.commit()
    application_id = application.id
    client = signed_in("eve@example.com")
    post_form(client, f"/me/withdraw/{application_id}", {"confirm": "yes", "reason": ""})
    s.expire_all()
    assert s.get(Application, application_id).withdrawn_at is not None
    post_form(client, f"/applications/{application_id}/test/start", {}, page=f"/applications/{application_id}/test")
    s.expire_all()
    assert s.scalar(select(Attempt).where(Attempt.application_id == application_id)) is None


def test_an_honest_candidate_still_starts_the_test(app, s, signed_in):
    position = f.position(s, SLUG, prompts=1, problems=1)
    ada = f.user(s, "ada@example.com", "candidate", "Ada Example")
    application = Application(user_id=ada.id, position_id=position.id, test_released_at=utcnow())
    s.add(application)
    s.commit()
    application_id = application.id
    client = signed_in("ada@example.com")
    post_form(client, f"/applications/{application_id}/test/start", {}, page=f"/applications/{application_id}/test")
    s.expire_all()
    assert s.scalar(select(Attempt).where(Attempt.application_id == application_id)) is not None


def test_a_panellist_given_grading_no_longer_reaches_the_scorecard_page(app, s, settings, signed_in):
    position = f.position(s, SLUG, title="ML Intern", prompts=1, problems=1)
    sf.with_interviews(s, position)
    admin = sf.person(s, "admin@staff.org", "admin", "Ann Admin")
    rosa = sf.staff(s, position, "rosa@staff.org", "Rosa Interviewer", interview=True)
    grace = f.candidate(s, position, EMAIL, NAME)
    f.submission(s, grace, score=0.75)
    sf.shortlisted(s, grace, admin)
    sf.book(s, sf.slot(s, position, rosa, utcnow() - timedelta(minutes=10)), grace)
    s.commit()
    url = f"/review/positions/{SLUG}/candidates/{grace.id}/scorecard"
    rosa_client = signed_in("rosa@staff.org")
    assert rosa_client.get(url).status_code == 200  # the interviewer on the panel
    assignment = s.scalar(select(ReviewerAssignment).where(ReviewerAssignment.user_id == rosa.id))
    assignment.can_grade = True  # grading given while the position's grading is open
    s.commit()
    page = rosa_client.get(url)
    assert page.status_code == 403 and NAME not in page.get_data(as_text=True)


def test_the_accounts_page_never_redirects_to_another_site(app, s, signed_in, make_user):
    make_user("admin@staff.org", role="admin")
    reviewer = make_user("rev@staff.org", role="reviewer")
    admin = signed_in("admin@staff.org")
    answer = post_form(
        admin,
        f"/admin/accounts/{reviewer.id}/sign-out",
        {"next": "https://evil.example/phish"},
        page="/admin/accounts",
    )
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/admin/accounts") or answer.headers["Location"].startswith(
        "http://localhost/admin/accounts"
    )


def test_the_board_json_export_answers(app, s, signed_in):
    position = f.position(s, SLUG, title="ML Intern", prompts=1, problems=1)
    sf.person(s, "admin@staff.org", "admin", "Ann Admin")
    f.submission(s, f.candidate(s, position, EMAIL, NAME), score=0.5)
    answer = signed_in("admin@staff.org").get(f"/review/positions/{SLUG}/board.json")
    assert answer.status_code == 200
    document = json.loads(answer.get_data(as_text=True))
    assert document["position"]["scoring_rule_text"] and len(document["rows"]) == 1
