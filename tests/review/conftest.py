from __future__ import annotations

import re

import pytest

from tests.conftest import csrf_token_from


@pytest.fixture
def s(app):
    """A database session of its own (not the request-scoped one), for seeding and checking. No app context is held:
    requests from the test client must each get their own (flask-login caches the user in `g`)."""
    with app.extensions["assessment.db"].new_session() as session:
        yield session


@pytest.fixture
def new_client(app, login):
    """A fresh, signed-in test client per user (several reviewers in one test)."""
    def make(email: str):
        c = app.test_client()
        login(email, c=c)
        return c
    return make


def post_form(c, url: str, data: dict, page: str | None = None):
    """POST with the CSRF token from `page` (or from `url` itself)."""
    html = c.get(page or url).get_data(as_text=True)
    return c.post(url, data={"csrf_token": csrf_token_from(html), **data})


def grade_form(html: str) -> dict[int, list[int]]:
    """criterion id -> level ids (in order of points) from the grading page."""
    result: dict[int, list[int]] = {}
    for crit, level in re.findall(r'name="criterion-(\d+)" value="(\d+)"', html):
        result.setdefault(int(crit), []).append(int(level))
    return result
