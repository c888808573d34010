"""Who may see and change an attempt; what a candidate may learn about hidden tests; integrity signals."""

from __future__ import annotations

from sqlalchemy import select

from tests.candidate.attempt_helpers import meta_csrf


def test_a_candidate_cannot_read_or_write_another_candidates_attempt(app, client, two_candidates):
    ids = two_candidates
    bob, token = ids["bob_client"], ids["bob_token"]
    alice_app = ids["alice"]
    for url in (
        f"/applications/{alice_app}/test",
        f"/applications/{alice_app}/test/overview",
        f"/applications/{alice_app}/test/clock",
        f"/applications/{alice_app}/test/done",
        f"/applications/{alice_app}/test/finish",
        f"/applications/{alice_app}/test/problems/{ids['problem']}",
        f"/applications/{alice_app}/test/essays/{ids['prompt']}",
    ):
        assert bob.get(url).status_code == 404, url
    for url, body in (
        (
            f"/applications/{alice_app}/test/problems/{ids['problem']}/draft",
            {"language": "python", "source": "x", "revision": 1, "base_revision": 0, "tab": "t"},
        ),
        (
            f"/applications/{alice_app}/test/essays/{ids['prompt']}/draft",
            {"text": "x", "revision": 1, "base_revision": 0, "tab": "t"},
        ),
        (f"/applications/{alice_app}/test/problems/{ids['problem']}/submit", {"language": "python", "source": "x"}),
        (f"/applications/{alice_app}/test/problems/{ids['problem']}/run", {"language": "python", "source": "x"}),
        (f"/applications/{alice_app}/test/integrity", {"kind": "blur", "duration_ms": 1000}),
        (f"/applications/{alice_app}/test/start", None),
        (f"/applications/{alice_app}/test/finish", None),
    ):
        response = (
            bob.post(url, json=body, headers={"X-CSRFToken": token})
            if body
            else bob.post(url, data={"csrf_token": token})
        )
        assert response.status_code == 404, url
    # Alice's submission cannot be polled through Bob's own application either
    sub = client.post(
        f"/applications/{alice_app}/test/problems/{ids['problem']}/submit",
        json={"language": "python", "source": "print(1)"},
        headers={"X-CSRFToken": ids["alice_token"]},
    )
    assert sub.status_code == 202
    sub_id = sub.get_json()["submission_id"]
    assert bob.get(f"/applications/{ids['bob']}/test/submissions/{sub_id}").status_code == 404
    assert client.get(f"/applications/{alice_app}/test/submissions/{sub_id}").status_code == 200


def test_not_found_pages_are_html_for_browsers_and_json_for_scripts(client, two_candidates):
    page = client.get("/applications/999999/test")
    assert (
        page.status_code == 404 and "text/html" in page.content_type and "Traceback" not in page.get_data(as_text=True)
    )
    api = client.post(
        f"/applications/999999/test/problems/{two_candidates['problem']}/draft",
        json={"language": "python", "source": "x", "revision": 1},
        headers={"X-CSRFToken": two_candidates["alice_token"]},
    )
    assert api.status_code == 404 and api.get_json()["error"]


def test_candidates_cannot_reach_staff_pages_and_staff_cannot_take_tests(app, client, two_candidates, make_user, login):
    assert client.get("/admin/").status_code == 403
    review_rules = [r.rule for r in app.url_map.iter_rules() if r.endpoint.startswith("review.") and "GET" in r.methods]
    assert review_rules
    for rule in review_rules:
        if "<" not in rule:
            assert client.get(rule).status_code == 403, rule
    admin = app.test_client()
    make_user("boss@example.com", role="admin")
    login("boss@example.com", c=admin)
    assert admin.get(f"/applications/{two_candidates['alice']}/test/overview").status_code == 403
    anonymous = app.test_client()
    response = anonymous.get(f"/applications/{two_candidates['alice']}/test/overview")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_hidden_test_names_and_data_never_reach_the_candidate(app, client, two_candidates):
    from assessment.models import Submission, TestResult

    ids = two_candidates
    sub = client.post(
        f"/applications/{ids['alice']}/test/problems/{ids['problem']}/submit",
        json={"language": "python", "source": "print(1)"},
        headers={"X-CSRFToken": ids["alice_token"]},
    )
    sub_id = sub.get_json()["submission_id"]
    with app.extensions["assessment.db"].new_session() as s:
        submission = s.get(Submission, sub_id)
        submission.status, submission.verdict, submission.score = "done", "WA", 1 / 3
        submission.tests_passed, submission.tests_total = 1, 3
        s.add_all(
            [
                TestResult(
                    submission_id=sub_id,
                    ordinal=0,
                    name="sample/1",
                    group="sample",
                    is_sample=True,
                    verdict="AC",
                    time_ms=5,
                    memory_kb=9000,
                ),
                TestResult(
                    submission_id=sub_id,
                    ordinal=1,
                    name="secret/big-overflow-case",
                    group="secret",
                    verdict="AC",
                    time_ms=7,
                    memory_kb=9000,
                ),
                TestResult(
                    submission_id=sub_id,
                    ordinal=2,
                    name="secret/edge-zeros",
                    group="secret",
                    verdict="WA",
                    time_ms=6,
                    memory_kb=9000,
                    message="expected 2000000000 got 1",
                ),
            ]
        )
        s.commit()
    data = client.get(f"/applications/{ids['alice']}/test/submissions/{sub_id}").get_json()
    text = str(data)
    assert data["verdict"] == "WA" and data["tests_passed"] == 1 and data["tests_total"] == 3
    assert [t["label"] for t in data["tests"]] == ["Sample 1", "Test 1", "Test 2"]
    assert "big-overflow" not in text and "edge-zeros" not in text and "2000000000" not in text
    assert all("input" not in t and "expected" not in t and "output" not in t for t in data["tests"])
    assert {"verdict", "time_ms", "memory_kb"} <= set(data["tests"][0])  # the sample: full detail
    assert all("time_ms" not in t and "memory_kb" not in t for t in data["tests"][1:])  # hidden: verdicts only


