"""Data rights in a real browser: a candidate withdraws (reviewers see "withdrawn") and asks for their account to be
deleted; an administrator downloads the export of everything held about them, then erases them, after which no page
or export holds their name."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from sqlalchemy import select

from tests.e2e.conftest import screenshot
from tests.e2e.recruiting import download_bytes, download_text, person_page, sign_in
from tests.review import factories as f
from tests.review import stage_factories as sf

pytestmark = [pytest.mark.e2e]

SLUG = "speech-intern"
NAME, EMAIL = "Grace Hopper", "grace@example.com"


@pytest.fixture
def seeded(app, settings):
    with app.extensions["assessment.db"].new_session() as s:
        pos = f.position(s, SLUG, title="Speech Intern", prompts=1, problems=1)
        grader = sf.staff(s, pos, "gina@staff.org", "Gina Grader", grade=True)
        sf.staff(s, pos, "dora@staff.org", "Dora Decider", decide=True)
        sf.person(s, "admin@staff.org", "admin", "Ann Admin")
        grace = f.candidate(s, pos, EMAIL, NAME)
        grace.institution, grace.phone = "Yale University", "+1 203 555 0100"
        s.commit()
        f.submission(s, grace, score=0.75, source=f"# by {NAME}\nprint(42)\n")
        f.review(s, f.answer(s, grace, text=f"I am {NAME}; I wrote the first compiler. " * 6), grader, [4, 3, 2])
        alan = f.candidate(s, pos, "alan@example.com", "Alan Turing")
        f.submission(s, alan, score=0.5)
        s.commit()
        return grace.id


def test_a_candidate_withdraws_and_an_admin_erases_them_after_which_no_page_or_export_holds_their_name(
    app, seeded, live_server, browser
):
    from playwright.sync_api import expect

    from assessment.models import User

    live_server.start(judge=False)
    base = live_server.url

    grace_ctx, grace = person_page(browser)
    sign_in(grace, base, EMAIL)
    grace.click(f"#withdraw-{seeded}")
    grace.fill("#reason", "I accepted another offer")
    grace.check("input[name=confirm]")
    with grace.expect_navigation():
        grace.click("#confirm-withdraw")
    expect(grace.locator(f"#application-{seeded}")).to_have_attribute("data-stage", "withdrawn")

    dora_ctx, dora = person_page(browser)
    sign_in(dora, base, "dora@staff.org")
    dora.goto(f"{base}/review/positions/{SLUG}/board")
    expect(dora.locator(f"#candidate-{seeded}")).to_contain_text("withdrawn")
    expect(dora.locator(f"#candidate-{seeded}")).to_contain_text(NAME)
    screenshot(dora, "recruiter-withdrawn-on-board")

    grace.click("#delete-account")
    grace.fill("#password", f.PASSWORD)
    with grace.expect_navigation():
        grace.click("#confirm-delete")
    expect(grace.locator("#deletion-requested")).to_be_visible()
    grace_ctx.close()

    admin_ctx, admin = person_page(browser)
    sign_in(admin, base, "admin@staff.org")
    admin.click("#data-requests")
    expect(admin.locator("#deletion-requests")).to_contain_text(EMAIL)
    admin.get_by_role("link", name="Data and erasure").click()
    archive = zipfile.ZipFile(io.BytesIO(download_bytes(admin, "#export-candidate")))
    document = json.loads(archive.read("candidate.json"))
    assert document["account"]["name"] == NAME and document["applications"][0]["institution"] == "Yale University"
    assert any(name.endswith(".py") for name in archive.namelist())
    admin.fill("#confirm-email", EMAIL)
    with admin.expect_navigation():
        admin.click("#erase-candidate")
    expect(admin.locator(".flashes")).to_contain_text("The candidate is erased")
    screenshot(admin, "recruiter-erased")

    with app.extensions["assessment.db"].new_session() as s:
        user_id = s.scalar(select(User.id).where(User.erased_at.is_not(None)))
    pages = [
        f"/review/positions/{SLUG}/board",
        f"/review/positions/{SLUG}/candidates/{seeded}",
        f"/review/positions/{SLUG}/candidates/{seeded}/report",
        f"/review/positions/{SLUG}/screening",
        f"/review/positions/{SLUG}/similarity",
        f"/admin/positions/{SLUG}/applications",
        f"/admin/positions/{SLUG}/release-decisions?stage=test",
        f"/admin/candidates/{user_id}",
        "/admin/accounts",
        "/admin/data-requests",
    ]
    for path in pages:
        admin.goto(base + path)
        text = admin.content()
        assert NAME not in text and EMAIL not in text and "Yale" not in text, path
    for path in (f"/review/positions/{SLUG}/board",):
        dora.goto(base + path)
        assert NAME not in dora.content()
    admin.goto(f"{base}/review/positions/{SLUG}/board")
    for selector in ("#export-csv", "#export-json"):
        exported = download_text(admin, selector)
        assert NAME not in exported and EMAIL not in exported and "Alan Turing" in exported, selector
    admin.goto(f"{base}/admin/candidates/{user_id}")
    erased_export = zipfile.ZipFile(io.BytesIO(download_bytes(admin, "#export-candidate")))
    for member in erased_export.namelist():
        content = erased_export.read(member).decode()
        assert NAME not in content and EMAIL not in content, member
    for ctx in (admin_ctx, dora_ctx):
        ctx.close()
