"""Finding 6 (sign-in): the same work for unknown and known emails, limits per account and per address so that a
test centre of 200 candidates behind one address gets in, and a 429 page and JSON that say when to retry."""

from __future__ import annotations

import hashlib
import re

from werkzeug.security import generate_password_hash

from tests.conftest import csrf_token_from
from tests.security.conftest import CHEAP_HASH_METHOD, PASSWORD, post_form


def attempt(client, email: str, password: str, **kwargs):
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token}, **kwargs)


def test_unknown_and_known_emails_cost_the_same_hash_work(client, make_user, monkeypatch):
    make_user("known@example.com")
    calls = []
    real = hashlib.scrypt

    def counting(*args, **kwargs):
        calls.append((kwargs.get("n"), kwargs.get("r"), kwargs.get("p")))
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counting)
    known = attempt(client, "known@example.com", "a wrong password")
    work_known, calls[:] = list(calls), []
    unknown = attempt(client, "nobody@example.com", "a wrong password")
    work_unknown = list(calls)
    assert work_known and work_unknown == work_known  # one check with the same cost parameters
    assert known.status_code == unknown.status_code == 200
    strip = lambda r: re.sub(r'value="[^"]+"', "", r.get_data(as_text=True))  # noqa: E731
    assert strip(known) == strip(unknown)  # and the same answer


def test_a_test_centre_of_200_candidates_behind_one_address_signs_in(app, client):
    from assessment.models import User, utcnow

    cheap = generate_password_hash(PASSWORD, method=CHEAP_HASH_METHOD)  # seeding 200 accounts quickly
    with app.extensions["assessment.db"].new_session() as s:
        s.add_all(
            [
                User(
                    email=f"c{i}@centre.example",
                    name=f"C{i}",
                    role="candidate",
                    password_hash=cheap,
                    email_confirmed_at=utcnow(),
                )
                for i in range(200)
            ]
        )
        s.commit()
    statuses = []
    for i in range(200):
        browser = app.test_client()  # every candidate's own browser, all from 127.0.0.1
        if i % 4 == 0:  # a quarter of them mistype their password first
            statuses.append(attempt(browser, f"c{i}@centre.example", "typo " + PASSWORD).status_code)
        statuses.append(attempt(browser, f"c{i}@centre.example", PASSWORD).status_code)
    assert 429 not in statuses
    assert statuses.count(302) == 200


def test_one_accounts_failures_lock_only_that_account_and_the_429_says_when(app, client, make_user):
    make_user("target@example.com")
    make_user("neighbour@example.com")
    statuses = [attempt(client, "target@example.com", f"guess {i}").status_code for i in range(10)]
    assert statuses == [200] * 10
    limited = attempt(client, "target@example.com", PASSWORD)
    assert limited.status_code == 429
    retry = int(limited.headers["Retry-After"])
    assert 0 < retry <= 15 * 60
    page = limited.get_data(as_text=True)
    waited = re.search(r"try again in (\d+) (second|minute)", page)
    assert waited, page
    shown = int(waited.group(1)) * (60 if waited.group(2) == "minute" else 1)
    assert abs(shown - retry) <= 60
    as_json = attempt(client, "target@example.com", PASSWORD, headers={"Accept": "application/json"})
    assert as_json.status_code == 429 and as_json.get_json()["retry_after"] > 0
    assert "try again" in as_json.get_json()["message"]
    # Someone else at the same address is not locked out.
    assert attempt(app.test_client(), "neighbour@example.com", PASSWORD).status_code == 302


def test_the_address_limit_still_stops_a_guessing_run_across_accounts(app, settings):
    settings.signin_address_limit = "20 per minute"  # lowered so that the test stays short
    browser = app.test_client()
    statuses = [attempt(browser, f"victim{i}@example.com", "guess").status_code for i in range(21)]
    assert statuses[:20] == [200] * 20 and statuses[20] == 429
    forms = post_form(browser, "/password/forgot", {"email": "someone@example.com"})
    assert forms.status_code == 200  # other forms have their own allowance
