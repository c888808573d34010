"""A whole test without a mouse, in real Chromium against the real judge: sign in, open the test, move between the
problem and the essay, type code in the editor, leave it with Escape then Tab (as the page says), run the samples,
submit, write the essay and finish. Every control is reached with Tab / Shift+Tab from where the focus is, and
pressed with Enter; nothing is clicked. The problem page with its results is audited with axe-core too."""

from __future__ import annotations

import re

import pytest

from tests.candidate.attempt_helpers import make_application, make_test_position
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.docker]

EMAIL = "kei@example.com"
PASSWORD = "correct horse battery"
CODE = "print(sum(map(int, input().split())))"
ESSAY = "I found a race in the cache by logging every lock, and fixed it with one ordering rule."


def focused(page) -> str:
    """What has the focus: '#id', or 'tag.class' with its accessible text."""
    return page.evaluate(
        """() => { const e = document.activeElement; if (!e) return '';
            return (e.id ? '#' + e.id : e.tagName.toLowerCase() + '.' + e.className) + ' ' +
                   (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 60); }"""
    )


def tab_to(page, selector: str, *, back: bool = False, limit: int = 60) -> None:
    """Press Tab (Shift+Tab) until the element matching `selector` has the focus. In the code editor Tab indents, so
    passing through it takes Escape first, as the page tells candidates."""
    key = "Shift+Tab" if back else "Tab"
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        if page.evaluate("() => document.activeElement.classList.contains('cm-content')"):
            page.keyboard.press("Escape")
        page.keyboard.press(key)
    raise AssertionError(f"{selector} not reached with {key} (focus on {focused(page)})")


def test_a_whole_test_with_the_keyboard_only(app, tmp_path, make_user, browser, live_server, require_docker):
    from playwright.sync_api import expect

    ids = make_test_position(app, tmp_path, duration=30, languages=("python",))
    make_user(EMAIL)
    application_id = make_application(app, EMAIL, ids["position"])
    live = live_server.start(judge=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    try:
        # sign in: the first Tab reaches "Skip to content", the form follows
        page.goto(f"{live.url}/login")
        tab_to(page, "input[name=email]")
        page.keyboard.type(EMAIL)
        tab_to(page, "input[name=password]")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/me$"))

        tab_to(page, "a[href$='/test']")  # "Go to the test"
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/test$"))
        expect(page.locator("body")).to_contain_text("press Escape and then Tab")  # said before the clock starts
        tab_to(page, "#start-test")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/test/overview$"))

        # the problem, from the test's navigation
        tab_to(page, f"a[href$='/problems/{ids['problem']}']")
        page.keyboard.press("Enter")
        page.wait_for_selector(".cm-content")
        editor = page.locator(".cm-content")
        expect(editor).to_have_attribute("aria-label", "Code editor for Add Two Numbers")
        expect(editor).to_have_attribute("aria-describedby", "editor-help")
        expect(page.locator("#editor-help")).to_contain_text("press Escape, then Tab")
        tab_to(page, ".cm-content")
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        page.keyboard.type(CODE)  # CodeMirror closes brackets; typing the closing one steps over it
        page.keyboard.press("Tab")  # Tab indents inside the editor...
        assert page.evaluate("() => document.activeElement.classList.contains('cm-content')")
        page.keyboard.press("Shift+Tab")  # ...and Shift+Tab dedents: the focus stays
        expect(editor).to_have_text(CODE)
        page.keyboard.press("Escape")  # the documented way out: Escape, then Tab
        page.keyboard.press("Tab")
        assert focused(page).startswith("#run-samples"), focused(page)
        page.keyboard.press("Enter")
        status = page.locator("#result-status")
        expect(status).to_contain_text("Accepted", timeout=90000)
        expect(status).to_contain_text("1 of 1 sample passed")
        tab_to(page, "#submit-code")
        page.keyboard.press("Enter")
        expect(status).to_contain_text("3 of 3 hidden tests passed · 1 of 1 sample passed", timeout=90000)
        expect(page.locator(f"#badge-problem-{ids['problem']}")).to_have_text("Solved")
        expect(page.locator("#save-state")).to_have_text(re.compile("^Saved"))
        assert_accessible(page, "a problem with its results")
        screenshot(page, "keyboard-problem")

        # the essay, back up in the navigation
        tab_to(page, f"a[href$='/essays/{ids['prompt']}']", back=True)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/essays/\d+$"))
        tab_to(page, "#essay-text")
        page.keyboard.type(ESSAY)
        expect(page.locator("#word-count")).to_contain_text("18 words")
        expect(page.locator("#save-state")).to_have_text(re.compile("^Saved at"), timeout=15000)

        # finish: the dialog opens with the focus on "Keep working"; Tab to "Finish test", Enter
        tab_to(page, "#finish-open", back=True)
        page.keyboard.press("Enter")
        assert focused(page).startswith("#finish-cancel"), focused(page)
        page.keyboard.press("Tab")
        assert focused(page).startswith("#finish-confirm"), focused(page)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/test/done$"), timeout=30000)
        expect(page.locator("body")).to_contain_text("Your test is complete")
        expect(page.locator(".done-result").first).to_contain_text("Accepted", timeout=60000)
        screenshot(page, "keyboard-done")
    finally:
        context.close()

    from sqlalchemy import select

    from assessment.models import Attempt, EssayAnswer, Submission

    with app.extensions["assessment.db"].new_session() as s:
        attempt = s.scalar(select(Attempt).where(Attempt.application_id == application_id))
        assert attempt.finished_at is not None
        kinds = [x.kind for x in s.scalars(select(Submission).where(Submission.attempt_id == attempt.id))]
        assert kinds == ["samples", "submit"]
        assert s.scalar(select(EssayAnswer).where(EssayAnswer.attempt_id == attempt.id)).text == ESSAY
