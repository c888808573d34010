"""A click on Submit is never lost to the page moving under the pointer: pressing the button takes the focus from the
editor, which saves the draft; when that save fails, the message "Not saved — retrying…" appears beside the editor
while the button is still held down. The message may not move the button, or the release lands elsewhere and the
browser drops the click."""

from __future__ import annotations

import re

import pytest

from tests.candidate.attempt_helpers import make_application, make_test_position
from tests.e2e.test_keyboard_only import EMAIL, PASSWORD

pytestmark = [pytest.mark.e2e]


def test_a_failed_autosave_does_not_move_the_submit_button_under_the_pointer(
    app, tmp_path, make_user, page, live_server
):
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
    page.goto(f"{page.url.rsplit('/', 1)[0]}/problems/{ids['problem']}")
    page.wait_for_selector(".cm-content")

    page.route("**/draft", lambda route: route.abort())  # every autosave fails from now on
    submit = page.locator("#submit-code")
    before = submit.bounding_box()
    page.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.type("print(sum(map(int, input().split())))")

    x, y = before["x"] + before["width"] / 2, before["y"] + before["height"] / 2
    page.mouse.move(x, y)
    with page.expect_request("**/submit") as sent:
        page.mouse.down()  # the editor loses the focus: the draft is saved, and the save fails
        expect(page.locator("#save-state")).to_contain_text("Not saved", timeout=10000)
        after = submit.bounding_box()
        page.mouse.up()
    assert (after["x"], after["y"]) == (before["x"], before["y"]), (before, after)
    assert sent.value.method == "POST"
    expect(page.locator("#result-status")).to_contain_text("Waiting for the judge")
