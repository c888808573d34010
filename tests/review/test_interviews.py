"""The interview stage: availability published in the interviewer's zone, booking with the position's rules and a
calendar invitation, scorecards blind to the other interviewers until one's own is submitted, the interview score on
the board, and the decision after the interviews released with its brake."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from assessment.models import AuditEntry, InterviewSlot, Scorecard, utcnow
from tests.conftest import post_form
from tests.review import factories as f
from tests.review import stage_factories as sf

INTERVIEWS = "/review/positions/ml-intern/interviews"


@pytest.fixture
def stage(s, settings):
    pos = f.position(s, "ml-intern", title="ML Intern", prompts=0, essay=False, weight_coding=1.0)
    sf.with_interviews(s, pos)
    pos.timezone = "Asia/Tokyo"
    admin = sf.person(s, "admin@staff.org", "admin", "Ann Admin")
    rosa = sf.staff(s, pos, "rosa@staff.org", "Rosa Interviewer", interview=True)
    sf.staff(s, pos, "ivan@staff.org", "Ivan Interviewer", interview=True)
    sf.staff(s, pos, "dora@staff.org", "Dora Decider", decide=True)
    apps = {}
    for name, score in (("Ada Lovelace", 1.0), ("Bob Builder", 0.5)):
        application = f.candidate(s, pos, f"{name.split()[0].lower()}@example.com", name)
        f.submission(s, application, score=score)
        sf.shortlisted(s, application, admin)
        apps[name] = application
    s.commit()
    return pos, apps, rosa


def publish(c, day, start="09:00", end="10:30", zone="Europe/Copenhagen", location="Room 4"):
    return post_form(
        c,
        f"{INTERVIEWS}/slots",
        {"date": day.isoformat(), "start": start, "end": end, "timezone": zone, "location": location},
        page=INTERVIEWS,
    )


def book(c, application_id, slot_id):
    url = f"/applications/{application_id}/interview"
    return post_form(c, url, {"slot": slot_id}, page=url)


def test_availability_is_published_in_the_interviewers_zone_and_stored_in_utc(stage, new_client, s):
    rosa = new_client("rosa@staff.org")
    day = (utcnow() + timedelta(days=10)).date()
    assert publish(rosa, day).status_code == 302
    slots = s.scalars(select(InterviewSlot).order_by(InterviewSlot.starts_at)).all()
    # 09:00-10:30 in Copenhagen (UTC+1 in winter, UTC+2 in summer) is two 45-minute interviews.
    offset = 1 if day.month in (1, 2, 3, 11, 12) else 2
    assert [(x.starts_at.hour, x.starts_at.minute) for x in slots] == [(9 - offset, 0), (9 - offset, 45)]
    assert all(x.timezone == "Europe/Copenhagen" and x.location == "Room 4" for x in slots)
    # Overlapping availability is refused whole; the past is refused.
    overlap = publish(rosa, day, "10:00", "11:00")
    assert "already offer" in rosa.get(overlap.headers["Location"]).get_data(as_text=True)
    s.expire_all()
    assert len(s.scalars(select(InterviewSlot)).all()) == 2
    publish(rosa, (utcnow() - timedelta(days=1)).date())
    s.expire_all()
    assert len(s.scalars(select(InterviewSlot)).all()) == 2


def test_booking_is_shown_in_the_candidates_zone_and_emails_a_calendar_invitation(stage, new_client, settings, s):
    pos, apps, rosa_user = stage
    start = (utcnow() + timedelta(days=5)).replace(hour=12, minute=0, second=0, microsecond=0)
    first = sf.slot(s, pos, rosa_user, start, zone="Europe/Copenhagen", location="https://meet.example/abc")
    second = sf.slot(s, pos, rosa_user, start + timedelta(hours=1), zone="Europe/Copenhagen")
    ada = new_client("ada@example.com")
    ada.set_cookie("tz", "America/Sao_Paulo")
    page = ada.get(f"/applications/{apps['Ada Lovelace'].id}/interview").get_data(as_text=True)
    assert "America/Sao_Paulo" in page and "Europe/Copenhagen" in page
    local = (start - timedelta(hours=3)).strftime("%H:%M")  # São Paulo is UTC-3 all year
    assert local in page
    assert book(ada, apps["Ada Lovelace"].id, first.id).status_code == 302
    s.expire_all()
    assert s.get(InterviewSlot, first.id).application_id == apps["Ada Lovelace"].id
    [mail] = f.mails_to(settings.outbox_dir, "ada@example.com")
    assert mail["subject"] == "Interview booked: ML Intern" and "Rosa Interviewer" in mail["body"]
    assert f"{local} America/Sao_Paulo" in mail["body"]  # the email states the zone
    ics = _calendar(mail["raw"])
    event = ics.walk("VEVENT")[0]
    assert ics["METHOD"] == "REQUEST" and event.decoded("DTSTART").replace(tzinfo=None) == start
    assert str(event["LOCATION"]) == "https://meet.example/abc" and int(event["SEQUENCE"]) == 0
    uid = str(event["UID"])
    [staff_mail] = f.mails_to(settings.outbox_dir, "rosa@staff.org")
    assert "Ada Lovelace booked" in staff_mail["body"] and _calendar(staff_mail["raw"]).walk("VEVENT")[0]["UID"] == uid

    # Another candidate cannot take a booked slot.
    bob = new_client("bob@example.com")
    assert "booked that time" in bob.get(book(bob, apps["Bob Builder"].id, first.id).headers["Location"]).get_data(
        as_text=True
    )
    s.expire_all()
    assert s.get(InterviewSlot, first.id).application_id == apps["Ada Lovelace"].id

    # Moving keeps the calendar entry (same UID, higher SEQUENCE); the position allows one change.
    assert book(ada, apps["Ada Lovelace"].id, second.id).status_code == 302
    moved = f.mails_to(settings.outbox_dir, "ada@example.com")[-1]
    assert moved["subject"] == "Interview moved: ML Intern"
    event = _calendar(moved["raw"]).walk("VEVENT")[0]
    assert str(event["UID"]) == uid and int(event["SEQUENCE"]) == 1
    s.expire_all()
    assert s.get(InterviewSlot, first.id).application_id is None
    cancel = post_form(ada, f"/applications/{apps['Ada Lovelace'].id}/interview", {"action": "cancel"})
    assert "already changed your interview 1 times" in ada.get(cancel.headers["Location"]).get_data(as_text=True)
    s.expire_all()
    assert s.get(InterviewSlot, second.id).application_id == apps["Ada Lovelace"].id


def test_booking_and_changes_close_before_the_interview(stage, new_client, s):
    pos, apps, rosa_user = stage
    soon = sf.slot(s, pos, rosa_user, utcnow() + timedelta(hours=3))
    later = sf.slot(s, pos, rosa_user, utcnow() + timedelta(days=3))
    ada = new_client("ada@example.com")
    page = ada.get(f"/applications/{apps['Ada Lovelace'].id}/interview").get_data(as_text=True)
    assert f'data-slot-id="{soon.id}"' not in page and f'data-slot-id="{later.id}"' in page
    refused = book(ada, apps["Ada Lovelace"].id, soon.id)
    assert "too soon" in ada.get(refused.headers["Location"]).get_data(as_text=True)
    # A booking 3 hours away can no longer be moved or cancelled online.
    sf.book(s, soon, apps["Ada Lovelace"])
    response = post_form(ada, f"/applications/{apps['Ada Lovelace'].id}/interview", {"action": "cancel"})
    assert "changes close 24 hours before" in ada.get(response.headers["Location"]).get_data(as_text=True)


def test_only_released_shortlisted_candidates_reach_the_booking_page(stage, new_client, s):
    from assessment.models import Decision

    _pos, apps, _ = stage
    decision = s.scalar(select(Decision).where(Decision.application_id == apps["Bob Builder"].id))
    decision.released_at = decision.notified_at = None
    s.commit()
    bob = new_client("bob@example.com")
    assert bob.get(f"/applications/{apps['Bob Builder'].id}/interview").status_code == 404
    # Someone else's application is never found.
    assert bob.get(f"/applications/{apps['Ada Lovelace'].id}/interview").status_code == 404


def test_scorecards_are_blind_until_submitted_and_make_the_interview_score(stage, new_client, settings, s):
    pos, apps, rosa_user = stage
    ada_app = apps["Ada Lovelace"]
    slot = sf.book(s, sf.slot(s, pos, rosa_user, utcnow() + timedelta(days=2)), ada_app)
    rosa, ivan, dora = new_client("rosa@staff.org"), new_client("ivan@staff.org"), new_client("dora@staff.org")
    post_form(ivan, f"{INTERVIEWS}/slots/{slot.id}/join", {}, page=INTERVIEWS)
    url = f"/review/positions/ml-intern/candidates/{ada_app.id}/scorecard"
    # Before the interview the scorecard is closed.
    assert "opens when the interview starts" in rosa.get(url).get_data(as_text=True)
    assert post_form(rosa, url, {"rating-0": "4", "rating-1": "5", "recommendation": "yes"}).status_code == 400
    slot = s.get(InterviewSlot, slot.id)
    slot.starts_at, slot.ends_at = utcnow() - timedelta(hours=1), utcnow() - timedelta(minutes=15)
    s.commit()

    submitted = post_form(
        rosa, url, {"rating-0": "4", "rating-1": "5", "recommendation": "strong_yes", "notes": "Rosa: sharp answers"}
    )
    assert submitted.status_code == 302
    # Ivan sits on the panel and has not submitted: no other scorecard, no interview score, anywhere.
    page = ivan.get(url).get_data(as_text=True)
    assert "Rosa: sharp answers" not in page and 'id="scorecard-form"' in page and 'id="others-hidden"' in page
    board = ivan.get("/review/positions/ml-intern/board").get_data(as_text=True)
    assert "after your scorecard" in board and 'data-col="interview_score"></td>' in board
    assert "Rosa: sharp answers" not in ivan.get(f"/review/positions/ml-intern/candidates/{ada_app.id}").get_data(
        as_text=True
    )
    assert "interview_score" in ivan.get("/review/positions/ml-intern/board.json").get_data(as_text=True)
    assert '"interview_score": null' in ivan.get("/review/positions/ml-intern/board.json").get_data(as_text=True)
    # The decider sees Rosa's scorecard now.
    assert "Rosa: sharp answers" in dora.get(url).get_data(as_text=True)

    post_form(ivan, url, {"rating-0": "3", "rating-1": "3", "recommendation": "yes", "notes": "Ivan: solid"})
    page = ivan.get(url).get_data(as_text=True)
    assert "Rosa: sharp answers" in page and "Ivan: solid" in page
    # Rosa (4, 5 of 5) = (3/4 + 4/4) / 2 = 0.875; Ivan (3, 3) = 0.5; the interview score is their mean: 68.75 %.
    assert "interview score 68.75 %" in page
    board = dora.get("/review/positions/ml-intern/board").get_data(as_text=True)
    assert 'data-col="interview_score">68.75</td>' in board and 'data-col="scorecards">2</td>' in board
    # A submitted scorecard is final.
    again = post_form(ivan, url, {"rating-0": "5", "rating-1": "5", "recommendation": "yes"})
    assert again.status_code == 400 and "final" in again.get_data(as_text=True)
    assert [c.ratings for c in s.scalars(select(Scorecard).order_by(Scorecard.id))] == [[4, 5], [3, 3]]


def test_the_decision_after_the_interviews_is_released_with_its_brake(stage, new_client, settings, s):
    pos, apps, rosa_user = stage
    ada_app = apps["Ada Lovelace"]
    past = utcnow() - timedelta(hours=2)
    sf.book(s, sf.slot(s, pos, rosa_user, past), ada_app)
    dora, admin = new_client("dora@staff.org"), new_client("admin@staff.org")
    decide = f"/review/positions/ml-intern/candidates/{ada_app.id}/decision"
    post_form(
        dora, decide, {"decision": "offer", "note": "Hire", "stage": "interview", "next": "interviews"}, page=INTERVIEWS
    )
    # An offer is not a decision of the test stage.
    post_form(dora, decide, {"decision": "offer", "stage": "test"}, page=INTERVIEWS)
    url = "/admin/positions/ml-intern/release-decisions?stage=interview"
    html = admin.get(url).get_data(as_text=True)
    assert 'id="missing-scorecards"' in html and "1 interviewer scorecard" in html
    fields = {
        "confirm": "yes",
        "stage": "interview",
        "fingerprint": re.search(r'name="fingerprint" value="(\w+)"', html)[1],
    }
    refused = post_form(admin, "/admin/positions/ml-intern/release-decisions", fields, page=url)
    assert refused.status_code == 409 and f.mails_to(settings.outbox_dir, "ada@example.com") == []
    post_form(
        new_client("rosa@staff.org"),
        f"/review/positions/ml-intern/candidates/{ada_app.id}/scorecard",
        {"rating-0": "5", "rating-1": "4", "recommendation": "strong_yes"},
    )
    html = admin.get(url).get_data(as_text=True)
    assert 'id="missing-scorecards"' not in html
    assert dict(re.findall(r'data-decision="(\w+)"[^>]*>\s*(\d+)', html)) == {
        "offer": "1",
        "hold": "0",
        "reject": "0",
        "undecided": "1",
    }
    fields["fingerprint"] = re.search(r'name="fingerprint" value="(\w+)"', html)[1]
    assert post_form(admin, "/admin/positions/ml-intern/release-decisions", fields, page=url).status_code == 302
    [offer] = f.mails_to(settings.outbox_dir, "ada@example.com")
    assert "an offer" in offer["subject"] and "offer you the position" in offer["body"]
    dashboard = new_client("ada@example.com").get("/me").get_data(as_text=True)
    assert 'data-stage="decision"' in dashboard and "offer you the position" in dashboard
    history = dora.get(f"/review/positions/ml-intern/candidates/{ada_app.id}").get_data(as_text=True)
    assert "After the test" in history and "After the interviews" in history and "Hire" in history
    entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "decision.set")).all()
    assert [(e.details["stage"], e.details["new_decision"]) for e in entries] == [("interview", "offer")]


def _calendar(raw: str) -> Calendar:
    import base64
    import email
    from email.policy import default

    message = email.message_from_string(raw, policy=default)
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    payload = part.get_payload()
    data = base64.b64decode(payload) if part.get("Content-Transfer-Encoding") == "base64" else payload.encode()
    return Calendar.from_ical(data)
