"""The interview stage in a real browser: an interviewer in Copenhagen publishes availability in her own zone, a
colleague in Tokyo joins the panel, a shortlisted candidate in São Paulo sees the time in her own zone and books it
(a calendar invitation in the email), the interviewers fill their scorecards blind to each other's until they submit,
the board shows the interview score, and the decision after the interviews is released to the candidate."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.e2e.conftest import screenshot
from tests.e2e.recruiting import person_page, sign_in
from tests.review import factories as f
from tests.review import stage_factories as sf

pytestmark = [pytest.mark.e2e]

SLUG = "robotics-intern"
INTERVIEWS = f"/review/positions/{SLUG}/interviews"


def winter_day() -> date:
    """A day at least ten days ahead on which Copenhagen keeps standard time (UTC+1); São Paulo is UTC-3 all year."""
    day = date.today() + timedelta(days=10)
    if 3 <= day.month <= 10:
        day = date(day.year, 11, 20)
    return day


@pytest.fixture
def seeded(app):
    with app.extensions["assessment.db"].new_session() as s:
        pos = f.position(s, SLUG, title="Robotics Intern", prompts=0, essay=False, weight_coding=1.0)
        sf.with_interviews(s, pos)
        pos.timezone = "Asia/Tokyo"
        admin = sf.person(s, "admin@staff.org", "admin", "Ann Admin")
        sf.staff(s, pos, "rosa@staff.org", "Rosa Interviewer", interview=True)
        sf.staff(s, pos, "ivan@staff.org", "Ivan Interviewer", interview=True)
        sf.staff(s, pos, "dora@staff.org", "Dora Decider", decide=True)
        ada = f.candidate(s, pos, "ada@example.com", "Ada Lovelace")
        f.submission(s, ada, score=0.9)
        sf.shortlisted(s, ada, admin)
        s.commit()
        return ada.id


def test_a_shortlisted_candidate_books_in_her_zone_interviewers_score_and_the_offer_is_released(
    app, seeded, live_server, browser, settings
):
    from icalendar import Calendar
    from playwright.sync_api import expect

    from assessment.models import InterviewSlot

    live_server.start(judge=False)
    base = live_server.url
    day = winter_day()

    # Rosa, in Copenhagen, offers 10:00-11:30 her time: two 45-minute interviews.
    rosa_ctx, rosa = person_page(browser, "Europe/Copenhagen")
    sign_in(rosa, base, "rosa@staff.org", "Europe/Copenhagen")
    rosa.goto(base + INTERVIEWS)
    expect(rosa.locator("#slot-zone")).to_have_value("Europe/Copenhagen")
    rosa.fill("#slot-date", day.isoformat())
    rosa.fill("#slot-start", "10:00")
    rosa.fill("#slot-end", "11:30")
    rosa.fill("#slot-location", "https://meet.example/robotics")
    with rosa.expect_navigation():
        rosa.click("#publish-slots")
    expect(rosa.locator(".flashes")).to_contain_text("2 interview times published")
    expect(rosa.locator("#my-slots li")).to_have_count(2)
    expect(rosa.locator("#my-slots li").first).to_contain_text("10:00 Europe/Copenhagen")
    with app.extensions["assessment.db"].new_session() as s:
        first = s.scalars(select(InterviewSlot).order_by(InterviewSlot.starts_at)).first()
        assert (first.starts_at.hour, first.starts_at.minute) == (9, 0)  # stored in UTC
        first_id = first.id

    # Ivan, in Tokyo, joins the panel of the first interview: he sees it at 18:00 his time.
    ivan_ctx, ivan = person_page(browser, "Asia/Tokyo")
    sign_in(ivan, base, "ivan@staff.org", "Asia/Tokyo")
    ivan.goto(base + INTERVIEWS)
    other = ivan.locator(f"#other-slots li[data-slot-id='{first_id}']")
    expect(other).to_contain_text("18:00 Asia/Tokyo")
    with ivan.expect_navigation():
        other.get_by_role("button", name="Join the panel").click()
    expect(ivan.locator(f"#my-slots li[data-slot-id='{first_id}']")).to_contain_text(
        "Rosa Interviewer, Ivan Interviewer"
    )

    # Ada, in São Paulo, books it: 10:00 in Copenhagen is 06:00 for her.
    ada_ctx, ada = person_page(browser, "America/Sao_Paulo")
    sign_in(ada, base, "ada@example.com", "America/Sao_Paulo")
    card = ada.locator(f"#application-{seeded}")
    expect(card).to_have_attribute("data-stage", "interview")
    card.get_by_role("link", name="Choose your interview time").click()
    expect(ada.locator("#zone-note")).to_contain_text("America/Sao_Paulo")
    slot = ada.locator(f"#free-slots li[data-slot-id='{first_id}']")
    expect(slot.locator(".slot-time")).to_contain_text("06:00 America/Sao_Paulo")
    expect(slot).to_contain_text("for the interviewer:")
    expect(slot).to_contain_text("10:00 Europe/Copenhagen")
    expect(slot).to_contain_text("Rosa Interviewer, Ivan Interviewer")
    screenshot(ada, "recruiter-interview-booking")
    with ada.expect_navigation():
        slot.get_by_role("button", name="Book this time").click()
    expect(ada.locator("#booked-time")).to_contain_text("06:00 America/Sao_Paulo")
    [mail] = f.mails_to(settings.outbox_dir, "ada@example.com")
    assert "06:00 America/Sao_Paulo" in mail["body"] and "10:00 Europe/Copenhagen" in mail["body"]
    ics = Calendar.from_ical(
        next(p for p in _parts(mail["raw"]) if p.get_content_type() == "text/calendar").get_content()
    )
    assert ics.walk("VEVENT")[0].decoded("DTSTART").strftime("%H:%M") == "09:00"  # UTC

    # The day of the interview.
    with app.extensions["assessment.db"].new_session() as s:
        booked = s.get(InterviewSlot, first_id)
        booked.starts_at = booked.starts_at.replace(year=2000)
        booked.ends_at = booked.ends_at.replace(year=2000)
        s.commit()
    scorecard = f"{base}/review/positions/{SLUG}/candidates/{seeded}/scorecard"
    rosa.goto(scorecard)
    for criterion, rating in ((0, 4), (1, 5)):
        rosa.check(f"input[name=rating-{criterion}][value='{rating}']")
    rosa.select_option("#recommendation", "strong_yes")
    rosa.fill("#notes", "Rosa: clear reasoning about sensor fusion")
    with rosa.expect_navigation():
        rosa.click("#submit-scorecard")
    expect(rosa.locator("#scorecards")).to_contain_text("Rosa: clear reasoning")

    # Ivan has not submitted: he sees neither Rosa's scorecard nor the interview score.
    ivan.goto(scorecard)
    expect(ivan.locator("#others-hidden")).to_be_visible()
    expect(ivan.locator("body")).not_to_contain_text("Rosa: clear reasoning")
    for criterion in (0, 1):
        ivan.check(f"input[name=rating-{criterion}][value='3']")
    ivan.select_option("#recommendation", "yes")
    with ivan.expect_navigation():
        ivan.click("#submit-scorecard")
    # Rosa (4, 5 of 5) = (3/4 + 4/4) / 2 = 0.875; Ivan (3, 3) = 0.5; the interview score is their mean: 68.75 %.
    expect(ivan.locator("#scorecards")).to_contain_text("Rosa: clear reasoning")
    expect(ivan.locator("#scorecards h2")).to_contain_text("68.75")
    for ctx in (rosa_ctx, ivan_ctx):
        ctx.close()

    # Dora sees the interview score beside the test score and decides to offer.
    dora_ctx, dora = person_page(browser)
    sign_in(dora, base, "dora@staff.org")
    dora.goto(f"{base}/review/positions/{SLUG}/board")
    row = dora.locator(f"#candidate-{seeded}")
    expect(row.locator("td.interview-cell")).to_contain_text("68.75")
    expect(row.locator("td.total")).to_contain_text("90.00")
    dora.goto(base + INTERVIEWS)
    row = dora.locator(f"#interview-candidates #candidate-{seeded}")
    row.locator("select[name=decision]").select_option("offer")
    row.locator("input[name=note]").fill("Unanimous")
    with dora.expect_navigation():
        row.get_by_role("button", name="Save").click()
    expect(dora.locator(f"#interview-candidates #candidate-{seeded}")).to_contain_text("Offer")
    dora_ctx.close()
    assert len(f.mails_to(settings.outbox_dir, "ada@example.com")) == 1  # nothing before the release

    # The administrator releases the decisions after the interviews through the confirmation page.
    admin_ctx, admin = person_page(browser)
    sign_in(admin, base, "admin@staff.org")
    admin.goto(base + INTERVIEWS)
    admin.click("#release-final")
    expect(admin.locator("#release-stage")).to_contain_text("After the interviews")
    expect(admin.locator("#decision-counts [data-decision=offer]")).to_have_text("1")
    expect(admin.locator("#recipients")).to_contain_text("ada@example.com")
    with admin.expect_navigation():
        admin.click("#confirm-release")
    expect(admin.locator(".flashes")).to_contain_text("1 email sent")
    admin_ctx.close()
    offer = f.mails_to(settings.outbox_dir, "ada@example.com")[-1]
    assert "an offer" in offer["subject"]

    ada.goto(base + "/me")
    card = ada.locator(f"#application-{seeded}")
    expect(card).to_have_attribute("data-stage", "decision")
    expect(card).to_contain_text("offer you the position")
    screenshot(ada, "recruiter-interview-offer")
    ada_ctx.close()


def _parts(raw: str):
    import email
    from email.policy import default

    return email.message_from_string(raw, policy=default).walk()
