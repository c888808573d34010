"""The code history behind code playback, on SQLite and PostgreSQL: every stored autosave can be replayed exactly, a
patch is stored only when the database has checked it fits the stored text (a wrong or forged one is stored as the
whole text), large pastes are kept with the same threshold as the integrity signal, parallel tabs cannot break the
history, and an autosave costs exactly one INSERT more than before (no read of the old text)."""

from __future__ import annotations

import threading
import time
from datetime import datetime

import pytest
from sqlalchemy import event, select, text

from assessment.attempts.code_history import patch_for
from tests.candidate.attempt_helpers import make_application, make_test_position, start
from tests.security.conftest import BACKENDS


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def running(app, tmp_path, make_user, login, client):
    ids = make_test_position(app, tmp_path)
    make_user("alice@example.com")
    ids["application"] = make_application(app, "alice@example.com", ids["position"])
    login("alice@example.com")
    ids["token"] = start(client, ids["application"])
    ids["code"] = f"/applications/{ids['application']}/test/problems/{ids['problem']}/draft"
    return ids


def save(client, running, source: str, revision: int, base: int, tab: str = "tab-1", **extra):
    body = {"language": "python", "source": source, "revision": revision, "base_revision": base, "tab": tab, **extra}
    return client.post(running["code"], json=body, headers={"X-CSRFToken": running["token"]})


def apply_utf16(previous: str, frame: dict) -> str:
    """What the player (static/js/review-playback.js) does with a frame: JavaScript strings are UTF-16."""
    if "text" in frame:
        return frame["text"]
    units = previous.encode("utf-16-le")
    at, removed = frame["at"] * 2, frame["del"] * 2
    return (units[:at] + frame["ins"].encode("utf-16-le") + units[at + removed :]).decode("utf-16-le")


def replayed_texts(app, running) -> list[tuple[int, str]]:
    from assessment.attempts.code_history import draft_histories
    from assessment.models import Attempt

    with app.extensions["assessment.db"].new_session() as s:
        attempt = s.scalar(select(Attempt))
        (history,) = draft_histories(s, attempt.id, running["problem"], attempt.started_at)
        texts, current = [], ""
        for frame in history.frames:
            current = apply_utf16(current, frame.as_json())
            texts.append((frame.revision, current))
        return texts


def history_rows(app) -> list:
    from assessment.models import CodeDraftSave

    with app.extensions["assessment.db"].new_session() as s:
        return list(s.scalars(select(CodeDraftSave).order_by(CodeDraftSave.id)))


EDITS = [
    "",
    "def solve():\n    pass\n",
    "import sys\n\ndef solve():\n    pass\n",  # inserted at the start
    "import sys\n\ndef solve():\n    data = sys.stdin.read()\n    pass\n",  # in the middle
    "import sys\n\ndef solve():\n    data = sys.stdin.read()  # 入力 😀\n    pass\n",  # astral and CJK characters
    "import sys\n\ndef solve():\n    data = sys.stdin.read()  # 入力 😀😀\n    print(len(data))\n",
    "import sys\n\ndef solve():\n    data = sys.stdin.read()  # 😀\n    print(len(data))\n\nsolve()\n",  # a deletion
    "x",  # everything replaced
]


def test_every_saved_text_is_replayed_exactly_from_checked_patches(app, client, running):
    sent = {}
    previous = ""
    for revision, source in enumerate(EDITS[1:], start=1):
        response = save(client, running, source, revision, revision - 1, **patch_for(previous, source))
        assert response.status_code == 200 and response.get_json()["saved"] is True
        sent[revision] = source
        previous = source
    rows = history_rows(app)
    assert [r.revision for r in rows] == list(sent)
    assert rows[0].head is None and rows[0].text == EDITS[1]  # the first save creates the draft: the whole text
    assert all(r.head is not None for r in rows[1:])  # then only what changed
    assert sum(len(r.text) for r in rows[1:]) < sum(len(s) for s in EDITS[2:]) / 3
    assert [r.size for r in rows] == [len(s) for s in EDITS[1:]]
    assert replayed_texts(app, running) == list(sent.items())


