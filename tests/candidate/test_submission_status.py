"""The live status a candidate's page polls: queue position and when to ask again."""

from __future__ import annotations

from assessment.enums import SubmissionKind


def _submit(c, application, problem, token, kind="submit"):
    response = c.post(
        f"/applications/{application}/test/problems/{problem}/{kind}",
        json={"language": "python", "source": "print(1)", "mode": "samples"},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 202, response.get_data(as_text=True)
    return response.get_json()["submission_id"]


def _status(c, application, submission_id):
    response = c.get(f"/applications/{application}/test/submissions/{submission_id}")
    assert response.status_code == 200
    return response.get_json()


def _set(app, submission_id, **values):
    from assessment.models import Submission

    with app.extensions["assessment.db"].new_session() as s:
        submission = s.get(Submission, submission_id)
        for key, value in values.items():
            setattr(submission, key, value)
        s.commit()


def test_a_queued_submission_shows_how_many_are_ahead_and_polls_less_often_further_back(app, client, two_candidates):
    ids = two_candidates
    bob = ids["bob_client"]
    first = _submit(client, ids["alice"], ids["problem"], ids["alice_token"])
    second = _submit(client, ids["alice"], ids["problem"], ids["alice_token"])
    bobs = _submit(bob, ids["bob"], ids["problem"], ids["bob_token"])

    # Candidates take turns: Bob's first submission goes before Alice's second.
    mine = _status(bob, ids["bob"], bobs)
    assert mine["status"] == "queued" and mine["phase"] == "Waiting for the judge… (1 ahead)"
    assert mine["queue"] == {"ahead": 1, "estimated_seconds": None}  # no verdict yet: no pace to estimate from
    assert mine["poll_after_ms"] == 1100
    assert _status(client, ids["alice"], second)["phase"].endswith("(2 ahead)")
    head = _status(client, ids["alice"], first)
    assert head["phase"] == "Waiting for the judge…" and head["poll_after_ms"] == 1000

    _set(app, first, status="running", progress_done=0, progress_total=4)
    assert _status(client, ids["alice"], first)["poll_after_ms"] == 500
    assert _status(client, ids["alice"], first)["queue"] is None
    assert _status(bob, ids["bob"], bobs)["phase"] == "Waiting for the judge…"
    assert _status(client, ids["alice"], second)["phase"].endswith("(1 ahead)")

    _set(app, bobs, status="done", verdict="AC", score=1.0)
    assert _status(bob, ids["bob"], bobs)["poll_after_ms"] is None
    assert _status(client, ids["alice"], second)["phase"] == "Waiting for the judge…"


def test_the_estimate_comes_from_the_judges_measured_pace(app, client, two_candidates):
    """Recent verdicts took 40 s (submissions) and 4 s (sample runs); one judge is at work. Bob's submission waits
    behind Alice's run and her submission: 4 + 40 s of work, then its own 40 s."""
    from datetime import timedelta

    from assessment.judging.estimate import forget_recent_rate
    from assessment.models import utcnow

    ids = two_candidates
    bob = ids["bob_client"]
    now = utcnow()
    for kind, seconds in (("submit", 40), ("submit", 40), ("run", 4)):
        done = _submit(client, ids["alice"], ids["problem"], ids["alice_token"], kind=kind)
        _set(
            app,
            done,
            status="done",
            verdict="AC",
            started_at=now - timedelta(seconds=seconds + 30),
            finished_at=now - timedelta(seconds=30),
        )
    busy = _submit(client, ids["alice"], ids["problem"], ids["alice_token"])
    _set(app, busy, status="running", started_at=now)
    _submit(client, ids["alice"], ids["problem"], ids["alice_token"], kind="run")
    _submit(client, ids["alice"], ids["problem"], ids["alice_token"])
    bobs = _submit(bob, ids["bob"], ids["problem"], ids["bob_token"])
    forget_recent_rate()
    status = _status(bob, ids["bob"], bobs)
    assert status["queue"] == {"ahead": 2, "estimated_seconds": 84}
    assert status["phase"] == "Waiting for the judge… (2 ahead, about 1 minute)"

    _set(app, busy, status="done", verdict="AC", finished_at=now)  # no judge at work: no estimate
    forget_recent_rate()
    status = _status(bob, ids["bob"], bobs)
    assert status["queue"] == {"ahead": 2, "estimated_seconds": None}
    assert status["phase"] == "Waiting for the judge… (2 ahead)"


def test_auto_submissions_wait_behind_submissions_queued_after_them(app, client, two_candidates):
    ids = two_candidates
    auto = _submit(client, ids["alice"], ids["problem"], ids["alice_token"])
    _set(app, auto, kind="auto", queue_class=SubmissionKind.AUTO.queue_class)  # as the deadline finaliser queues it
    later = _submit(ids["bob_client"], ids["bob"], ids["problem"], ids["bob_token"])
    assert _status(ids["bob_client"], ids["bob"], later)["phase"] == "Waiting for the judge…"
    assert _status(client, ids["alice"], auto)["phase"].endswith("(1 ahead)")


def test_a_long_queue_caps_the_poll_interval(app, client, two_candidates):
    from assessment.models import Submission

    ids = two_candidates
    first = _submit(client, ids["alice"], ids["problem"], ids["alice_token"])
    with app.extensions["assessment.db"].new_session() as s:
        template = s.get(Submission, first)
        s.add_all(
            [
                Submission(
                    attempt_id=template.attempt_id,
                    problem_id=template.problem_id,
                    problem_version_id=template.problem_version_id,
                    language="python",
                    source="print(1)",
                    kind="submit",
                    status="queued",
                )
                for _ in range(79)
            ]
        )
        s.commit()
    last = _submit(ids["bob_client"], ids["bob"], ids["problem"], ids["bob_token"])
    data = _status(ids["bob_client"], ids["bob"], last)
    assert data["phase"].endswith("(80 ahead)") and data["poll_after_ms"] == 9000  # 1 s + 0.1 s each ahead


def test_a_submission_back_in_the_queue_shows_no_results_until_its_new_verdict(app, client, two_candidates):
    """A rejudged submission keeps its old results until the new ones replace them: while it waits, the page shows
    "Waiting for the judge…" and no test rows or counts (and the poll reads no results)."""
    from assessment.judging.queue import rejudge
    from assessment.models import TestResult

    ids = two_candidates
    run = _submit(client, ids["alice"], ids["problem"], ids["alice_token"], kind="run")
    _set(app, run, status="done", verdict="WA", tests_passed=0, tests_total=1)
    with app.extensions["assessment.db"].new_session() as s:
        s.add(
            TestResult(
                submission_id=run,
                ordinal=0,
                name="1",
                group="sample",
                is_sample=True,
                verdict="WA",
                time_ms=5,
                output="3",
            )
        )
        s.commit()
    finished = _status(client, ids["alice"], run)
    assert [t["verdict"] for t in finished["tests"]] == ["WA"] and finished["max_time_ms"] == 5
    with app.extensions["assessment.db"].new_session() as s:
        rejudge(s, run)
    waiting = _status(client, ids["alice"], run)
    assert waiting["status"] == "queued" and waiting["phase"].startswith("Waiting for the judge")
    assert waiting["tests"] == [] and waiting["max_time_ms"] is None and waiting["verdict"] is None
    assert waiting["tests_passed"] is None and waiting["tests_total"] is None  # the history row's "1 / 1"


def test_the_queueing_answer_carries_the_first_status(client, two_candidates):
    """The answer to a run or a submission says what the first poll would: the page shows it at once and asks again
    only after its poll_after_ms (no poll right after queueing)."""
    ids = two_candidates
    for kind in ("submit", "run"):
        response = client.post(
            f"/applications/{ids['alice']}/test/problems/{ids['problem']}/{kind}",
            json={"language": "python", "source": "print(1)", "mode": "samples"},
            headers={"X-CSRFToken": ids["alice_token"]},
        )
        assert response.status_code == 202
        answer = response.get_json()
        polled = _status(client, ids["alice"], answer["submission_id"])
        assert answer["status"] == polled
    # the run goes before the submission queued earlier: the judges take nothing before it
    assert answer["status"]["queue"] == {"ahead": 0, "estimated_seconds": None}
    assert answer["status"]["phase"] == "Waiting for the judge…" and answer["status"]["poll_after_ms"] == 1000


def test_a_queued_submission_is_answered_as_queued_when_its_status_cannot_be_read(
    app, client, two_candidates, monkeypatch
):
    """The row is committed and handed to the judges before the answer reads its place in the queue: if that read
    fails, the answer is still 202 with no status (the page then asks at once), not an error that would make the
    candidate submit again."""
    from sqlalchemy.exc import OperationalError

    from assessment.candidate import coding
    from assessment.models import Submission

    def unreachable(*_args):
        raise OperationalError("SELECT", {}, Exception("the database went away"))

    monkeypatch.setattr(coding, "queue_position", unreachable)
    ids = two_candidates
    response = client.post(
        f"/applications/{ids['alice']}/test/problems/{ids['problem']}/submit",
        json={"language": "python", "source": "print(1)"},
        headers={"X-CSRFToken": ids["alice_token"]},
    )
    assert response.status_code == 202
    answer = response.get_json()
    assert answer["status"] is None and answer["status_url"]
    with app.extensions["assessment.db"].new_session() as s:
        assert s.get(Submission, answer["submission_id"]).status == "queued"
