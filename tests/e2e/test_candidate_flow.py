"""The whole candidate experience in a real browser against a real server and the real Docker judge:
account -> application -> timed test (code runs, live verdicts, essay autosave) -> time runs out -> finalised."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.candidate.attempt_helpers import move_deadline, sync_position_tree, write_position_tree
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.docker]

WRONG = "a, b = map(int, input().split())\nprint(a - b)\n"
RIGHT = "a, b = map(int, input().split())\nprint(a + b)\n"
EMAIL = "dana@example.com"
PASSWORD = "correct horse battery"


def _expect():
    from playwright.sync_api import expect

    return expect


def replace_code(page, source: str) -> None:
    editor = page.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    # CodeMirror auto-indents and closes brackets while typing; insert the text as one edit instead.
    page.keyboard.insert_text(source)


TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def account_and_application(app, page, live, ids, tmp_path) -> int:
    """Accept an invitation and apply with a CV through the real pages. Returns the application id."""
    from sqlalchemy import select

    from assessment.applications.links import invitation_link
    from assessment.models import Application, Invitation, User, utcnow

    database = app.extensions["assessment.db"]
    with database.new_session() as s:
        invitation = Invitation(
            position_id=ids["position"], email=EMAIL, name="Dana Candidate", expires_at=utcnow() + timedelta(days=7)
        )
        s.add(invitation)
        s.commit()
        with app.test_request_context():
            link = invitation_link(invitation)
    path = link.split("://", 1)[1].split("/", 1)[1]
    page.goto(f"{live.url}/{path}")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=confirm]", PASSWORD)
    page.get_by_role("button", name=re.compile("Create my account")).click()
    page.wait_for_url(re.compile(r"/apply$"))
    page.fill("input[name=phone]", "+45 12 34 56 78")
    page.select_option("select[name=education_level]", "master")
    page.fill("input[name=institution]", "Aarhus University")
    page.fill("input[name=graduation_year]", "2021")
    cv = tmp_path / "dana-cv.pdf"
    cv.write_bytes(TINY_PDF)
    page.set_input_files("input[name=cv]", str(cv))
    screenshot(page, "apply-form")
    page.get_by_role("button", name="Send my application").click()
    page.wait_for_load_state()
    with database.new_session() as s:
        user = s.scalar(select(User).where(User.email == EMAIL))
        application = s.scalar(select(Application).where(Application.user_id == user.id))
        assert application is not None and application.cv_sha256
        return application.id


def test_candidate_takes_the_timed_test(app, tmp_path, page, live_server, require_docker):
    expect = _expect()
    # the content loader's sync (position.yaml + Kattis package + essay file), as an admin would publish it
    ids = sync_position_tree(app, write_position_tree(tmp_path / "problems", duration=30))
    live = live_server.start(judge=True)
    from assessment.attempts.finalize import start_finalizer

    finalizer = start_finalizer(app, interval=1.0)
    try:
        application_id = account_and_application(app, page, live, ids, tmp_path)
        base = live.url

        # --- start page, from the dashboard's link
        page.goto(f"{base}/me")
        page.get_by_role("link", name=re.compile("Go to the test")).click()
        expect(page.get_by_role("heading", name=re.compile("The test for"))).to_be_visible()
        expect(page.locator("body")).to_contain_text("30 minutes")
        expect(page.locator("body")).to_contain_text("Python 3")
        screenshot(page, "test-start")
        page.click("#start-test")
        page.wait_for_url(re.compile(r"/test/overview$"))
        expect(page.locator("#countdown")).to_have_text(re.compile(r"^(29|30):\d\d$"))

        # --- coding: wrong answer on samples, custom input, submit wrong then right with live verdicts
        page.get_by_role("link", name=re.compile("Add Two Numbers")).first.click()
        page.wait_for_selector(".cm-content")
        expect(page.locator(".statement .katex").first).to_be_visible()
        replace_code(page, WRONG)
        expect(page.locator("#save-state")).to_have_text(re.compile("^Saved at \\d\\d:\\d\\d:\\d\\d$"), timeout=10000)

        page.click("#run-samples")
        expect(page.locator("#result-status")).to_contain_text("Wrong answer", timeout=90000)
        result = page.locator(".test-result").first
        expect(result).to_contain_text("Sample 1")
        expect(result.locator("pre").nth(0)).to_have_text("1 2\n")  # input
        expect(result.locator("pre").nth(1)).to_have_text("3\n")  # expected
        expect(result.locator("pre").nth(2)).to_have_text("-1\n")  # actual

        page.click("#custom-run summary")
        page.fill("#custom-input", "40 2\n")
        page.click("#run-custom")
        expect(page.locator(".test-result pre").nth(1)).to_have_text("38\n", timeout=90000)

        page.click("#submit-code")
        expect(page.locator("#result-status")).to_contain_text("Wrong answer", timeout=90000)
        expect(page.locator(".results-table")).to_contain_text("Test 1")
        body = page.locator("#result-body").inner_text()
        assert "secret" not in body and "2000000000" not in body
        expect(page.locator("#history tbody tr")).to_have_count(1)

        replace_code(page, RIGHT)
        page.click("#submit-code")
        status = page.locator("#result-status")
        expect(status).to_contain_text(
            re.compile("Waiting for the judge|Compiling|Running the tests|Accepted"), timeout=10000
        )
        expect(status).to_contain_text("Accepted", timeout=90000)
        expect(status).to_contain_text("3 of 3 hidden tests passed")
        expect(page.locator("#history tbody tr")).to_have_count(2)
        expect(page.locator(f"#badge-problem-{ids['problem']}")).to_have_text("Solved")
        screenshot(page, "test-problem-accepted")

        # keyboard: Escape then Tab leaves the editor
        page.locator(".cm-content").click()
        page.keyboard.press("Escape")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement && document.activeElement.id") == "run-samples"

        # an unsubmitted improvement that only autosave knows about
        replace_code(page, RIGHT + "# checked the edge cases\n")
        expect(page.locator("#save-state")).to_have_text(re.compile("^Saved at"), timeout=10000)

        # --- essay: autosave, reload, restored
        page.get_by_role("link", name=re.compile("A bug you fixed")).click()
        # Type only once the page has loaded: the textarea is editable while the scripts below it (KaTeX, then the
        # essay's autosave) are still loading, and text typed before test-essay.js listens is never autosaved.
        page.wait_for_url(re.compile(r"/test/essays/\d+$"))
        essay = page.locator("#essay-text")
        essay.fill("The race condition only appeared under load, so I added logging and found it.")
        expect(page.locator("#word-count")).to_contain_text("14 words")
        expect(page.locator("#save-state")).to_have_text(re.compile("^Saved at"), timeout=15000)
        page.reload()
        expect(page.locator("#essay-text")).to_have_value(re.compile("^The race condition only appeared"))
        screenshot(page, "test-essay")

        # saving fails (network down): a visible warning, the text survives a reload via localStorage, then it saves
        page.route("**/test/essays/*/draft", lambda route: route.abort())
        essay.fill("Offline words that must not be lost in the end.")
        expect(page.locator("#save-state")).to_contain_text("Not saved", timeout=15000)
        page.reload()
        expect(page.locator("#essay-text")).to_have_value("Offline words that must not be lost in the end.")
        page.unroute("**/test/essays/*/draft")
        expect(page.locator("#save-state")).to_have_text(re.compile("^Saved at"), timeout=20000)
        page.reload()
        expect(page.locator("#essay-text")).to_have_value("Offline words that must not be lost in the end.")

        # --- the clock runs out: the page goes read-only, then to the confirmation page
        move_deadline(app, application_id, 6)
        page.reload()
        expect(page.locator("#timeup-banner")).to_be_visible(timeout=15000)
        expect(page.locator("#essay-text")).to_have_attribute("readonly", "")
        page.wait_for_url(re.compile(r"/test/done$"), timeout=30000)
        expect(page.locator("body")).to_contain_text("Your test is complete")
        expect(page.locator("body")).to_contain_text("submitted automatically")
        expect(page.locator(".done-result").first).to_contain_text("Accepted", timeout=90000)
        expect(page.locator(".counted-score").first).to_have_text("100.00 %")  # the best submission counts
        expect(page.locator("#coding-score")).to_have_text("100.00 %")
        expect(page.locator("body")).to_contain_text("Final")
        expect(page.get_by_role("row", name=re.compile("A bug you fixed"))).to_have_text(
            re.compile(r"A bug you fixed\s+10\s+Final")
        )
        screenshot(page, "test-done")

        from sqlalchemy import select

        from assessment.models import Attempt, EssayAnswer, Submission

        with app.extensions["assessment.db"].new_session() as s:
            subs = s.scalars(
                select(Submission).where(Submission.kind.in_(("submit", "auto"))).order_by(Submission.id)
            ).all()
            assert [x.kind for x in subs] == ["submit", "submit", "auto"]
            assert subs[-1].source.endswith("# checked the edge cases\n")
            assert s.scalar(select(EssayAnswer)).final is True
            assert s.scalar(select(Attempt)).finalized_at is not None

        # read-only afterwards: the problem page still shows, editing and running are off
        page.goto(f"{base}/applications/{application_id}/test/problems/{ids['problem']}")
        expect(page.locator("#run-samples")).to_be_disabled()
        expect(page.locator(".cm-content")).to_have_attribute("contenteditable", "false")
    finally:
        finalizer.stop()
