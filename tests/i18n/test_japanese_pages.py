"""The main pages of every audience, asked for with `Accept-Language: ja`, are in Japanese: every word of Latin script
left on a page (its text, the labels of its controls, its tooltips, the words its scripts show) is a name, a code or
a technical term of the allowlist below. The data (positions, problems, essays, people) is written in Japanese, so
any English left is the interface's own."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import ClassVar

import pytest

from tests.conftest import csrf_token_from
from tests.page_world import build_world
from tests.review.factories import PASSWORD

JA = {"Accept-Language": "ja,en;q=0.5"}

# Latin-script words allowed on a Japanese page: the product's name, languages' and formats' names, keys, units.
ALLOWED = {
    "assessment",  # the product's name
    "python",
    "c++",
    "g++",
    "cpp",
    "javascript",
    "node",
    "java",
    "pdf",
    "csv",
    "api",
    "json",
    "utc",
    "mb",
    "kb",
    "mib",
    "ms",
    "ctrl",
    "enter",
    "esc",
    "tab",
    "shift",
    "shift+tab",
    "cv",
    "ja",
    "en",
    "english",  # the language menu names each language in itself
    "v",
    "cpu",
    "utf",
    # verdict codes, beside their translated labels on staff pages; test names and groups come from the package
    "ac",
    "wa",
    "secret",
    "sample",
}


class _Text(HTMLParser):
    """The words a person meets on a page: text outside scripts, styles and code, and the texts of attributes that
    are read out or shown (labels, titles, placeholders, the values of input buttons)."""

    SKIP: ClassVar = {"script", "style", "code", "pre", "kbd", "svg"}
    ATTRIBUTES: ClassVar = {"aria-label", "title", "placeholder", "alt", "data-label"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP or ("hidden" in dict(attrs) and tag in ("td", "span")):  # data cells, not shown
            self.skipping.append(tag)
        shown = dict(attrs).get("type") in ("submit", "button")  # an input button shows its value
        for name, value in attrs:
            if value and (name in self.ATTRIBUTES or (name == "value" and tag == "input" and shown)):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def english_words(text: str) -> set[str]:
    text = re.sub(r"[\w.+-]+@[\w.-]+", " ", text)  # email addresses
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"\b[\w-]+\.(?:yaml|ics|json|zip)\b", " ", text)  # file names (position.yaml, interview.ics)
    text = re.sub(r"\bunlock: on_\w+", " ", text)  # a position.yaml setting, quoted as written
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z+]*", text)}
    return {w for w in words if w not in ALLOWED and len(w) > 1}


def assert_japanese(html: str, where: str) -> None:
    assert re.search(r'<html lang="ja"[\s>]', html), where
    parser = _Text()
    parser.feed(html)
    left = english_words(" ".join(parser.parts))
    assert not left, f"{where}: English left on the page: {sorted(left)}"
    ui_text = re.search(r'<script type="application/json" id="ui-text">(.*?)</script>', html, re.S)
    if ui_text:  # the words the page's scripts show
        texts = json.loads(ui_text.group(1))
        flat = " ".join(v if isinstance(v, str) else " ".join(v.values()) for k, v in texts.items() if k != "_language")
        left = english_words(re.sub(r"%\(\w+\)s", " ", flat))
        assert not left, f"{where}: English left in the script texts: {sorted(left)}"


def get(client, url: str):
    response = client.get(url, headers=JA)
    assert response.status_code == 200, (url, response.status_code, response.get_data(as_text=True)[:400])
    return response.get_data(as_text=True)


def sign_in(app, email: str):
    client = app.test_client()
    token = csrf_token_from(client.get("/login", headers=JA).get_data(as_text=True))
    response = client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token}, headers=JA)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return client


@pytest.fixture
def world(app, tmp_path, s):
    return build_world(s, tmp_path)


def test_public_pages_are_in_japanese(app, world):
    client = app.test_client()
    for url in ("/", f"/positions/{world['position']}", "/login", "/register", "/password/forgot"):
        assert_japanese(get(client, url), url)


def test_candidate_pages_are_in_japanese(app, world):
    ongoing = sign_in(app, "taro@example.com")
    base = f"/applications/{world['ongoing']}/test"
    pages = {
        "dashboard": "/me",
        "test overview": f"{base}/overview",
        "a problem": f"{base}/problems/{world['problem']}",
        "an essay": f"{base}/essays/{world['prompt']}",
        "finish": f"{base}/finish",
        "profile": "/account/profile",
    }
    for name, url in pages.items():
        html = get(ongoing, url)
        assert_japanese(html, name)
    problem = get(ongoing, pages["a problem"])
    assert "二つの数の和" in problem and "二つの整数の和を出力してください。" in problem  # the statement's translation
    assert "誇りに思うバグ修正" in get(ongoing, pages["an essay"])
    finished = sign_in(app, "hana@example.com")
    assert_japanese(get(finished, f"/applications/{world['finished']}/test/done"), "done")


def test_reviewer_and_admin_pages_are_in_japanese(app, world):
    grader = sign_in(app, world["grader"])
    assert_japanese(get(grader, "/review/"), "reviewer home")
    assert_japanese(get(grader, f"/review/positions/{world['position']}/queue"), "grading queue")
    handed = grader.get(f"/review/positions/{world['position']}/queue/next", headers=JA)
    assert handed.status_code == 302 and "/review/grade/" in handed.headers["Location"]
    assert_japanese(get(grader, handed.headers["Location"]), "grading")

    decider = sign_in(app, world["decider"])
    board = f"/review/positions/{world['position']}/board"
    assert_japanese(get(decider, board), "board")
    assert_japanese(get(decider, f"/review/positions/{world['position']}/candidates/{world['finished']}"), "candidate")
    assert_japanese(
        get(decider, f"/review/positions/{world['position']}/candidates/{world['finished']}/report"), "report"
    )

    admin = sign_in(app, world["admin"])
    for name, url in {
        "admin dashboard": "/admin/",
        "position": f"/admin/positions/{world['position']}",
        "applications": f"/admin/positions/{world['position']}/applications",
        "invitations": f"/admin/positions/{world['position']}/invitations",
        "reviewers": "/admin/reviewers",
        "accounts": "/admin/accounts",
    }.items():
        assert_japanese(get(admin, url), name)


def test_error_pages_are_in_japanese(app, world):
    client = app.test_client()
    response = client.get("/no-such-page", headers=JA)
    assert response.status_code == 404
    assert_japanese(response.get_data(as_text=True), "404")
