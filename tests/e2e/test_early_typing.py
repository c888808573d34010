"""Nothing typed is lost on a slow connection: words typed into an essay before the page's scripts have arrived are
autosaved once they do (the text area is usable as soon as it is drawn, before the scripts below it load)."""

from __future__ import annotations

import re

import pytest

from tests.candidate.attempt_helpers import make_application, make_test_position
from tests.e2e.test_keyboard_only import EMAIL, PASSWORD

pytestmark = [pytest.mark.e2e]


def test_words_typed_before_the_essay_script_loads_are_saved(app, tmp_path, make_user, page, live_server):
    from playwright.sync_api import expect

    ids = make_test_position(app, tmp_path, duration=30, languages=("python",))
    make_user(EMAIL)
    make_application(app, EMAIL, ids["position"])
    live = live_server.start(judge=False)
    page.goto(f"{live.url}/login")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Go to the test").click()
    page.click("#start-test")
    page.wait_for_url(re.compile(r"/test/overview$"))

    held = []  # the essay script's request, answered only after the candidate has typed
    page.route("**/js/test-essay.js*", lambda route: held.append(route))
    page.goto(f"{page.url.rsplit('/', 1)[0]}/essays/{ids['prompt']}", wait_until="commit")
    essay = page.locator("#essay-text")
    essay.wait_for()
    essay.fill("Typed while the page was still loading.")
    page.wait_for_timeout(300)
    assert held, "the essay script was requested"
    held[0].continue_()
    page.unroute("**/js/test-essay.js*")

    expect(page.locator("#save-state")).to_have_text(re.compile("^Saved at"), timeout=15000)
    page.reload()
    expect(page.locator("#essay-text")).to_have_value("Typed while the page was still loading.")
