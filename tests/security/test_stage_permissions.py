"""Who may screen, interview, decide, see scorecards and CVs, release, save weights, and export or erase a candidate:
every rule is checked by the server, for every role, whatever the pages link to."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from assessment.models import Decision, InterviewSlot, Scorecard, User, utcnow
from tests.review import factories as f
from tests.review import stage_factories as sf
from tests.security.conftest import post_form

SLUG = "ml-intern"
BASE = f"/review/positions/{SLUG}"
ROLES = (
    "admin",
    "screener",
    "grader_screener",
    "grader",
    "decider",
    "panelist",
    "interviewer",
    "outsider",
    "candidate",
)


@pytest.fixture
def world(s, settings):
    pos = f.position(s, SLUG, title="ML Intern", prompts=1, problems=1)
    sf.with_interviews(s, pos, unlock="on_release")
    other = f.position(s, "audio-intern", title="Audio Intern", prompts=0, essay=False, weight_coding=1.0)
    sf.person(s, "admin@staff.org", "admin", "Ann Admin")
    sf.staff(s, pos, "screener@staff.org", "Sam Screener", screen=True)
    sf.staff(s, pos, "gs@staff.org", "Gus GraderScreener", grade=True, screen=True)
    sf.staff(s, pos, "grader@staff.org", "Gina Grader", grade=True)
    decider = sf.staff(s, pos, "decider@staff.org", "Dora Decider", decide=True)
    panelist = sf.staff(s, pos, "panelist@staff.org", "Pia Panelist", interview=True)
    sf.staff(s, pos, "interviewer@staff.org", "Ivo Interviewer", interview=True)
    sf.staff(s, other, "outsider@staff.org", "Otto Outsider", decide=True, screen=True, interview=True)
    waiting = sf.applicant(s, pos, "wendy@example.com", "Wendy Waiting", settings.cv_dir)
    tested = sf.applicant(s, pos, "tom@example.com", "Tom Tested", settings.cv_dir)
    sf.person(s, "carl@example.com", "candidate", "Carl Candidate")
    from assessment.models import Attempt

    start = utcnow() - timedelta(days=2)
    s.add(
        Attempt(application_id=tested.id, started_at=start, deadline_at=start + timedelta(hours=1), finished_at=start)
    )
    tested.test_released_at = start
    s.commit()
    f.submission(s, tested, score=0.8)
    sf.shortlisted(s, tested, decider)
    slot = sf.book(s, sf.slot(s, pos, panelist, utcnow() - timedelta(hours=2)), tested)
    s.commit()
    return {"waiting": waiting.id, "tested": tested.id, "slot": slot.id}


@pytest.fixture
def clients(signed_in):
    emails = {
        "admin": "admin@staff.org",
        "screener": "screener@staff.org",
        "grader_screener": "gs@staff.org",
        "grader": "grader@staff.org",
        "decider": "decider@staff.org",
        "panelist": "panelist@staff.org",
        "interviewer": "interviewer@staff.org",
        "outsider": "outsider@staff.org",
        "candidate": "carl@example.com",
    }
    return {role: signed_in(email) for role, email in emails.items()}


def statuses(clients, url: str) -> dict[str, int]:
    return {role: clients[role].get(url).status_code for role in ROLES}


def expect(allowed: set[str], outsider: int = 404, **others: int) -> dict[str, int]:
    """200 for the allowed roles, 404 for a reviewer of another position, 403 for everyone else."""
    result = {role: (200 if role in allowed else 403) for role in ROLES}
    result["outsider"] = outsider
    result.update(others)
    return result


def test_who_may_screen(world, clients, s):
    url = f"{BASE}/screening"
    assert statuses(clients, url) == expect({"admin", "screener"})
    before = s.scalar(select(func.count()).select_from(Decision))
    for role in ROLES:
        if role in ("admin", "screener"):
            continue
        response = clients[role].post(f"{url}/{world['waiting']}", data={"decision": "reject", "csrf_token": "x"})
        assert response.status_code in (400, 403, 404), role
        page = url if role == "grader_screener" else "/account/password"
        response = post_form(clients[role], f"{url}/{world['waiting']}", {"decision": "reject"}, page=page)
        assert response.status_code in (403, 404), role
    s.expire_all()
    assert s.scalar(select(func.count()).select_from(Decision)) == before
    assert (
        post_form(clients["screener"], f"{url}/{world['waiting']}", {"decision": "hold"}, page=url).status_code == 302
    )


def test_a_grader_never_screens_while_grading_is_open(world, clients, s):
    """Screening shows names and CVs: a reviewer who grades the position's essays may not screen it until grading
    closes, whatever their screening permission says (their grades stay blind)."""
    assert clients["grader_screener"].get(f"{BASE}/screening").status_code == 403
    assert clients["grader_screener"].get(f"/cv/{world['waiting']}").status_code == 404
    from assessment.models import Position

    s.scalar(select(Position).where(Position.slug == SLUG)).grading_closed_at = utcnow()
    s.commit()
    assert clients["grader_screener"].get(f"{BASE}/screening").status_code == 200


def test_who_may_see_a_cv(world, clients):
    waiting = statuses(clients, f"/cv/{world['waiting']}")
    assert waiting == {**dict.fromkeys(ROLES, 404), "admin": 200, "screener": 200, "decider": 200}
    # The interviewer on the candidate's panel sees their CV; another interviewer of the position does not.
    tested = statuses(clients, f"/cv/{world['tested']}")
    assert tested == {**dict.fromkeys(ROLES, 404), "admin": 200, "screener": 200, "decider": 200, "panelist": 200}


def test_who_may_open_the_interviews_and_offer_times(world, clients, s):
    assert statuses(clients, f"{BASE}/interviews") == expect({"admin", "decider", "panelist", "interviewer"})
    day = (utcnow() + timedelta(days=8)).date().isoformat()
    form = {"date": day, "start": "09:00", "end": "10:00", "timezone": "UTC"}
    for role in ROLES:
        response = post_form(clients[role], f"{BASE}/interviews/slots", form, page="/account/password")
        expected = 302 if role in ("panelist", "interviewer") else (404 if role == "outsider" else 403)
        assert response.status_code == expected, role
    s.expire_all()
    assert {x.interviewer.email for x in s.scalars(select(InterviewSlot))} == {
        "panelist@staff.org",
        "interviewer@staff.org",
    }
    # Nobody withdraws another interviewer's time.
    ivo_slot = s.scalar(
        select(InterviewSlot)
        .join(User, User.id == InterviewSlot.interviewer_id)
        .where(User.email == "interviewer@staff.org")
    )
    pia_future = s.scalar(
        select(InterviewSlot)
        .where(InterviewSlot.starts_at > utcnow())
        .join(User, User.id == InterviewSlot.interviewer_id)
        .where(User.email == "panelist@staff.org")
    )
    post_form(clients["panelist"], f"{BASE}/interviews/slots/{ivo_slot.id}/withdraw", {}, page=f"{BASE}/interviews")
    s.expire_all()
    assert s.get(InterviewSlot, ivo_slot.id) is not None and pia_future is not None


def test_who_may_see_and_fill_scorecards(world, clients, s):
    url = f"{BASE}/candidates/{world['tested']}/scorecard"
    assert statuses(clients, url) == expect({"admin", "decider", "panelist"})
    # Only the panelist can submit, and only once.
    form = {"rating-0": "5", "rating-1": "4", "recommendation": "yes", "notes": "Pia's private notes"}
    for role in ("admin", "decider"):
        assert post_form(clients[role], url, form).status_code == 400, role
    for role in ("interviewer", "screener", "grader", "candidate"):
        assert post_form(clients[role], url, form, page="/account/password").status_code == 403, role
    assert post_form(clients["panelist"], url, form).status_code == 302
    assert s.scalar(select(func.count()).select_from(Scorecard)) == 1
    # The notes are for the panel and the people who decide; another interviewer of the position does not see them.
    assert "Pia&#39;s private notes" in clients["decider"].get(url).get_data(as_text=True)
    assert clients["interviewer"].get(url).status_code == 403
    assert "Pia&#39;s private notes" not in clients["interviewer"].get(f"{BASE}/board").get_data(as_text=True)


def test_who_may_decide_at_each_stage(world, clients, s):
    url = f"{BASE}/candidates/{world['tested']}/decision"
    for stage in ("test", "interview"):
        for role in ROLES:
            response = post_form(clients[role], url, {"decision": "hold", "stage": stage}, page="/account/password")
            expected = 302 if role in ("admin", "decider") else (404 if role == "outsider" else 403)
            assert response.status_code == expected, (stage, role)
    # Screening decisions are not taken through the deciders' form.
    assert (
        post_form(
            clients["decider"], url, {"decision": "reject", "stage": "screening"}, page="/account/password"
        ).status_code
        == 400
    )
    s.expire_all()
    rows = s.scalars(select(Decision).order_by(Decision.id)).all()
    # The shortlist after the test was told, so it stands; the decision after the interviews was recorded once.
    assert [(d.stage, d.decision) for d in rows] == [("test", "shortlist"), ("interview", "hold")]


def test_only_administrators_release_save_weights_export_and_erase(world, clients, s):
    candidate_id = s.scalar(select(User.id).where(User.email == "tom@example.com"))
    for stage in ("screening", "test", "interview"):
        assert statuses(clients, f"/admin/positions/{SLUG}/release-decisions?stage={stage}") == expect(
            {"admin"}, outsider=403
        )
    assert statuses(clients, f"/admin/candidates/{candidate_id}") == expect({"admin"}, outsider=403)
    assert statuses(clients, f"/admin/candidates/{candidate_id}/export") == expect({"admin"}, outsider=403)
    assert statuses(clients, "/admin/data-requests") == expect({"admin"}, outsider=403)
    for role in ROLES:
        if role == "admin":
            continue
        page = "/account/password"
        assert (
            post_form(
                clients[role],
                f"/admin/candidates/{candidate_id}/erase",
                {"confirm_email": "tom@example.com"},
                page=page,
            ).status_code
            == 403
        )
        assert (
            post_form(
                clients[role], f"/admin/positions/{SLUG}/weights", {"coding": "10", "essay": "90"}, page=page
            ).status_code
            == 403
        )
    s.expire_all()
    assert s.get(User, candidate_id).erased_at is None


def test_candidates_reach_only_their_own_interview_and_withdrawal(world, clients, signed_in, s):
    carl = clients["candidate"]
    assert carl.get(f"/applications/{world['tested']}/interview").status_code == 404
    assert (
        post_form(carl, f"/applications/{world['tested']}/interview", {"slot": world["slot"]}, page="/me").status_code
        == 404
    )
    assert post_form(carl, f"/me/withdraw/{world['tested']}", {"confirm": "yes"}, page="/me").status_code == 404
    s.expire_all()
    from assessment.models import Application

    assert s.get(Application, world["tested"]).withdrawn_at is None
    # Staff have no candidate pages.
    assert clients["admin"].get(f"/me/withdraw/{world['tested']}").status_code == 403
