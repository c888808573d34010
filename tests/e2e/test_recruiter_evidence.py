"""The evidence a hiring committee reads, in a real browser against a real server.

1. Two graders disagree (one essay in the browser, the others already graded): after an administrator closes grading,
   the statistics page shows agreement figures (ICC(1,1), ICC(1,2), Krippendorff's alpha), the adjudication rate and
   each grader's offset equal to the values worked out by hand here, draws them as charts, and exports them; the
   grader sees the figures with only their own offset.
2. Code playback: a candidate writes code in the real editor (typing, then a large paste); an administrator replays it
   on the submission page with the keyboard: the slider shows the draft exactly as it was at a chosen save, the paste
   is marked, and playing at 32× reaches the end."""

from __future__ import annotations

import csv
import io
import json
import re
import time

import pytest
from sqlalchemy import select

from tests.e2e.conftest import screenshot
from tests.review import factories as f

pytestmark = [pytest.mark.e2e]

SLUG = "ml-research-intern"
# (Rosa's points, Sam's points) per criterion (maxima 4, 3, 3) for nine essays graded before; the tenth is graded in
# the browser: Rosa gives 10 of 10, Sam 4 of 10. Essays 6 and 10 differ by more than the 2-point threshold.
SEEDED = [
    ([4, 3, 3], [4, 3, 2]),
    ([2, 1, 1], [2, 1, 2]),
    ([4, 3, 2], [2, 3, 2]),
    ([0, 0, 1], [0, 1, 1]),
    ([2, 3, 3], [2, 3, 2]),
    ([4, 1, 2], [2, 1, 1]),
    ([2, 0, 1], [2, 0, 1]),
    ([4, 3, 1], [4, 1, 1]),
    ([0, 1, 0], [2, 1, 0]),
]
IN_BROWSER = (10, 4)


def by_hand(pairs: list[tuple[float, float]]) -> dict[str, float]:
    """The figures for essays graded by exactly two graders, from their definitions (scores as shares of 10)."""
    n = len(pairs)
    means = [(a + b) / 2 for a, b in pairs]
    grand = sum(means) / n
    msb = 2 * sum((m - grand) ** 2 for m in means) / (n - 1)  # between essays, n − 1 degrees of freedom
    msw = sum((a - b) ** 2 / 2 for a, b in pairs) / n  # within essays, N − n = n degrees of freedom
    values = [v for pair in pairs for v in pair]
    observed = sum((a - b) ** 2 for a, b in pairs) / n
    expected = sum((x - y) ** 2 for x in values for y in values) / (2 * n * (2 * n - 1))
    return {
        "icc": (msb - msw) / (msb + msw),
        "icc_k": (msb - msw) / msb,
        "alpha": 1 - observed / expected,
        "rosa_offset": 100 * sum(a - b for a, b in pairs) / n,
    }


@pytest.fixture
def graded(app):
    database = app.extensions["assessment.db"]
    with database.new_session() as s:
        pos = f.position(s, SLUG, title="ML Research Intern", weight_coding=0.5, weight_essay=0.5, threshold=2.0)
        rosa = f.user(s, "rosa@example.org", "reviewer", "Rosa Reviewer")
        sam = f.user(s, "sam@example.org", "reviewer", "Sam Reviewer")
        for who in (rosa, sam):
            f.assign(s, who, pos)
        f.user(s, "admin@example.org", "admin", "Admin")
        for i in range(10):
            app_row = f.candidate(s, pos, f"cand{i}@example.com", f"Candidate {i}")
            answer = f.answer(s, app_row, text=f"Essay number {i}: how I would evaluate a vision model. " * 6)
            f.submission(s, app_row, score=[1.0, 0.5, 0.75, 0.0, 0.5, 1.0, 0.25, 0.75, 0.0, 1.0][i])
            if i < len(SEEDED):
                f.review(s, answer, rosa, SEEDED[i][0])
                f.review(s, answer, sam, SEEDED[i][1])
        s.commit()


