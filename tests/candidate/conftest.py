"""Fixtures of the candidate pages' tests."""

from __future__ import annotations

import pytest

from tests.candidate.attempt_helpers import make_application, make_test_position, start


@pytest.fixture
def two_candidates(app, tmp_path, make_user, login, client):
    ids = make_test_position(app, tmp_path)
    make_user("alice@example.com")
    make_user("bob@example.com")
    ids["alice"] = make_application(app, "alice@example.com", ids["position"])
    ids["bob"] = make_application(app, "bob@example.com", ids["position"])
    login("alice@example.com")
    ids["alice_token"] = start(client, ids["alice"])
    bob = app.test_client()
    login("bob@example.com", c=bob)
    ids["bob_client"] = bob
    ids["bob_token"] = start(bob, ids["bob"])
    return ids
