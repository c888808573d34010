"""Finding 4 in real Chromium: integrity signals that mean something. An honest candidate who moves across every
problem and essay (and reloads a page, opens and cancels the finish dialog) gets zero signals; a candidate who leaves
the test gets exactly the times they left, each with how long. Also finding 6 (stale tab) through the editor: two
tabs on one essay, the candidate sees both texts and chooses.

Chromium is started here and driven over the DevTools protocol without Playwright's page defaults: those keep every
page "visible and focused" whatever happens, so a switch to another tab could never be seen."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import unavailable
from tests.e2e.conftest import CHROMIUM, LiveServer, _free_port
from tests.review import factories as f
from tests.security.conftest import PASSWORD

pytestmark = [pytest.mark.e2e]


@pytest.fixture
def chromium(playwright_driver):
    """A headless Chromium of our own, and Playwright connected to its default browser context."""
    if not Path(CHROMIUM).exists():
        unavailable(f"Chromium is not installed at {CHROMIUM}")
    port = _free_port()
    profile = tempfile.mkdtemp(prefix="assessment-chromium-")
    process = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-sync",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-dev-shm-usage",
            f"--remote-debugging-port={port}",
            f"--user-data-dir={profile}",
            "--window-size=1280,900",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.time() > deadline or process.poll() is not None:
                    raise RuntimeError("Chromium did not open its DevTools port") from None
                time.sleep(0.1)
        browser = playwright_driver.chromium.connect_over_cdp(f"http://127.0.0.1:{port}", no_defaults=True)
        context = browser.contexts[0]
        context.set_default_timeout(20000)
        yield context
        browser.close()
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def running_test(app):
    """A position with two problems and two essays; Dana's test is released. The server runs without judges."""
    with app.extensions["assessment.db"].new_session() as s:
        pos = f.position(s, "ml-intern", title="ML Intern", prompts=2, problems=2)
        pos.duration_minutes = 60
        user = f.user(s, "dana@example.com", "candidate", "Dana Doe")
        f.user(s, "admin@staff.org", "admin", "Ann Admin")
        from assessment.models import Application, utcnow

        application = Application(user_id=user.id, position_id=pos.id, test_released_at=utcnow())
        s.add(application)
        s.commit()
        ids = {
            "application": application.id,
            "problems": [p.id for p in pos.active_problems],
            "prompts": [p.id for p in pos.active_prompts],
        }
    server = LiveServer(app, _free_port()).start(judge=False)
    yield server, ids
    server.stop()


def sign_in_and_start(page, base: str, application_id: int) -> None:
    page.bring_to_front()
    page.goto(base + "/login")
    page.fill("input[name=email]", "dana@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/me$"))
    page.goto(f"{base}/applications/{application_id}/test")
    page.click("#start-test")
    page.wait_for_url(re.compile(r"/test/overview$"))


def events(app) -> list:
    from assessment.models import IntegrityEvent

    with app.extensions["assessment.db"].new_session() as s:
        return list(s.scalars(select(IntegrityEvent).order_by(IntegrityEvent.id)))


def wait_for_events(app, count: int, timeout: float = 15.0) -> list:
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = events(app)
        if len(found) >= count:
            return found
        time.sleep(0.2)
    return events(app)


def test_an_honest_candidate_moving_through_the_whole_test_gets_no_signal(app, chromium, running_test):
    from playwright.sync_api import expect

    live, ids = running_test
    page = chromium.pages[0] if chromium.pages else chromium.new_page()
    sign_in_and_start(page, live.url, ids["application"])
    for round_trip in range(2):
        for index, problem_id in enumerate(ids["problems"]):
            page.click(f'a[href$="/test/problems/{problem_id}"]')
            page.wait_for_selector(".cm-content")
            page.locator(".cm-content").click()
            page.keyboard.insert_text(f"# problem {index}, pass {round_trip}\n")
        for index, prompt_id in enumerate(ids["prompts"]):
            page.click(f'.test-panel a[href$="/test/essays/{prompt_id}"]')
            page.fill("#essay-text", f"My essay {index}, pass {round_trip}: careful words about pipelines. " * 3)
            page.locator("#essay-text").press("End")  # typing in progress when moving on: it is saved first
        page.click('.test-panel a[href$="/test/overview"]')
        page.wait_for_url(re.compile(r"/test/overview$"))
    page.reload()  # a reload is not leaving
    page.click("#finish-open")  # the finish dialog, then back to work
    expect(page.locator("#finish-dialog")).to_be_visible()
    page.click("#finish-cancel")
    page.click(f'a[href$="/test/essays/{ids["prompts"][0]}"]')
    expect(page.locator("#essay-text")).to_have_value(re.compile("pass 1"))  # everything typed was saved
    time.sleep(1.5)
    assert events(app) == []