def sign_in(page, base: str, email: str, password: str = f.PASSWORD) -> None:
    page.goto(base + "/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("form:has(input[name=email]) button[type=submit]")
    page.wait_for_load_state()


def new_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(15000)
    return context, context.new_page()


def grade_in_browser(page, base: str, picks: list[int]) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base}/review/positions/{SLUG}/queue")
    page.click("#grade-next")
    criteria = page.locator("fieldset.criterion")
    expect(criteria).to_have_count(len(picks))  # the grading page has loaded (all() does not wait for it)
    for fieldset, pick in zip(criteria.all(), picks, strict=True):
        fieldset.locator("label.level").nth(pick).click()
    with page.expect_navigation():
        page.click("#submit-grade")


def cell(page, scope: str, stat: str):
    return page.locator(f'#agreement-table tr[data-scope="{scope}"] td[data-stat="{stat}"]')


def test_two_graders_disagree_and_the_agreement_figures_match_the_hand_computation(app, graded, live_server, browser):
    from playwright.sync_api import expect

    live_server.start(judge=False)
    base = live_server.url
    ctx_rosa, rosa = new_page(browser)
    ctx_sam, sam = new_page(browser)
    ctx_admin, admin = new_page(browser)
    sign_in(rosa, base, "rosa@example.org")
    sign_in(sam, base, "sam@example.org")
    sign_in(admin, base, "admin@example.org")

    # While grading is open the statistics are closed to a grader (the server answers 403).
    response = rosa.goto(f"{base}/review/positions/{SLUG}/statistics")
    assert response is not None and response.status == 403

    # The tenth essay, in the browser: Rosa picks the highest level of each criterion (4 + 3 + 3), Sam the second
    # lowest (2 + 1 + 1): 10 against 4, more than the 2-point threshold apart.
    grade_in_browser(rosa, base, [2, 2, 3])
    grade_in_browser(sam, base, [1, 1, 1])

    # The administrator closes grading on the board and opens the statistics from there.
    admin.goto(f"{base}/review/positions/{SLUG}/board")
    with admin.expect_navigation():
        admin.click("#close-grading")
    admin.click("#statistics-link")
    expect(admin.locator("h1")).to_contain_text("Statistics")

    pairs = [(sum(a) / 10, sum(b) / 10) for a, b in SEEDED] + [(IN_BROWSER[0] / 10, IN_BROWSER[1] / 10)]
    expected = by_hand(pairs)
    for scope in ("position", "prompt-prompt1"):
        assert cell(admin, scope, "essays").get_attribute("data-value") == "10"
        icc = cell(admin, scope, "icc")
        assert float(icc.get_attribute("data-value")) == pytest.approx(expected["icc"], abs=5e-5)
        expect(icc).to_contain_text(f"{expected['icc']:.2f}")
        icc_k = cell(admin, scope, "icc-k")
        assert float(icc_k.get_attribute("data-value")) == pytest.approx(expected["icc_k"], abs=5e-5)
        expect(icc_k).to_contain_text(f"{expected['icc_k']:.2f}")
        alpha = cell(admin, scope, "alpha")
        assert float(alpha.get_attribute("data-value")) == pytest.approx(expected["alpha"], abs=5e-5)
        expect(alpha).to_contain_text(f"{expected['alpha']:.2f}")
        adjudication = cell(admin, scope, "adjudication")
        expect(adjudication).to_contain_text("20.0 %")  # essays 6 and 10 of 10
        expect(adjudication).to_contain_text("2 of 10 flagged")
    offsets = admin.locator("#graders-position .offsets-table")
    rosa_row = offsets.locator("tr", has_text="Rosa Reviewer").locator('td[data-stat="offset"]')
    sam_row = offsets.locator("tr", has_text="Sam Reviewer").locator('td[data-stat="offset"]')
    assert float(rosa_row.get_attribute("data-value")) == pytest.approx(expected["rosa_offset"], abs=5e-5)
    assert float(sam_row.get_attribute("data-value")) == pytest.approx(-expected["rosa_offset"], abs=5e-5)
    expect(rosa_row).to_contain_text(f"{expected['rosa_offset']:+.1f}")

    # The charts are drawn (Chart.js, vendored) from the same figures: one point per essay graded twice.
    admin.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('chart-scatter-position'))")
    points = admin.evaluate(
        "() => Chart.getChart(document.getElementById('chart-scatter-position')).data.datasets[0].data.length"
    )
    assert points == 10
    bars = admin.evaluate(
        "() => Chart.getChart(document.getElementById('chart-offsets-position')).data.datasets[0].data"
    )
    assert sorted(bars) == sorted([round(expected["rosa_offset"], 2), round(-expected["rosa_offset"], 2)])
    assert admin.evaluate("() => !!Chart.getChart(document.getElementById('chart-histogram-prob1'))")
    screenshot(admin, "recruiter-statistics")

    # Both exports carry the page's figures.
    with admin.expect_download() as download:
        admin.click("#export-statistics-csv")
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))  # noqa: SIM115
    icc_row = next(r for r in rows if r["section"] == "position essays" and r["statistic"] == "ICC(1,1)")
    assert float(icc_row["value"]) == pytest.approx(expected["icc"], abs=5e-5) and icc_row["n"] == "10"
    with admin.expect_download() as download:
        admin.click("#export-statistics-json")
    data = json.loads(open(download.value.path(), encoding="utf-8").read())  # noqa: SIM115
    assert data["essays"]["position"]["krippendorff_alpha_interval"] == pytest.approx(expected["alpha"], abs=5e-5)
    assert data["essays"]["position"]["adjudication"]["rate"] == 0.2

    # Now that grading is closed, Rosa sees the figures, with her own offset only.
    rosa.goto(f"{base}/review/positions/{SLUG}/statistics")
    expect(cell(rosa, "position", "icc")).to_contain_text(f"{expected['icc']:.2f}")
    expect(rosa.locator("#graders-position .offsets-table")).to_contain_text("You")
    expect(rosa.locator("body")).not_to_contain_text("Sam Reviewer")
    for ctx in (ctx_rosa, ctx_sam, ctx_admin):
        ctx.close()


