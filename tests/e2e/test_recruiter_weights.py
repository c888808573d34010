"""What-if weights in a real browser: moving the board's slider re-ranks the table in the page exactly as computed by
hand below and marks who would enter or leave the shortlist; nothing is saved until an administrator saves the
weights, which every view then uses and which the audit log records with the previous ones."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.e2e.conftest import screenshot
from tests.e2e.recruiting import person_page, sign_in
from tests.review import factories as f
from tests.review import stage_factories as sf

pytestmark = [pytest.mark.e2e]

SLUG = "audio-intern"
# name: (coding score, essay points per criterion of the 4 + 3 + 3 = 10 point rubric)
CANDIDATES = {
    "Ada Lovelace": (1.00, [2, 0, 0]),  # essay 20 %
    "Bob Builder": (0.25, [4, 3, 3]),  # essay 100 %
    "Cy Young": (0.75, [4, 1, 1]),  # essay 60 %
    "Dee Dee": (0.50, [4, 3, 1]),  # essay 80 %
}
# position.yaml weights 50 / 50: Cy 37.5 + 30 = 67.50, Dee 25 + 40 = 65.00, Bob 12.5 + 50 = 62.50, Ada 50 + 10 = 60.00
SAVED = [("Cy Young", "67.50"), ("Dee Dee", "65.00"), ("Bob Builder", "62.50"), ("Ada Lovelace", "60.00")]
# 20 / 80: Bob 5 + 80 = 85.00, Dee 10 + 64 = 74.00, Cy 15 + 48 = 63.00, Ada 20 + 16 = 36.00
ESSAY_HEAVY = [("Bob Builder", "85.00"), ("Dee Dee", "74.00"), ("Cy Young", "63.00"), ("Ada Lovelace", "36.00")]
# 80 / 20: Ada 80 + 4 = 84.00, Cy 60 + 12 = 72.00, Dee 40 + 16 = 56.00, Bob 20 + 20 = 40.00
CODING_HEAVY = [("Ada Lovelace", "84.00"), ("Cy Young", "72.00"), ("Dee Dee", "56.00"), ("Bob Builder", "40.00")]


@pytest.fixture
def seeded(app):
    from assessment.models import Decision

    with app.extensions["assessment.db"].new_session() as s:
        pos = f.position(s, SLUG, title="Audio Intern", weight_coding=0.5, weight_essay=0.5, prompts=1, problems=1)
        grader = sf.staff(s, pos, "gina@staff.org", "Gina Grader", grade=True)
        admin = sf.person(s, "admin@staff.org", "admin", "Ann Admin")
        for name, (coding, points) in CANDIDATES.items():
            application = f.candidate(s, pos, name.split()[0].lower() + "@example.com", name)
            f.submission(s, application, score=coding)
            f.review(s, f.answer(s, application), grader, points)
            if name in ("Cy Young", "Dee Dee"):  # the current shortlist: the top two
                s.add(Decision(application_id=application.id, decision="shortlist", decided_by_id=admin.id))
        s.commit()


def ranking(page) -> list[tuple[str, str]]:
    names = page.locator("#board tbody tr td:not([hidden]) a[href*='/candidates/']:not(.small)").all_inner_texts()
    totals = page.locator("#board tbody tr td.total").all_inner_texts()
    return list(zip(names, totals, strict=True))


def badges(page, kind: str) -> list[str]:
    return page.locator(f"#board tbody tr:has(.whatif-badge .{kind})").evaluate_all(
        "rows => rows.map(r => r.dataset.name)"
    )


def slide(page, percent: int) -> None:
    """Move the coding slider with the keyboard, as a person would (Home, then one step per percent)."""
    slider = page.locator("#weight-coding")
    slider.focus()
    page.keyboard.press("Home")
    for _ in range(percent):
        page.keyboard.press("ArrowRight")


def test_the_weight_sliders_change_the_ranking_as_computed_by_hand(app, seeded, live_server, browser):
    from playwright.sync_api import expect

    from assessment.models import AuditEntry

    live_server.start(judge=False)
    ctx, page = person_page(browser)
    sign_in(page, live_server.url, "admin@staff.org")
    page.goto(f"{live_server.url}/review/positions/{SLUG}/board")
    assert ranking(page) == SAVED
    expect(page.locator("#weights-source")).to_contain_text("position.yaml")
    expect(page.locator("#shortlist-size")).to_have_value("2")
    expect(page.locator("#whatif-same")).to_be_visible()

    slide(page, 20)
    expect(page.locator("#weight-essay-out")).to_have_text("80")
    assert ranking(page) == ESSAY_HEAVY
    assert badges(page, "enters") == ["Bob Builder"] and badges(page, "leaves") == ["Cy Young"]
    expect(page.locator("#whatif-enters .names")).to_have_text("Bob Builder")
    expect(page.locator("#whatif-leaves .names")).to_have_text("Cy Young")
    screenshot(page, "recruiter-weights-what-if")

    slide(page, 80)
    assert ranking(page) == CODING_HEAVY
    assert badges(page, "enters") == ["Ada Lovelace"] and badges(page, "leaves") == ["Dee Dee"]
    # A shortlist of three: under 50 / 50 the top three are Cy, Dee and Bob; under 80 / 20 Ada, Cy and Dee.
    page.fill("#shortlist-size", "3")
    assert badges(page, "enters") == ["Ada Lovelace"] and badges(page, "leaves") == ["Bob Builder"]

    page.click("#weights-reset")
    assert ranking(page) == SAVED
    expect(page.locator("#whatif-same")).to_be_visible()

    # Nothing was saved by moving the sliders; the administrator saves 20 / 80 with a reason.
    page.reload()
    assert ranking(page) == SAVED
    slide(page, 20)
    page.fill("#weights-reason", "The committee weighs the essays more")
    with page.expect_navigation():
        page.click("#weights-save")
    expect(page.locator("#weights-source")).to_contain_text("saved on the board")
    expect(page.locator("#weights-now")).to_contain_text("position.yaml: 50 % coding, 50 % essay")
    assert ranking(page) == ESSAY_HEAVY  # ranked by the server now
    expect(page.locator("#whatif-same")).to_be_visible()
    screenshot(page, "recruiter-weights-saved")
    ctx.close()
    with app.extensions["assessment.db"].new_session() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "position.weights_saved"))
        assert entry.details["previous"] == {"coding": 0.5, "essay": 0.5}
        assert entry.details["weights"] == {"coding": 0.2, "essay": 0.8}
        assert entry.details["reason"] == "The committee weighs the essays more"