def test_a_candidate_who_leaves_gets_exactly_the_times_they_left_with_durations(app, chromium, running_test):
    from playwright.sync_api import expect

    live, ids = running_test
    page = chromium.pages[0] if chromium.pages else chromium.new_page()
    sign_in_and_start(page, live.url, ids["application"])

    other = chromium.new_page()  # 1. another tab for 1.5 s
    other.bring_to_front()
    time.sleep(1.5)
    page.bring_to_front()
    first = wait_for_events(app, 1)

    page.click(f'a[href$="/test/problems/{ids["problems"][0]}"]')  # moving inside: nothing
    page.wait_for_selector(".cm-content")
    page.goto(live.url + "/")  # 2. another page in the test's tab for 2 s, then back
    time.sleep(2.0)
    page.go_back()
    page.wait_for_selector(".cm-content")
    second = wait_for_events(app, 2)

    page.click(f'.test-panel a[href$="/test/essays/{ids["prompts"][1]}"]')
    expect(page.locator("#essay-text")).to_be_visible()
    other.bring_to_front()  # 3. another tab again, for 1 s
    time.sleep(1.0)
    page.bring_to_front()
    recorded = wait_for_events(app, 3)
    time.sleep(1.0)
    recorded = events(app)

    assert [e.kind for e in recorded] == ["hidden", "left", "hidden"], [(e.kind, e.duration_ms) for e in recorded]
    assert len(first) == 1 and len(second) == 2
    for event, expected_ms in zip(recorded, (1500, 2000, 1000), strict=True):
        assert expected_ms - 300 <= event.duration_ms <= expected_ms + 4000, (event.kind, event.duration_ms)

    # The reviewer sees them as counts with a timeline, never as a penalty on the score.
    page.locator("form[action='/logout'] button").click()  # Dana signs out; an administrator signs in
    admin = page
    admin.goto(live.url + "/login")
    admin.fill("input[name=email]", "admin@staff.org")
    admin.fill("input[name=password]", PASSWORD)
    admin.locator("main button[type=submit]").click()
    admin.goto(f"{live.url}/review/positions/ml-intern/board")
    expect(admin.locator("#board")).to_contain_text("left the test 3×")
    expect(admin.locator("#board svg.integrity-timeline rect.away")).to_have_count(3)
    admin.goto(f"{live.url}/review/positions/ml-intern/candidates/{ids['application']}")
    expect(admin.locator("svg.integrity-timeline rect.away")).to_have_count(3)
    expect(admin.locator("#integrity-events tbody tr")).to_have_count(3)


def test_a_stale_tab_shows_both_texts_and_the_candidate_chooses(app, chromium, running_test):
    from playwright.sync_api import expect

    from assessment.models import EssayAnswer

    live, ids = running_test
    laptop = chromium.pages[0] if chromium.pages else chromium.new_page()
    sign_in_and_start(laptop, live.url, ids["application"])
    essay_url = f"{live.url}/applications/{ids['application']}/test/essays/{ids['prompts'][0]}"
    laptop.goto(essay_url)
    tablet = chromium.new_page()
    tablet.goto(essay_url)  # both tabs loaded the (empty) essay

    def stored() -> str:
        with app.extensions["assessment.db"].new_session() as s:
            answer = s.scalar(select(EssayAnswer))
            return answer.text if answer else ""

    laptop.bring_to_front()
    laptop.fill("#essay-text", "Written on the laptop first.")
    expect(laptop.locator("#save-state")).to_have_text(re.compile("^Saved at"), timeout=15000)
    tablet.bring_to_front()
    tablet.fill("#essay-text", "Written on the tablet, which never saw the laptop's text.")
    panel = tablet.locator("#conflict-panel")
    expect(panel).to_be_visible(timeout=15000)
    expect(panel.locator("[data-conflict=mine]")).to_have_text(
        "Written on the tablet, which never saw the laptop's text."
    )
    expect(panel.locator("[data-conflict=theirs]")).to_have_text("Written on the laptop first.")
    expect(tablet.locator("#save-state")).to_contain_text("another tab")
    assert stored() == "Written on the laptop first."  # nothing overwritten before the candidate chose
    tablet.click("#conflict-keep-mine")
    expect(tablet.locator("#save-state")).to_have_text(re.compile("^Saved at"), timeout=15000)
    assert stored() == "Written on the tablet, which never saw the laptop's text."

    laptop.bring_to_front()  # now the laptop is the stale tab
    laptop.fill("#essay-text", "Written on the laptop first. And more on the laptop.")
    expect(laptop.locator("#conflict-panel")).to_be_visible(timeout=15000)
    laptop.click("#conflict-use-theirs")
    expect(laptop.locator("#essay-text")).to_have_value("Written on the tablet, which never saw the laptop's text.")
    expect(laptop.locator("#conflict-discarded-text")).to_have_value(
        "Written on the laptop first. And more on the laptop."
    )
    time.sleep(1.0)
    assert stored() == "Written on the tablet, which never saw the laptop's text."
