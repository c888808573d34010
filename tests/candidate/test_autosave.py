"""Autosave of code and essays: revision ordering within a tab, restore after reload, CSRF on the JSON endpoints.
(Two tabs saving over each other: tests/security/test_races.py.)"""

from __future__ import annotations

import json
import re

import pytest

from tests.candidate.attempt_helpers import make_application, make_test_position, start


@pytest.fixture
def running(app, tmp_path, make_user, login, client):
    ids = make_test_position(app, tmp_path)
    make_user("cand@example.com")
    ids["application"] = make_application(app, "cand@example.com", ids["position"])
    login("cand@example.com")
    ids["token"] = start(client, ids["application"])
    ids["code_url"] = f"/applications/{ids['application']}/test/problems/{ids['problem']}/draft"
    ids["essay_url"] = f"/applications/{ids['application']}/test/essays/{ids['prompt']}/draft"
    return ids


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def post(client, url, body, token):
    """A save from one tab that has seen nothing newer than its own saves (base 0, tab "tab-1")."""
    if "revision" in body and isinstance(body["revision"], int):
        body = {"base_revision": 0, "tab": "tab-1", **body}
    return client.post(url, json=body, headers={"X-CSRFToken": token})


def test_code_is_saved_and_restored_after_reload(client, running):
    response = post(
        client, running["code_url"], {"language": "python", "source": "print('v1')", "revision": 1}, running["token"]
    )
    data = response.get_json()
    assert response.status_code == 200
    assert data["saved"] is True and data["revision"] == 1 and data["saved_at"].endswith("Z")
    post(client, running["code_url"], {"language": "python", "source": "print('v2')", "revision": 2}, running["token"])
    html = client.get(f"/applications/{running['application']}/test/problems/{running['problem']}").get_data(
        as_text=True
    )
    data = page_data(html)
    assert data["drafts"]["python"] == {"source": "print('v2')", "revision": 2}
    assert data["current_language"] == "python"


def test_an_older_revision_never_overwrites_newer_code(app, client, running):
    from assessment.models import CodeDraft

    post(client, running["code_url"], {"language": "python", "source": "newest", "revision": 7}, running["token"])
    late = post(client, running["code_url"], {"language": "python", "source": "stale", "revision": 5}, running["token"])
    assert late.status_code == 200
    assert late.get_json()["saved"] is False and late.get_json()["revision"] == 7
    same = post(client, running["code_url"], {"language": "python", "source": "dup", "revision": 7}, running["token"])
    assert same.get_json()["saved"] is False
    with app.extensions["assessment.db"].new_session() as s:
        draft = s.query(CodeDraft).one()
        assert draft.source == "newest" and draft.revision == 7


def test_drafts_are_kept_per_language_and_the_latest_language_is_restored(client, running):
    post(client, running["code_url"], {"language": "python", "source": "py code", "revision": 1}, running["token"])
    post(client, running["code_url"], {"language": "cpp", "source": "int main(){}", "revision": 1}, running["token"])
    html = client.get(f"/applications/{running['application']}/test/problems/{running['problem']}").get_data(
        as_text=True
    )
    data = page_data(html)
    assert data["drafts"]["python"]["source"] == "py code"
    assert data["drafts"]["cpp"]["source"] == "int main(){}"
    assert data["current_language"] == "cpp"
    assert [lang["id"] for lang in data["languages"]] == ["python", "cpp"]
    assert all(lang["template"] for lang in data["languages"])


def test_a_language_outside_the_positions_list_is_refused(client, running):
    response = post(
        client, running["code_url"], {"language": "java", "source": "class Main {}", "revision": 1}, running["token"]
    )
    assert response.status_code == 400
    assert "not allowed" in response.get_json()["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"language": "python", "source": "x"},
        {"language": "python", "source": "x", "revision": "3"},
        {"language": "python", "source": "x", "revision": 0},
        {"language": "python", "source": 5, "revision": 1},
        {"language": "python", "source": "x", "revision": 1, "base_revision": 0, "tab": ""},
        {"language": "python", "source": "x", "revision": 1, "base_revision": 1, "tab": "t"},
    ],
)
def test_malformed_saves_get_a_clear_json_error(client, running, body):
    response = post(client, running["code_url"], body, running["token"])
    assert response.status_code == 400
    data = response.get_json()
    assert data["error"] and data["message"]


def test_essay_is_saved_with_word_count_and_restored(client, running):
    response = post(client, running["essay_url"], {"text": "Four words right here", "revision": 1}, running["token"])
    data = response.get_json()
    assert data == {"saved": True, "revision": 1, "saved_at": data["saved_at"], "word_count": 4}
    stale = post(client, running["essay_url"], {"text": "old", "revision": 1}, running["token"]).get_json()
    assert stale["saved"] is False and stale["word_count"] == 4
    html = client.get(f"/applications/{running['application']}/test/essays/{running['prompt']}").get_data(as_text=True)
    assert "Four words right here</textarea>" in html
    data = page_data(html)
    assert data["text"] == "Four words right here" and data["revision"] == 1
    assert data["min_words"] == 5 and data["max_words"] == 300
    assert data["storage_key"]


def test_json_autosave_requires_the_csrf_header(client, running):
    for url, body in (
        (running["code_url"], {"language": "python", "source": "x", "revision": 1}),
        (running["essay_url"], {"text": "x", "revision": 1}),
        (f"/applications/{running['application']}/test/integrity", {"kind": "blur"}),
    ):
        missing = client.post(url, json=body)
        assert missing.status_code in (400, 403), url
        assert missing.is_json and "CSRF" in missing.get_json()["message"]
        wrong = client.post(url, json=body, headers={"X-CSRFToken": "forged"})
        assert wrong.status_code in (400, 403), url


def statements_of(app, client, url, body, token) -> list[str]:
    from sqlalchemy import event

    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement.split()[0].upper())

    engine = app.extensions["assessment.db"].engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert post(client, url, body, token).get_json()["saved"] is True
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def test_a_repeat_autosave_is_one_read_and_one_update(app, client, running):
    """Every candidate autosaves twice every 10 s: one SELECT reads the session's user with the application, its
    attempt and position, and the problem (with its current version) or the prompt; then the UPDATE; a code autosave
    also records its patch in the code history (one INSERT ... SELECT the database checks); nothing else."""
    post(client, running["code_url"], {"language": "python", "source": "v1", "revision": 1}, running["token"])
    post(client, running["essay_url"], {"text": "first words", "revision": 1}, running["token"])
    code = statements_of(
        app,
        client,
        running["code_url"],
        {"language": "python", "source": "v2", "revision": 2, "base_revision": 1},
        running["token"],
    )
    essay = statements_of(
        app, client, running["essay_url"], {"text": "more words", "revision": 2, "base_revision": 1}, running["token"]
    )
    assert code == ["SELECT", "INSERT", "UPDATE"]
    assert essay == ["SELECT", "UPDATE"]