def test_a_patch_that_does_not_fit_the_stored_text_is_stored_as_the_whole_text(app, client, running):
    save(client, running, "print(1)\n", 1, 0)
    # a forged patch: claims only the end changed, while the start changed too
    response = save(client, running, "PRINT(2)\n", 2, 1, head=6, tail=0)
    assert response.status_code == 200 and response.get_json()["saved"] is True
    # a patch relative to a text the server never stored (e.g. the tab's previous save never arrived)
    save(client, running, "PRINT(2)\nprint(3)\n", 3, 2, **patch_for("PRINT(2)\nprint(x)\n", "PRINT(2)\nprint(3)\n"))
    rows = history_rows(app)
    assert [(r.head, r.text) for r in rows[1:]] == [(None, "PRINT(2)\n"), (None, "PRINT(2)\nprint(3)\n")]
    assert [t for _, t in replayed_texts(app, running)] == ["print(1)\n", "PRINT(2)\n", "PRINT(2)\nprint(3)\n"]


def test_large_pastes_are_kept_with_the_integrity_threshold_and_bad_fields_refused(app, client, running):
    from assessment.candidate.integrity import PASTE_THRESHOLD

    save(client, running, "a\n", 1, 0, pastes=[PASTE_THRESHOLD])  # not above the threshold: not a signal
    save(client, running, "a\nb\n", 2, 1, pastes=[150, PASTE_THRESHOLD + 100, 500])
    assert [r.pasted for r in history_rows(app)] == [None, PASTE_THRESHOLD + 600]
    for bad in (
        {"pastes": "300"},
        {"pastes": [-1]},
        {"pastes": [True]},
        {"head": -1, "tail": 0},
        {"head": 9, "tail": 9},
    ):
        response = save(client, running, "a\nb\nc\n", 3, 2, **bad)
        assert response.status_code == 400, bad
    assert len(history_rows(app)) == 2  # a refused save records nothing


def test_saves_refused_as_stale_record_nothing(app, client, running):
    save(client, running, "laptop\n", 1, 0, tab="laptop")
    stale = save(client, running, "tablet\n", 1, 0, tab="tablet", **patch_for("", "tablet\n"))
    assert stale.status_code == 409
    assert [r.text for r in history_rows(app)] == ["laptop\n"]


def test_an_autosave_costs_one_insert_more_and_never_reads_the_old_text(app, client, running, backend):
    """On SQLite the history's INSERT ... SELECT and the draft's UPDATE, in one transaction; on PostgreSQL both in one
    statement (the UPDATE in its WITH clause), which therefore runs without a transaction around it."""
    save(client, running, "v1\n", 1, 0)
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split()))

    engine = app.extensions["assessment.db"].engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = save(client, running, "v1\nv2\n", 2, 1, **patch_for("v1\n", "v1\nv2\n"))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.get_json()["saved"] is True
    writes = [s for s in statements if not s.upper().startswith("SELECT")]
    if backend == "sqlite":
        assert [w.split()[0].upper() for w in writes] == ["INSERT", "UPDATE"]
        assert writes[0].startswith("INSERT INTO code_draft_saves") and " FROM code_drafts " in writes[0]
        assert writes[1].startswith("UPDATE code_drafts")
    else:
        assert len(writes) == 1 and writes[0].startswith("WITH stored AS (SELECT code_drafts.id")
        assert " FOR UPDATE), saved AS (UPDATE code_drafts SET " in writes[0]
        assert " INSERT INTO code_draft_saves " in writes[0]
    assert not [s for s in statements if s.upper().startswith("SELECT") and "code_drafts.source" in s]


