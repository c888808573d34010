"""Helpers of the recruiter browser tests: a browser context per person (with their own time zone), signing in through
the real form, and reading downloads."""

from __future__ import annotations

from pathlib import Path

from tests.review import factories as f


def person_page(browser, timezone_id: str | None = None):
    """A fresh browser (context) for one person; `timezone_id` is the zone their machine reports."""
    options = {"viewport": {"width": 1280, "height": 900}, "accept_downloads": True}
    if timezone_id:
        options["timezone_id"] = timezone_id
    context = browser.new_context(**options)
    context.set_default_timeout(15000)
    return context, context.new_page()


def sign_in(page, base: str, email: str, zone: str = "UTC") -> None:
    """Sign in through the form. The first page of a visit learns the browser's zone (static/js/timezone.js) and loads
    once more if it was drawn in another zone: wait for that before typing."""
    page.goto(base + "/login")
    page.wait_for_function(f"document.documentElement.dataset.tz === {zone!r}")
    page.wait_for_load_state()
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", f.PASSWORD)
    with page.expect_navigation():
        page.click("form:has(input[name=email]) button[type=submit]")


def download_text(page, selector: str) -> str:
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_text(encoding="utf-8")


def download_bytes(page, selector: str) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_bytes()
