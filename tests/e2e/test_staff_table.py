"""The staff table (Administration › Reviewers) keeps to its card: a reviewer assigned to several positions with long
titles, each with its permission checkboxes and Save button, and the assignment form with a long position title in
its list, wrap inside their cells instead of pushing the table past the card's right edge. On a phone the table
scrolls inside its card with readable columns (not one letter a line), and the page does not scroll sideways."""

from __future__ import annotations

import pytest

from tests.review import factories as f

pytestmark = [pytest.mark.e2e]

LONG_TITLES = [
    "Machine learning for robot control and manipulation (research internship)",
    "Audio signal processing, music, speech and language technologies",
    "Three-dimensional computer vision and computational photography",
]


def overflow(page) -> dict:
    """How far the staff table reaches past its scroll box and the page past the window (0: it fits), and how wide
    the name column is."""
    return page.evaluate(
        """() => {
            const table = document.getElementById('staff');
            const box = table.parentElement;
            const root = document.documentElement;
            return {
                table: table.scrollWidth - box.clientWidth,
                page: root.scrollWidth - root.clientWidth,
                name_column: table.querySelector('tbody td').getBoundingClientRect().width,
            };
        }"""
    )


def test_the_staff_table_fits_its_card(app, s, browser, live_server):
    positions = [f.position(s, f"position-{n}", title=title) for n, title in enumerate(LONG_TITLES)]
    f.user(s, "boss@example.com", "admin", "Boss")
    for name in ("Rosa Delgado-Fernández", "Kenji Watanabe-Yamamoto"):
        reviewer = f.user(s, f"{name.split()[0].lower()}.reviewer@very-long-university-domain.example.org", "reviewer")
        reviewer.name = name
        for position in positions:
            f.assign(s, reviewer, position)
    s.commit()
    live = live_server.start(judge=False)

    for width, table_may_scroll in ((1280, False), (390, True)):
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.set_default_timeout(15000)
        page = context.new_page()
        page.goto(f"{live.url}/login")
        page.fill("input[name=email]", "boss@example.com")
        page.fill("input[name=password]", f.PASSWORD)
        page.locator("form button[type=submit]").click()
        page.wait_for_load_state()
        page.goto(f"{live.url}/admin/reviewers")
        page.wait_for_selector("#staff")
        measured = overflow(page)
        assert measured["page"] <= 0, (width, measured)
        assert measured["name_column"] >= 120, (width, measured)
        if not table_may_scroll:
            assert measured["table"] <= 0, (width, measured)
        context.close()
