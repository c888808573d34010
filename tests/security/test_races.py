"""Finding 6 (races), on SQLite and PostgreSQL: the limit of 3 pending runs holds under 40 parallel requests, and a
draft saved from a stale tab is refused with both texts, never silently overwriting the newer one."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

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
    base = f"/applications/{ids['application']}/test"
    ids["run"] = f"{base}/problems/{ids['problem']}/run"
    ids["essay"] = f"{base}/essays/{ids['prompt']}/draft"
    ids["code"] = f"{base}/problems/{ids['problem']}/draft"
    return ids


def test_the_pending_run_limit_holds_under_40_parallel_requests(app, client, running):
    from assessment.models import Submission

    cookie = client.get_cookie("session").value
    barrier = threading.Barrier(40)
    statuses: list[int] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        browser = app.test_client()
        browser.set_cookie("session", cookie)
        barrier.wait()
        response = browser.post(
            running["run"],
            json={"language": "python", "source": f"print({i})", "mode": "samples"},
            headers={"X-CSRFToken": running["token"]},
        )
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(set(statuses)) == [202, 429], statuses
    assert statuses.count(202) == 3
    with app.extensions["assessment.db"].new_session() as s:
        assert s.scalar(select(func.count(Submission.id)).where(Submission.status != "done")) == 3
    busy = client.post(
        running["run"],
        json={"language": "python", "source": "print(0)", "mode": "samples"},
        headers={"X-CSRFToken": running["token"]},
    )
    assert busy.status_code == 429 and int(busy.headers["Retry-After"]) > 0


def save(client, running, url: str, tab: str, base: int, revision: int, **content):
    return client.post(
        url,
        json={"tab": tab, "base_revision": base, "revision": revision, **content},
        headers={"X-CSRFToken": running["token"]},
    )


@pytest.mark.parametrize("kind", ["essay", "code"])
def test_a_stale_tab_is_refused_with_both_texts_and_nothing_is_overwritten(app, client, running, kind):
    from assessment.models import CodeDraft, EssayAnswer

    url = running[kind]
    field = "text" if kind == "essay" else "source"
    extra = {} if kind == "essay" else {"language": "python"}
    model = EssayAnswer if kind == "essay" else CodeDraft

    def stored() -> str:
        with app.extensions["assessment.db"].new_session() as s:
            return getattr(s.scalar(select(model)), field)

    # Two tabs opened the page when nothing was saved (revision 0). The laptop tab saves first.
    first = save(client, running, url, "laptop", 0, 1, **{field: "Text typed in the laptop tab."}, **extra)
    assert first.status_code == 200 and first.get_json()["saved"] is True
    # The other tab, which never saw that text, saves: refused, with the saved text so the candidate can choose.
    stale = save(client, running, url, "tablet", 0, 1, **{field: "Text typed in the tablet tab."}, **extra)
    assert stale.status_code == 409
    body = stale.get_json()
    assert body["error"] == "conflict" and "another tab" in body["message"]
    assert body["theirs"][field] == "Text typed in the laptop tab." and body["theirs"]["revision"] == 1
    assert stored() == "Text typed in the laptop tab."
    # Retrying does not help: it is still refused (it is the candidate's choice, not a race to win).
    assert (
        save(client, running, url, "tablet", 0, 2, **{field: "Text typed in the tablet tab."}, **extra).status_code
        == 409
    )
    # The candidate keeps the tablet's text: a save on top of the revision they have now seen.
    kept = save(client, running, url, "tablet", 1, 3, **{field: "Text typed in the tablet tab."}, **extra)
    assert kept.status_code == 200 and kept.get_json()["saved"] is True
    assert stored() == "Text typed in the tablet tab."
    # Now the laptop tab is the stale one.
    assert save(client, running, url, "laptop", 1, 2, **{field: "More from the laptop."}, **extra).status_code == 409
    # A tab whose previous save reached the server but whose answer was lost (network) is not in conflict with
    # itself: it keeps saving on top of its own text.
    assert (
        save(client, running, url, "tablet", 1, 4, **{field: "Tablet, after a lost answer."}, **extra).get_json()[
            "saved"
        ]
        is True
    )
    assert stored() == "Tablet, after a lost answer."
    # An old request of that tab arriving late never overwrites its newer text.
    late = save(client, running, url, "tablet", 1, 3, **{field: "Text typed in the tablet tab."}, **extra)
    assert late.status_code == 200 and late.get_json()["saved"] is False
    assert stored() == "Tablet, after a lost answer."