def test_sample_runs_show_input_expected_and_actual_output(app, client, two_candidates):
    from assessment.models import Submission, TestResult

    ids = two_candidates
    sub = client.post(
        f"/applications/{ids['alice']}/test/problems/{ids['problem']}/run",
        json={"language": "python", "source": "print(3)", "mode": "samples"},
        headers={"X-CSRFToken": ids["alice_token"]},
    )
    assert sub.status_code == 202 and sub.get_json()["kind"] == "samples"
    sub_id = sub.get_json()["submission_id"]
    status = client.get(sub.get_json()["status_url"]).get_json()
    assert status["done"] is False and status["phase"] == "Waiting for the judge…"
    with app.extensions["assessment.db"].new_session() as s:
        submission = s.get(Submission, sub_id)
        submission.status, submission.progress_done, submission.progress_total = "running", 0, 1
        s.commit()
    assert client.get(sub.get_json()["status_url"]).get_json()["phase"] == "Running sample 1 of 1…"
    with app.extensions["assessment.db"].new_session() as s:
        submission = s.get(Submission, sub_id)
        submission.status, submission.verdict = "done", "AC"
        s.add(
            TestResult(
                submission_id=sub_id,
                ordinal=0,
                name="sample/1",
                group="sample",
                is_sample=True,
                verdict="AC",
                time_ms=5,
                memory_kb=9000,
                output="3\n",
            )
        )
        s.commit()
    data = client.get(sub.get_json()["status_url"]).get_json()
    test = data["tests"][0]
    assert (test["label"], test["input"], test["expected"], test["output"]) == ("Sample 1", "1 2\n", "3\n", "3\n")


def test_custom_run_and_run_limits(client, two_candidates):
    ids = two_candidates
    url = f"/applications/{ids['alice']}/test/problems/{ids['problem']}/run"
    headers = {"X-CSRFToken": ids["alice_token"]}
    first = client.post(
        url, json={"language": "python", "source": "print(input())", "mode": "custom", "input": "hi\n"}, headers=headers
    )
    assert first.status_code == 202 and first.get_json()["kind"] == "custom"
    assert (
        client.post(
            url, json={"language": "python", "source": "print(1)", "mode": "bogus"}, headers=headers
        ).status_code
        == 400
    )
    assert (
        client.post(url, json={"language": "python", "source": "   ", "mode": "samples"}, headers=headers).status_code
        == 400
    )
    client.post(url, json={"language": "python", "source": "print(2)"}, headers=headers)
    client.post(url, json={"language": "python", "source": "print(3)"}, headers=headers)
    busy = client.post(url, json={"language": "python", "source": "print(4)"}, headers=headers)
    assert busy.status_code == 429 and "wait" in busy.get_json()["message"]


def test_integrity_events_record_only_lengths_and_are_rate_limited(app, client, two_candidates):
    from assessment.models import IntegrityEvent

    ids = two_candidates
    url = f"/applications/{ids['alice']}/test/integrity"
    headers = {"X-CSRFToken": ids["alice_token"]}
    assert client.post(url, json={"kind": "paste", "length": 50}, headers=headers).get_json()["recorded"] is False
    assert (
        client.post(url, json={"kind": "paste", "length": 900, "text": "secret"}, headers=headers).get_json()[
            "recorded"
        ]
        is True
    )
    assert (
        client.post(url, json={"kind": "hidden", "duration_ms": 4200}, headers=headers).get_json()["recorded"] is True
    )
    assert client.post(url, json={"kind": "hidden"}, headers=headers).status_code == 400  # leaving has a duration
    assert client.post(url, json={"kind": "keylog"}, headers=headers).status_code == 400
    with app.extensions["assessment.db"].new_session() as s:
        events = s.scalars(select(IntegrityEvent).order_by(IntegrityEvent.id)).all()
        assert [e.kind for e in events] == ["paste", "hidden"]
        assert events[0].detail == {"length": 900} and events[1].duration_ms == 4200
        assert events[0].occurred_at is not None
    statuses = [
        client.post(url, json={"kind": "blur", "duration_ms": 1000}, headers=headers).status_code for _ in range(40)
    ]
    assert statuses.count(429) >= 10 and statuses[0] == 200


def test_test_pages_send_a_strict_csp_and_no_inline_scripts(client, two_candidates):
    ids = two_candidates
    for url in (
        f"/applications/{ids['alice']}/test/overview",
        f"/applications/{ids['alice']}/test/problems/{ids['problem']}",
        f"/applications/{ids['alice']}/test/essays/{ids['prompt']}",
    ):
        response = client.get(url)
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        html = response.get_data(as_text=True)
        import re

        for tag in re.findall(r"<script[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, tag
        assert meta_csrf(html)
