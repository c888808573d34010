"""The timed test: starting, the server clock, the deadline (+ grace), extra time, finishing and the finalizer."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.candidate.attempt_helpers import make_application, make_test_position, move_deadline, start


@pytest.fixture
def candidate(app, tmp_path, make_user, login, client):
    ids = make_test_position(app, tmp_path, duration=30)
    make_user("cand@example.com")
    ids["application"] = make_application(app, "cand@example.com", ids["position"])
    login("cand@example.com")
    return ids


def attempt_of(app, application_id):
    from assessment.models import Attempt

    with app.extensions["assessment.db"].new_session() as s:
        return s.scalar(select(Attempt).where(Attempt.application_id == application_id))


def test_start_page_explains_the_test_and_the_clock_starts_on_click(app, client, candidate):
    html = client.get(f"/applications/{candidate['application']}/test").get_data(as_text=True)
    assert "30 minutes" in html
    assert "1 problem" in html and "1 written question" in html
    assert "Python" in html and "C++" in html
    assert "timer starts when you click" in html
    assert attempt_of(app, candidate["application"]) is None  # viewing does not start the clock

    from assessment.models import utcnow

    before = utcnow()
    start(client, candidate["application"])
    attempt = attempt_of(app, candidate["application"])
    assert attempt is not None
    expected = before + timedelta(minutes=30)
    assert abs((attempt.deadline_at - expected).total_seconds()) < 5


def test_starting_twice_or_reloading_never_resets_the_clock(app, client, candidate):
    token = start(client, candidate["application"])
    first = attempt_of(app, candidate["application"])
    again = client.post(f"/applications/{candidate['application']}/test/start", data={"csrf_token": token})
    assert again.status_code == 302
    second = attempt_of(app, candidate["application"])
    assert second.id == first.id and second.deadline_at == first.deadline_at
    start_page = client.get(f"/applications/{candidate['application']}/test").get_data(as_text=True)
    assert "Continue the test" in start_page


def test_deadline_is_capped_by_the_positions_test_deadline(app, tmp_path, client, make_user, login):
    from assessment.models import utcnow

    hard = utcnow() + timedelta(minutes=10)
    ids = make_test_position(app, tmp_path, slug="capped", duration=60, test_deadline=hard)
    make_user("c2@example.com")
    application = make_application(app, "c2@example.com", ids["position"])
    login("c2@example.com")
    start(client, application)
    assert attempt_of(app, application).deadline_at == hard


def test_unreleased_test_cannot_be_started(app, tmp_path, client, make_user, login):
    from tests.conftest import csrf_token_from

    ids = make_test_position(app, tmp_path, slug="screened", unlock="on_release")
    make_user("c3@example.com")
    application = make_application(app, "c3@example.com", ids["position"], released=False)
    login("c3@example.com")
    html = client.get(f"/applications/{application}/test").get_data(as_text=True)
    assert "not released yet" in html
    assert 'id="start-test"' not in html
    token = csrf_token_from(html)
    client.post(f"/applications/{application}/test/start", data={"csrf_token": token})
    assert attempt_of(app, application) is None


def test_clock_endpoint_sends_server_time_and_deadline(app, client, candidate):
    start(client, candidate["application"])
    data = client.get(f"/applications/{candidate['application']}/test/clock").get_json()
    assert set(data) >= {"server_now", "deadline", "remaining_seconds", "grace_seconds", "read_only"}
    assert 29 * 60 < data["remaining_seconds"] <= 30 * 60
    assert data["deadline"] - data["server_now"] == pytest.approx(data["remaining_seconds"] * 1000, abs=50)
    assert data["grace_seconds"] == 5 and data["read_only"] is False


def _writes(candidate, token):
    app_id, problem, prompt = candidate["application"], candidate["problem"], candidate["prompt"]
    headers = {"X-CSRFToken": token}
    return [
        (
            f"/applications/{app_id}/test/problems/{problem}/draft",
            {"language": "python", "source": "print(1)", "revision": 50, "base_revision": 0, "tab": "t1"},
        ),
        (
            f"/applications/{app_id}/test/essays/{prompt}/draft",
            {"text": "late words", "revision": 50, "base_revision": 0, "tab": "t1"},
        ),
        (
            f"/applications/{app_id}/test/problems/{problem}/run",
            {"language": "python", "source": "print(1)", "mode": "samples"},
        ),
        (f"/applications/{app_id}/test/problems/{problem}/submit", {"language": "python", "source": "print(1)"}),
        (f"/applications/{app_id}/test/integrity", {"kind": "blur", "duration_ms": 1200}),
    ], headers


def test_writes_after_deadline_plus_grace_are_refused_with_409(app, client, candidate):
    token = start(client, candidate["application"])
    move_deadline(app, candidate["application"], -6)  # grace is 5 s
    writes, headers = _writes(candidate, token)
    for url, body in writes:
        response = client.post(url, json=body, headers=headers)
        assert response.status_code == 409, url
        data = response.get_json()
        assert data["error"] == "deadline_passed"
        assert "Time is up" in data["message"]


def test_writes_within_the_grace_period_are_accepted(app, client, candidate):
    token = start(client, candidate["application"])
    move_deadline(app, candidate["application"], -2)
    writes, headers = _writes(candidate, token)
    url, body = writes[0]
    response = client.post(url, json=body, headers=headers)
    assert response.status_code == 200 and response.get_json()["saved"] is True
    url, body = writes[1]
    assert client.post(url, json=body, headers=headers).get_json()["saved"] is True


def test_pages_are_read_only_after_the_deadline(app, client, candidate):
    start(client, candidate["application"])
    move_deadline(app, candidate["application"], -60)
    html = client.get(f"/applications/{candidate['application']}/test/problems/{candidate['problem']}").get_data(
        as_text=True
    )
    assert 'id="run-samples" disabled' in html and 'id="submit-code" disabled' in html
    assert '"read_only": true' in html
    essay = client.get(f"/applications/{candidate['application']}/test/essays/{candidate['prompt']}").get_data(
        as_text=True
    )
    assert "readonly" in essay
    assert "Time is up." in essay


def test_grant_extra_time_extends_the_deadline_and_is_audited(app, client, candidate, make_user):
    from assessment.attempts.clock import grant_extra_time
    from assessment.models import Attempt, AuditEntry

    token = start(client, candidate["application"])
    move_deadline(app, candidate["application"], -10)
    admin = make_user("admin@example.com", role="admin")
    database = app.extensions["assessment.db"]
    with database.new_session() as s:
        attempt = s.scalar(select(Attempt).where(Attempt.application_id == candidate["application"]))
        old = attempt.deadline_at
        grant_extra_time(s, attempt, 600, admin)
        s.commit()
        assert attempt.deadline_at == old + timedelta(seconds=600)
        assert attempt.extra_seconds == 600
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "attempt.extra_time"))
        assert entry.actor_id == admin.id and entry.target_id == attempt.id and entry.details["seconds"] == 600
    writes, headers = _writes(candidate, token)
    url, body = writes[0]
    assert client.post(url, json=body, headers=headers).status_code == 200


def test_extra_time_respects_the_hard_test_deadline(app, tmp_path, client, make_user, login):
    from assessment.attempts.clock import grant_extra_time
    from assessment.models import Attempt, utcnow

    hard = utcnow() + timedelta(minutes=40)
    ids = make_test_position(app, tmp_path, slug="hard", duration=30, test_deadline=hard)
    make_user("c4@example.com")
    application = make_application(app, "c4@example.com", ids["position"])
    login("c4@example.com")
    start(client, application)
    with app.extensions["assessment.db"].new_session() as s:
        attempt = s.scalar(select(Attempt).where(Attempt.application_id == application))
        grant_extra_time(s, attempt, 3600, None)
        s.commit()
        assert attempt.deadline_at == hard


def _save_code(client, candidate, token, source, revision, language="python"):
    url = f"/applications/{candidate['application']}/test/problems/{candidate['problem']}/draft"
    response = client.post(
        url,
        json={"language": language, "source": source, "revision": revision, "base_revision": 0, "tab": "t1"},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def _save_essay(client, candidate, token, text, revision):
    url = f"/applications/{candidate['application']}/test/essays/{candidate['prompt']}/draft"
    response = client.post(
        url, json={"text": text, "revision": revision, "base_revision": 0, "tab": "t1"}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200
    return response.get_json()


def _submissions(app, kind=None):
    from assessment.models import Submission

    with app.extensions["assessment.db"].new_session() as s:
        query = select(Submission).order_by(Submission.id)
        if kind:
            query = query.where(Submission.kind == kind)
        return s.scalars(query).all()


def test_finalizer_auto_submits_exactly_once_and_finalizes_essays(app, client, candidate):
    from assessment.attempts.finalize import finalize_due_attempts
    from assessment.models import Attempt, EssayAnswer, utcnow

    token = start(client, candidate["application"])
    _save_code(client, candidate, token, "a, b = map(int, input().split())\nprint(a + b)\n", 1)
    _save_essay(client, candidate, token, "one two three four five six", 1)
    move_deadline(app, candidate["application"], -6)
    database = app.extensions["assessment.db"]
    with database.new_session() as s:
        finalized = finalize_due_attempts(s, utcnow())
        assert len(finalized) == 1
        assert finalize_due_attempts(s, utcnow()) == []  # idempotent
    auto = _submissions(app, "auto")
    assert len(auto) == 1
    assert auto[0].source.startswith("a, b = map") and auto[0].status == "queued" and auto[0].language == "python"
    with database.new_session() as s:
        attempt = s.scalar(select(Attempt).where(Attempt.application_id == candidate["application"]))
        assert attempt.finalized_at is not None and attempt.finished_at is not None
        answer = s.scalar(select(EssayAnswer))
        assert answer.final is True and answer.finalized_at is not None
    # the done page shows what was submitted
    html = client.get(f"/applications/{candidate['application']}/test/done").get_data(as_text=True)
    assert "submitted automatically" in html and "Final" in html


def test_finalizer_does_not_resubmit_code_that_was_already_submitted(app, client, candidate):
    from assessment.attempts.finalize import finalize_due_attempts
    from assessment.models import utcnow

    token = start(client, candidate["application"])
    source = "print(sum(map(int, input().split())))\n"
    _save_code(client, candidate, token, source, 1)
    response = client.post(
        f"/applications/{candidate['application']}/test/problems/{candidate['problem']}/submit",
        json={"language": "python", "source": source},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 202
    move_deadline(app, candidate["application"], -6)
    with app.extensions["assessment.db"].new_session() as s:
        assert len(finalize_due_attempts(s, utcnow())) == 1
    assert _submissions(app, "auto") == []
    assert len(_submissions(app, "submit")) == 1


def test_finalizer_ignores_untouched_starter_code(app, client, candidate):
    from assessment.attempts.finalize import finalize_due_attempts
    from assessment.attempts.submissions import language_info
    from assessment.models import utcnow

    token = start(client, candidate["application"])
    _save_code(client, candidate, token, "print(int(input().split()[0]) + 0)\n", 1, "python")
    _save_code(client, candidate, token, language_info("cpp")["template"], 1, "cpp")  # switched language, typed nothing
    move_deadline(app, candidate["application"], -6)
    with app.extensions["assessment.db"].new_session() as s:
        finalize_due_attempts(s, utcnow())
    auto = _submissions(app, "auto")
    assert [a.language for a in auto] == ["python"]


def test_concurrent_finalizers_submit_once(app, client, candidate):
    from assessment.attempts.finalize import finalize_due_attempts
    from assessment.models import utcnow

    token = start(client, candidate["application"])
    _save_code(client, candidate, token, "print(42)\n", 1)
    move_deadline(app, candidate["application"], -6)
    database = app.extensions["assessment.db"]
    results, barrier = [], threading.Barrier(4)

    def run():
        with database.new_session() as s:
            barrier.wait()
            results.append(finalize_due_attempts(s, utcnow()))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(len(r) for r in results) == 1
    assert len(_submissions(app, "auto")) == 1


def test_finishing_early_finalizes_at_once(app, client, candidate):
    from tests.conftest import csrf_token_from

    token = start(client, candidate["application"])
    _save_code(client, candidate, token, "print(7)\n", 3)
    _save_essay(client, candidate, token, "these are my final words here", 2)
    confirm = client.get(f"/applications/{candidate['application']}/test/finish")
    assert confirm.status_code == 200 and "Finish the test now?" in confirm.get_data(as_text=True)
    response = client.post(
        f"/applications/{candidate['application']}/test/finish",
        data={"csrf_token": csrf_token_from(confirm.get_data(as_text=True))},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/test/done")
    attempt = attempt_of(app, candidate["application"])
    assert attempt.finished_at is not None and attempt.finalized_at is not None
    assert len(_submissions(app, "auto")) == 1
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your test is complete" in html and ">6<" in html  # word count
    # after finishing, writes are refused
    assert _writes_status(client, candidate, token) == 409


def _writes_status(client, candidate, token):
    url = f"/applications/{candidate['application']}/test/problems/{candidate['problem']}/draft"
    return client.post(
        url,
        json={"language": "python", "source": "x", "revision": 99, "base_revision": 0, "tab": "t1"},
        headers={"X-CSRFToken": token},
    ).status_code


def test_background_finalizer_thread(app, client, candidate):
    import time

    from assessment.attempts.finalize import start_finalizer

    token = start(client, candidate["application"])
    _save_code(client, candidate, token, "print(1 + 1)\n", 1)
    move_deadline(app, candidate["application"], -6)
    finalizer = start_finalizer(app, interval=0.1)
    try:
        assert start_finalizer(app) is finalizer
        deadline = time.time() + 10
        while time.time() < deadline and attempt_of(app, candidate["application"]).finalized_at is None:
            time.sleep(0.05)
    finally:
        finalizer.stop()
    assert attempt_of(app, candidate["application"]).finalized_at is not None
    assert len(_submissions(app, "auto")) == 1


def test_extra_time_granted_before_the_start_is_added_to_the_deadline(app, client, candidate):
    from assessment.models import Application, utcnow

    database = app.extensions["assessment.db"]
    with database.new_session() as s:
        s.get(Application, candidate["application"]).extra_seconds = 600
        s.commit()
    before = utcnow()
    start(client, candidate["application"])
    attempt = attempt_of(app, candidate["application"])
    assert attempt.extra_seconds == 600
    assert abs((attempt.deadline_at - (before + timedelta(minutes=40))).total_seconds()) < 5
