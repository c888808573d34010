"""A test's frequent requests (autosaves, runs, submissions, status polls) read the signed-in user together with
their application, problem, prompt or submission in one query (assessment/candidate/request_rows.py). On SQLite and
PostgreSQL: that query decides nothing — someone else's application, another position's problem or prompt and
someone else's submission are still not found, an ended session or a deactivated account still gets nothing — and an
honest candidate's requests work, each reading its rows once."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event, func, select, update

from tests.candidate.attempt_helpers import make_application, make_test_position, start
from tests.security.conftest import BACKENDS


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def world(app, tmp_path, make_user, signed_in):
    ids = make_test_position(app, tmp_path)
    other = make_test_position(app, tmp_path / "other", slug="other")
    ids["other_problem"], ids["other_prompt"] = other["problem"], other["prompt"]
    clients = {}
    for name in ("alice", "bob"):
        make_user(f"{name}@example.com")
        ids[name] = make_application(app, f"{name}@example.com", ids["position"])
        clients[name] = signed_in(f"{name}@example.com")
        ids[f"{name}_token"] = start(clients[name], ids[name])
    queued = clients["bob"].post(
        f"/applications/{ids['bob']}/test/problems/{ids['problem']}/run",
        json={"language": "python", "source": "print(1)\n", "mode": "samples"},
        headers={"X-CSRFToken": ids["bob_token"]},
    )
    assert queued.status_code == 202
    ids["bob_submission"] = queued.get_json()["submission_id"]
    return ids, clients


def requests_of(ids, application: int, *, problem=None, prompt=None, submission=None):
    """(method, url, body) of every request that reads its rows with the user."""
    base = f"/applications/{application}/test"
    problem, prompt = problem or ids["problem"], prompt or ids["prompt"]
    code = {"language": "python", "source": "print(2)\n", "revision": 1, "base_revision": 0, "tab": "t"}
    return [
        ("POST", f"{base}/problems/{problem}/draft", code),
        ("POST", f"{base}/essays/{prompt}/draft", {"text": "five words of an essay", **code}),
        ("POST", f"{base}/problems/{problem}/run", {"language": "python", "source": "print(3)\n", "mode": "samples"}),
        ("POST", f"{base}/problems/{problem}/submit", {"language": "python", "source": "print(4)\n"}),
        ("GET", f"{base}/submissions/{submission or ids['bob_submission']}", None),
    ]


def send(client, token, method, url, body):
    if method == "GET":
        return client.get(url)
    return client.post(url, json=body, headers={"X-CSRFToken": token})


def send_recording(app, client, token, method, url, body):
    """The response, and for each statement the request ran: whether it ran on its own (autocommit), and its SQL."""
    engine = app.extensions["assessment.db"].engine
    ran: list[tuple[bool, str]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        ran.append((in_autocommit(conn.connection.dbapi_connection), statement))

    event.listen(engine, "before_cursor_execute", record)
    try:
        return send(client, token, method, url, body), ran
    finally:
        event.remove(engine, "before_cursor_execute", record)


def stored(s) -> dict:
    from assessment.models import CodeDraft, EssayAnswer, Submission

    return {
        model.__name__: s.scalar(select(func.count()).select_from(model))
        for model in (CodeDraft, EssayAnswer, Submission)
    }


def test_someone_elses_application_problem_prompt_or_submission_is_not_found(s, world):
    ids, clients = world
    before = stored(s)
    alice = clients["alice"]
    for method, url, body in requests_of(ids, ids["bob"]):  # Bob's application, signed in as Alice
        assert send(alice, ids["alice_token"], method, url, body).status_code == 404, url
    own_but_elsewhere = requests_of(ids, ids["alice"], problem=ids["other_problem"], prompt=ids["other_prompt"])
    for method, url, body in own_but_elsewhere[:4]:  # her application, another position's problem or prompt
        assert send(alice, ids["alice_token"], method, url, body).status_code == 404, url
    method, url, body = own_but_elsewhere[4]  # Bob's submission under her own application
    assert send(alice, ids["alice_token"], method, url, body).status_code == 404
    assert stored(s) == before


@pytest.mark.parametrize("ended_by", ["sign-out elsewhere", "deactivation"])
def test_an_ended_session_or_a_deactivated_account_gets_nothing(app, s, world, ended_by):
    from assessment.models import User

    ids, clients = world
    change = {"session_generation": User.session_generation + 1} if ended_by != "deactivation" else {"active": False}
    s.execute(update(User).where(User.email == "bob@example.com").values(**change))
    s.commit()
    before = stored(s)
    bob = clients["bob"]
    for method, url, body in requests_of(ids, ids["bob"]):
        response = send(bob, ids["bob_token"], method, url, body)
        assert response.status_code in (302, 401), (url, response.status_code)
        assert b"print" not in response.data and b"saved" not in response.data
    assert stored(s) == before


def test_an_honest_candidates_requests_work_each_reading_its_rows_once(app, world):
    ids, clients = world
    for method, url, body in requests_of(ids, ids["bob"]):
        response, ran = send_recording(app, clients["bob"], ids["bob_token"], method, url, body)
        reads = [statement for _, statement in ran]
        assert response.status_code in (200, 202), (url, response.get_data(as_text=True)[:300])
        # the first statement reads the user with the application, its attempt and position and the URL's own row;
        # none of those tables is read again
        first = " ".join(reads[0].split()).lower()
        assert first.startswith("select users.id") and "from users left outer join applications" in first, first
        for table in (
            "users",
            "applications",
            "attempts",
            "positions",
            "problems",
            "problem_versions",
            "essay_prompts",
        ):
            assert not any(f"from {table} " in " ".join(r.split()).lower() + " " for r in reads[1:]), (url, table)
        # nor is a column the first query left out read afterwards, by the row's key (the status reads the queue
        # from the submissions table, but never its own row again)
        reread = re.compile(r"from (submissions|users|applications|positions) where \w+\.id = ")
        assert not any(reread.search(" ".join(r.split()).lower()) for r in reads[1:]), (url, reads[1:])
    status = clients["bob"].get(requests_of(ids, ids["bob"])[4][1]).get_json()
    assert status["status"] == "queued"


def test_an_id_the_database_cannot_hold_gets_the_platforms_own_error(app, world, backend):
    """A database error in the query of the user and their rows (an id beyond the column's range) is met where it was
    before, in the view: the answer is the platform's own error (inside the user loader, the error page could not
    tell who is asking and broke too)."""
    ids, clients = world
    app.testing = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    too_big = 2**31 if backend == "postgresql" else 2**70
    response = clients["bob"].get(
        f"/applications/{ids['bob']}/test/submissions/{too_big}", headers={"Accept": "application/json"}
    )
    assert response.status_code in (404, 500)
    assert "internal error" not in response.get_data(as_text=True).lower()
    assert response.is_json and response.get_json()["error"]


def in_autocommit(dbapi_connection) -> bool:
    """Whether the driver runs each statement on its own (psycopg's autocommit; sqlite3 with no isolation level)."""
    if hasattr(dbapi_connection, "autocommit"):
        return bool(dbapi_connection.autocommit)
    return dbapi_connection.isolation_level is None


def test_autosaves_and_status_polls_run_each_statement_on_its_own_runs_and_submissions_in_a_transaction(
    app, s, world, backend
):
    """On PostgreSQL the autosaves and the status poll need no transaction around their statements (db.autocommit):
    no BEGIN and COMMIT round trips, and each writes at most one statement (a code draft's save and its history row
    are one). A run and a submission keep their transaction, and a connection back in the pool is transactional
    again. On SQLite (in the process, no round trips) every request keeps the driver's own transactions."""
    from assessment.models import CodeDraft, EssayAnswer

    ids, clients = world
    engine = app.extensions["assessment.db"].engine
    for method, url, body in requests_of(ids, ids["bob"]):
        if "/draft" in url:  # the first save creates the row (a rarer path, in a transaction); measure the next one
            assert send(clients["bob"], ids["bob_token"], method, url, body).get_json()["saved"] is True
            body = dict(body, revision=2, base_revision=1)
        response, ran = send_recording(app, clients["bob"], ids["bob_token"], method, url, body)
        seen = [(mode, " ".join(statement.split())) for mode, statement in ran]
        assert response.status_code in (200, 202), (url, response.get_data(as_text=True)[:300])
        alone = backend == "postgresql" and ("/draft" in url or "/submissions/" in url)  # autosaves, status poll
        assert seen and [mode for mode, _ in seen] == [alone] * len(seen), (url, seen)
        if alone:
            writes = [statement for _, statement in seen if not statement.upper().startswith("SELECT")]
            assert len(writes) <= 1, (url, writes)
        pooled = [engine.raw_connection() for _ in range(engine.pool.checkedin())]
        try:
            assert not any(in_autocommit(c.dbapi_connection) for c in pooled), url
        finally:
            for c in pooled:
                c.close()
    answer = s.scalars(select(EssayAnswer).where(EssayAnswer.prompt_id == ids["prompt"])).one()
    assert answer.text == "five words of an essay" and answer.revision == 2
    draft = s.scalars(select(CodeDraft).where(CodeDraft.problem_id == ids["problem"])).one()
    assert draft.source == "print(2)\n" and draft.revision == 2


def test_ending_autocommit_refuses_pending_changes_it_would_write_one_statement_at_a_time(app, world, backend):
    """Several writes that stand together run after end_autocommit, in a transaction: ORM changes made before it, in
    autocommit, would be written one statement at a time by ending it, so it refuses them (PostgreSQL; on SQLite
    autocommit is not used and there is nothing to end)."""
    from assessment.db import autocommit, end_autocommit
    from assessment.models import User

    with app.extensions["assessment.db"].new_session() as session:  # world: Bob's account exists
        autocommit(session)
        user = session.scalars(select(User).where(User.email == "bob@example.com")).one()
        user.locale = "ja"
        if backend == "postgresql":
            with pytest.raises(RuntimeError, match="pending in autocommit"):
                end_autocommit(session)
        else:
            end_autocommit(session)
            assert session.in_transaction()
        session.rollback()