# ----------------------------------------------------------------------------------------------------- playback

PASTED = "def helper(values):\n" + "".join(f"    total_{i} = sum(values) * {i}\n" for i in range(9)) + "    return 0\n"


def replace_code(page, source: str) -> None:
    page.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(source)  # one edit (no auto-indent or closing brackets)


def paste(page, text: str) -> None:
    """A paste into the editor as the browser delivers it (a paste event carrying the clipboard's text)."""
    page.locator(".cm-content").evaluate(
        """(node, text) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            node.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
        }""",
        text,
    )


def test_code_playback_replays_each_save_and_marks_the_paste(app, tmp_path, make_user, live_server, browser):
    from playwright.sync_api import expect

    from assessment.models import Attempt, CodeDraft, CodeDraftSave
    from tests.candidate.attempt_helpers import make_application, make_test_position

    ids = make_test_position(app, tmp_path, essay=False)
    make_user("cand@example.com", name="Casey Candidate")
    make_user("admin@example.org", role="admin", name="Admin")
    application_id = make_application(app, "cand@example.com", ids["position"])
    live_server.start(judge=False)
    base = live_server.url
    database = app.extensions["assessment.db"]

    def stored() -> tuple[int, str]:
        with database.new_session() as s:
            draft = s.scalar(select(CodeDraft))
            return (draft.revision, draft.source) if draft else (0, "")

    def wait_saved(page, after: int) -> tuple[int, str]:
        deadline = time.time() + 15
        while time.time() < deadline:
            revision, source = stored()
            if revision > after and re.match(r"^Saved", page.locator("#save-state").inner_text()):
                return revision, source
            time.sleep(0.1)
        raise AssertionError("the editor's change was not saved")

    ctx_cand, cand = new_page(browser)
    sign_in(cand, base, "cand@example.com", "correct horse battery")
    cand.goto(f"{base}/applications/{application_id}/test")
    cand.click("#start-test")
    cand.wait_for_url(re.compile(r"/test/overview$"))
    cand.goto(f"{base}/applications/{application_id}/test/problems/{ids['problem']}")
    cand.wait_for_selector(".cm-content")

    saves: dict[int, str] = {}
    replace_code(cand, "a, b = map(int, input().split())\n")
    revision, source = wait_saved(cand, 0)
    saves[revision] = source
    cand.keyboard.press("Control+End")
    cand.keyboard.insert_text("print(a + b)\n")
    before_paste, source = wait_saved(cand, revision)
    saves[before_paste] = source
    assert source == "a, b = map(int, input().split())\nprint(a + b)\n"
    paste(cand, PASTED)
    pasted_revision, source = wait_saved(cand, before_paste)
    saves[pasted_revision] = source
    assert source.endswith(PASTED)
    cand.keyboard.insert_text("# done\n")
    last, source = wait_saved(cand, pasted_revision)
    saves[last] = source
    with database.new_session() as s:
        rows = list(s.scalars(select(CodeDraftSave).order_by(CodeDraftSave.id)))
        assert [r.pasted for r in rows if r.pasted] == [len(PASTED)]  # the paste went with its save, once
        assert all(r.head is not None for r in rows[1:])  # stored as checked patches
        attempt = s.scalar(select(Attempt))
        app_row = attempt.application
    ctx_cand.close()

    with database.new_session() as s:
        sub = f.submission(s, s.merge(app_row), score=1.0, source=source)
        submission_id = sub.id

    ctx_admin, admin = new_page(browser)
    sign_in(admin, base, "admin@example.org", "correct horse battery")
    admin.goto(f"{base}/review/positions/backend/candidates/{application_id}/submissions/{submission_id}")
    player = admin.locator("#playback")
    expect(player).to_have_attribute("data-ready", "true")
    slider = admin.locator("#playback-slider")
    frames = int(slider.get_attribute("max")) + 1
    assert frames >= 4
    # It opens at the last save.
    assert admin.locator("#playback-code").text_content() == saves[last]

    # Keyboard: Home, then the right arrow until the save just before the paste.
    slider.focus()
    admin.keyboard.press("Home")
    for _ in range(frames):
        if player.get_attribute("data-revision") == str(before_paste):
            break
        admin.keyboard.press("ArrowRight")
    assert player.get_attribute("data-revision") == str(before_paste)
    assert admin.locator("#playback-code").text_content() == saves[before_paste]
    expect(admin.locator("#playback-status")).not_to_contain_text("large paste")
    before_index = int(player.get_attribute("data-frame"))
    expect(admin.locator("#playback-status")).to_contain_text(f"Save {before_index + 1} of {frames}")

    # The next save is the paste: marked on the timeline, in the list and in the code.
    admin.keyboard.press("ArrowRight")
    assert player.get_attribute("data-revision") == str(pasted_revision)
    assert admin.locator("#playback-code").text_content() == saves[pasted_revision]
    expect(admin.locator("#playback-code mark.pasted")).to_have_text(PASTED)
    expect(admin.locator("#playback-status")).to_contain_text(f"large paste of {len(PASTED)} characters")
    expect(admin.locator(".playback-mark.paste")).to_have_count(1)
    expect(admin.locator(".playback-mark.submission")).to_have_count(1)
    screenshot(admin, "recruiter-code-playback")
    admin.keyboard.press("Home")
    admin.locator(".playback-jump.paste").click()
    assert player.get_attribute("data-revision") == str(pasted_revision)

    # Play at 32× from the start: it reaches the last save and stops.
    admin.select_option("#playback-speed", "32")
    slider.focus()
    admin.keyboard.press("Home")
    admin.click("#playback-play")
    expect(admin.locator("#playback-play")).to_have_text("Pause")
    expect(player).to_have_attribute("data-frame", str(frames - 1), timeout=20000)
    expect(admin.locator("#playback-play")).to_have_text("Play")
    assert admin.locator("#playback-code").text_content() == saves[last]
    ctx_admin.close()
