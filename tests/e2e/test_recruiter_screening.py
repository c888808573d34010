"""A recruiter's CV screening in a real browser: a screener rejects one applicant and advances another, with notes;
the advanced one gets the test at once, the rejected one only when an administrator releases the screening
decisions through the confirmation page; each candidate's dashboard tells them where they stand."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot
from tests.e2e.recruiting import person_page, sign_in
from tests.review import factories as f
from tests.review import stage_factories as sf

pytestmark = [pytest.mark.e2e]

SLUG = "vision-intern"


@pytest.fixture
def seeded(app, settings):
    with app.extensions["assessment.db"].new_session() as s:
        pos = f.position(s, SLUG, title="Vision Intern", prompts=0, essay=False, weight_coding=1.0)
        pos.unlock = "on_release"
        s.commit()
        ada = sf.applicant(s, pos, "ada@example.com", "Ada Lovelace", settings.cv_dir, institution="ETH Zürich")
        bob = sf.applicant(s, pos, "bob@example.com", "Bob Builder", settings.cv_dir, institution="Builder College")
        sf.staff(s, pos, "sam@staff.org", "Sam Screener", screen=True)
        sf.person(s, "admin@staff.org", "admin", "Ann Admin")
        s.commit()
        return {"ada": ada.id, "bob": bob.id}


def test_screening_rejects_one_applicant_and_advances_another(app, seeded, live_server, browser, settings):
    from playwright.sync_api import expect

    live_server.start(judge=False)
    base = live_server.url

    ctx, page = person_page(browser)
    sign_in(page, base, "sam@staff.org")
    page.goto(f"{base}/review/positions/{SLUG}/screening")
    expect(page.locator("h1")).to_contain_text("CV screening")
    expect(page.locator("#screening")).to_contain_text("ETH Zürich")
    # The screener opens the CV they screen.
    with page.expect_download() as cv:
        page.locator(f"#application-{seeded['ada']} a", has_text="CV (PDF)").click()
    assert open(cv.value.path(), "rb").read().startswith(b"%PDF-")  # noqa: SIM115 - the downloaded file

    for key, decision, note in (("bob", "reject", "No vision background"), ("ada", "advance", "Strong projects")):
        row = page.locator(f"#application-{seeded[key]}")
        row.locator("select[name=decision]").select_option(decision)
        row.locator("input[name=note]").fill(note)
        with page.expect_navigation():
            row.locator("button[type=submit]").click()
    expect(page.locator(".flashes")).to_contain_text("Ada Lovelace is advanced")
    expect(page.locator(f"#application-{seeded['ada']}")).to_contain_text("test released")
    bob_row = page.locator(f"#application-{seeded['bob']} .screening-state")
    expect(bob_row).to_contain_text("Reject")
    expect(bob_row).to_contain_text("No vision background")
    expect(bob_row).to_contain_text("not released yet")
    screenshot(page, "recruiter-screening")
    ctx.close()

    # Ada has her test now; Bob has heard nothing yet.
    assert len(f.mails_to(settings.outbox_dir, "ada@example.com")) == 1
    assert f.mails_to(settings.outbox_dir, "bob@example.com") == []
    ctx, page = person_page(browser)
    sign_in(page, base, "bob@example.com")
    expect(page.locator(f"#application-{seeded['bob']}")).to_have_attribute("data-stage", "applied")
    ctx.close()

    # The administrator releases the screening decisions through the confirmation page.
    ctx, page = person_page(browser)
    sign_in(page, base, "admin@staff.org")
    page.goto(f"{base}/review/positions/{SLUG}/screening")
    page.click("#release-screening")
    expect(page.locator("#release-stage")).to_contain_text("CV screening")
    expect(page.locator("#decision-counts [data-decision=reject]")).to_have_text("1")
    expect(page.locator("#decision-counts [data-decision=advance]")).to_have_text("1")
    expect(page.locator("#recipients")).to_contain_text("bob@example.com")
    expect(page.locator("#recipients")).not_to_contain_text("ada@example.com")
    screenshot(page, "recruiter-screening-release")
    with page.expect_navigation():
        page.click("#confirm-release")
    expect(page.locator(".flashes")).to_contain_text("1 email sent")
    ctx.close()
    [rejection] = f.mails_to(settings.outbox_dir, "bob@example.com")
    assert "after reviewing your CV" in rejection["body"]

    for email, key, stage, words in (
        ("bob@example.com", "bob", "decision", "not be moving forward"),
        ("ada@example.com", "ada", "test_available", "Go to the test"),
    ):
        ctx, page = person_page(browser)
        sign_in(page, base, email)
        card = page.locator(f"#application-{seeded[key]}")
        expect(card).to_have_attribute("data-stage", stage)
        expect(card).to_contain_text(words)
        screenshot(page, f"recruiter-screening-dashboard-{key}")
        ctx.close()
