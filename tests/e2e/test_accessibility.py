"""axe-core in real Chromium on every page of every audience (public, candidate, reviewer, administrator): no
serious or critical violation. The candidate's pages are audited in English and in Japanese, and in their states
that show more (the finish dialog open, the 390 px phone layout)."""

from __future__ import annotations

import pytest

from tests.e2e.axe import assert_accessible
from tests.page_world import build_world
from tests.review.factories import PASSWORD

pytestmark = [pytest.mark.e2e]


def signed_in(browser, live, email: str, locale: str = "en-US", width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale=locale)
    context.set_default_timeout(15000)
    page = context.new_page()
    page.goto(f"{live.url}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, page.url
    return page


def sideways_scroll(page) -> int:
    """How many pixels the page can scroll sideways (0: it fits the window's width)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def audit_all(page, live, pages: dict[str, str], *, fits: bool = False) -> None:
    for name, url in pages.items():
        response = page.goto(live.url + url)
        assert response is not None and response.status < 400, (name, url, response and response.status)
        page.wait_for_load_state("load")
        assert_accessible(page, name)
        if fits:
            assert sideways_scroll(page) <= 0, f"{name}: {sideways_scroll(page)} px of sideways scroll"


@pytest.fixture
def world(app, s, tmp_path, live_server):
    ids = build_world(s, tmp_path)
    ids["live"] = live_server.start(judge=False)
    return ids


def test_public_pages(world, page):
    live = world["live"]
    audit_all(
        page,
        live,
        {
            "positions": "/",
            "a position": f"/positions/{world['position']}",
            "sign in": "/login",
            "pre-register": "/register",
            "forgot password": "/password/forgot",
            "apply, signed out": f"/positions/{world['position']}/apply",
        },
    )
    page.goto(f"{live.url}/no-such-page")
    assert_accessible(page, "not found")


@pytest.mark.parametrize("locale, width", [("en-US", 1280), ("en-US", 390), ("ja-JP", 390)])
def test_candidate_pages(world, browser, locale, width):
    """Also at 390 px wide (a phone): every candidate page fits the width, nothing scrolls sideways."""
    live = world["live"]
    phone = width <= 390
    page = signed_in(browser, live, "taro@example.com", locale, width)
    base = f"/applications/{world['ongoing']}/test"
    audit_all(
        page,
        live,
        {
            "dashboard": "/me",
            "test start": base,
            "test overview": f"{base}/overview",
            "a problem": f"{base}/problems/{world['problem']}",
            "an essay": f"{base}/essays/{world['prompt']}",
            "finish page": f"{base}/finish",
            "profile": "/account/profile",
            "change password": "/account/password",
            "positions": "/",
            "a position": f"/positions/{world['position']}",
        },
        fits=phone,
    )
    page.goto(f"{live.url}{base}/overview")
    page.click("#finish-open")
    assert page.locator("#finish-dialog").is_visible()
    assert_accessible(page, "the finish dialog")
    page.context.close()

    done = signed_in(browser, live, "hana@example.com", locale, width)
    audit_all(done, live, {"done": f"/applications/{world['finished']}/test/done"}, fits=phone)
    done.context.close()


def test_reviewer_pages(world, browser):
    live = world["live"]
    grader = signed_in(browser, live, world["grader"])
    audit_all(
        grader, live, {"review home": "/review/", "grading queue": f"/review/positions/{world['position']}/queue"}
    )
    grader.goto(f"{live.url}/review/positions/{world['position']}/queue/next")
    assert "/review/grade/" in grader.url
    assert_accessible(grader, "grading an essay")
    grader.context.close()

    decider = signed_in(browser, live, world["decider"])
    position = f"/review/positions/{world['position']}"
    candidate = f"{position}/candidates/{world['finished']}"
    audit_all(
        decider,
        live,
        {
            "board": f"{position}/board",
            "candidate": candidate,
            "report": f"{candidate}/report",
            "submission": f"{candidate}/submissions/{world['submission']}",
            "similarity": f"{position}/similarity",
            "similar pair": f"{position}/similarity/{world['submission']}/{world['twin_submission']}",
        },
    )
    decider.context.close()


def test_admin_pages(world, browser):
    live = world["live"]
    admin = signed_in(browser, live, world["admin"])
    position = world["position"]
    audit_all(
        admin,
        live,
        {
            "admin dashboard": "/admin/",
            "position": f"/admin/positions/{position}",
            "applications": f"/admin/positions/{position}/applications",
            "invitations": f"/admin/positions/{position}/invitations",
            "reviewers": "/admin/reviewers",
            "accounts": "/admin/accounts",
            "api tokens": "/admin/api-tokens",
            "release confirmation": f"/admin/positions/{position}/release-decisions",
            "board (admin)": f"/review/positions/{position}/board",
        },
    )
    admin.context.close()
