"""A PDF statement in a real browser: the test page embeds it (the page's and the PDF's security headers allow
exactly that) and Chromium's PDF viewer opens it; the download link fetches the file."""

from __future__ import annotations

import pytest

from tests.candidate.attempt_helpers import make_application
from tests.candidate.test_problem_statements import publish
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e]

EMAIL = "pia@example.com"
PASSWORD = "correct horse battery"


def test_pdf_statement_is_shown_in_the_test_page(app, tmp_path, page, live_server, make_user):
    ids = publish(app, tmp_path, "pdfroot")
    make_user(EMAIL, password=PASSWORD)
    application = make_application(app, EMAIL, ids["position"])
    live = live_server.start(judge=False)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(live.url + "/login")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live.url}/applications/{application}/test")
    page.locator("#start-test").click()
    page.wait_for_load_state()
    page.goto(f"{live.url}/applications/{application}/test/problems/{ids['pdfroot']}")
    frame = page.locator("iframe.statement-pdf-frame")
    frame.wait_for()
    assert frame.bounding_box()["height"] > 300
    pdf_url = f"{live.url}/applications/{application}/test/problems/{ids['pdfroot']}/statement.pdf"
    page.wait_for_function("url => [...document.querySelectorAll('iframe')].some(f => f.src === url)", arg=pdf_url)
    page.wait_for_timeout(1500)
    urls = [f.url for f in page.frames]
    assert pdf_url in urls, urls
    assert any(u.startswith("chrome-extension://") for u in urls), urls  # the browser's PDF viewer opened it
    assert not [p for p in problems if "Content Security Policy" in p and "statement.pdf" in p], problems
    screenshot(page, "pdf-statement")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the statement (PDF)").click()
    assert download.value.suggested_filename == "pdfroot.pdf"