def test_parallel_tabs_cannot_break_the_history(app, client, running):
    """Two tabs save as fast as they can, each on top of what it last saw stored; whatever wins, every stored save has
    its history row and the replay rebuilds each of them and the draft's final text."""
    cookie = client.get_cookie("session").value
    sent: dict[int, str] = {}
    lock = threading.Lock()
    barrier = threading.Barrier(2)

    def tab(name: str, first_revision: int) -> None:
        browser = app.test_client()
        browser.set_cookie("session", cookie)
        base, last_text, revision = 0, "", first_revision
        barrier.wait()
        for step in range(12):
            source = f"{last_text}{name} line {step}\n"
            body = {"language": "python", "source": source, "revision": revision, "base_revision": base, "tab": name}
            body.update(patch_for(last_text, source))
            response = browser.post(running["code"], json=body, headers={"X-CSRFToken": running["token"]})
            data = response.get_json()
            if response.status_code == 200 and data["saved"]:
                with lock:
                    sent[revision] = source
                base, last_text = revision, source
            elif response.status_code == 409 and data.get("error") == "conflict":
                base, last_text = data["theirs"]["revision"], data["theirs"]["source"]  # take theirs and go on
            revision += 2

    threads = [threading.Thread(target=tab, args=("laptop", 1)), threading.Thread(target=tab, args=("tablet", 2))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    replayed = replayed_texts(app, running)
    assert dict(replayed) == sent
    from assessment.models import CodeDraft

    with app.extensions["assessment.db"].new_session() as s:
        assert replayed[-1][1] == s.scalar(select(CodeDraft.source))


@pytest.mark.parametrize("backend", ["postgresql"])  # SQLite's one writer at a time cannot interleave this way
def test_a_save_waiting_for_another_saves_lock_checks_its_patch_against_the_text_that_save_left(
    app, client, running, backend
):
    """PostgreSQL: a save waits for the draft row's lock while another save of the same tab (revision 2) commits. The
    waiting save (revision 3, sent on top of revision 2) is then checked against the text revision 2 left, not the
    older text of its statement's snapshot: its patch fits and is stored as a patch, and the replay rebuilds all
    three texts."""
    from assessment.models import CodeDraft, CodeDraftSave

    first, second, third = "a = 1\n", "a = 1\nb = 2\n", "a = 1\nb = 2\nc = 3\n"
    assert save(client, running, first, 1, 0).get_json()["saved"] is True
    engine = app.extensions["assessment.db"].engine
    other = engine.connect()
    other.begin()
    draft = other.execute(select(CodeDraft.id).with_for_update()).scalar_one()
    other.execute(text("UPDATE code_drafts SET source = :s, revision = 2 WHERE id = :d"), {"s": second, "d": draft})
    other.execute(
        CodeDraftSave.__table__.insert().values(
            draft_id=draft, revision=2, saved_at=datetime(2026, 1, 1), text=second, size=len(second)
        )
    )
    answers: list = []
    waiting = threading.Thread(
        target=lambda: answers.append(save(client, running, third, 3, 1, **patch_for(second, third)))
    )
    waiting.start()
    with engine.connect() as watcher:  # until the save waits for the row's lock
        for _ in range(200):
            if watcher.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")):
                break
            time.sleep(0.05)
        else:
            raise AssertionError("the save never waited for the row lock")
    other.commit()
    other.close()
    waiting.join(30)
    assert answers and answers[0].status_code == 200 and answers[0].get_json()["saved"] is True
    rows = history_rows(app)
    assert [(r.revision, r.head is not None) for r in rows] == [(1, False), (2, False), (3, True)]
    assert [t for _, t in replayed_texts(app, running)] == [first, second, third]


def test_the_migration_starts_every_existing_draft_history_with_its_text(tmp_path):
    from assessment.db import Database
    from assessment.migrate import upgrade

    database = Database(f"sqlite:///{tmp_path / 'old.sqlite'}")
    try:
        upgrade(database, "0006")
        with database.engine.begin() as c:
            c.execute(text("PRAGMA foreign_keys=OFF"))
            c.execute(
                text(
                    "INSERT INTO code_drafts (id, attempt_id, problem_id, language, source, revision, updated_at)"
                    " VALUES (1, 1, 1, 'python', 'print(42)', 7, '2026-01-01 10:00:00')"
                )
            )
        upgrade(database)
        with database.engine.connect() as c:
            row = c.execute(text("SELECT draft_id, revision, head, tail, text, size FROM code_draft_saves")).one()
            assert tuple(row) == (1, 7, None, None, "print(42)", 9)
    finally:
        database.dispose()


def test_candidates_are_told_their_code_history_is_kept(client, running):
    page = client.get(f"/applications/{running['application']}/test").get_data(as_text=True)
    assert "The autosaved versions of your code are kept, so reviewers can replay how you wrote it." in page
