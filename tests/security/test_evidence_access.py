"""Who may see a position's statistics and replay a candidate's code, enforced by the server on every page and export,
on SQLite and PostgreSQL.

- Statistics (page, JSON, CSV) are closed to a grader while their grading of the position is open: they are built from
  the other graders' grades. After grading closes a grader sees them with their own offset only; every grader's
  offset by name is for administrators and deciders. Reviewers of other positions get 404, candidates 403.
- Code playback (the JSON the submission page replays, and the player on that page) follows the submission pages:
  administrators at any time, reviewers once their grading of the position is closed, nobody else."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from assessment.models import CodeDraft, CodeDraftSave, ReviewerAssignment, utcnow
from tests.review import factories as f
from tests.security.conftest import BACKENDS


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


SLUG = "vision-intern"
SOURCE_1 = "import sys\n"
SOURCE_2 = "import sys\nprint(sum(map(int, sys.stdin.read().split())))\n"


@pytest.fixture
def world(s):
    pos = f.position(s, SLUG, title="Vision Intern", prompts=1, problems=1)
    other = f.position(s, "audio-intern", title="Audio Intern", prompts=1, problems=0, coding=False, weight_essay=1.0)
    graders = [f.user(s, f"grader{i}@staff.org", "reviewer", f"Grader Number{i}") for i in (1, 2)]
    decider = f.user(s, "decider@staff.org", "reviewer", "Dana Decider")
    outsider = f.user(s, "outsider@staff.org", "reviewer", "Otto Outsider")
    f.user(s, "admin@staff.org", "admin", "Ann Admin")
    f.user(s, "cand@mail.example", "candidate", "Cora Candidate")
    for grader in graders:
        f.assign(s, grader, pos)
    f.assign(s, decider, pos)
    f.assign(s, outsider, other)
    assignment = s.scalar(select(ReviewerAssignment).where(ReviewerAssignment.user_id == decider.id))
    assignment.can_grade, assignment.can_decide = False, True
    apps = []
    for i, (first, second) in enumerate([([4, 3, 3], [2, 3, 3]), ([2, 1, 1], [2, 1, 2]), ([0, 0, 1], [4, 3, 3])]):
        app_row = f.candidate(s, pos, f"c{i}@mail.example", f"Candidate {i}")
        answer = f.answer(s, app_row)
        f.review(s, answer, graders[0], first)
        f.review(s, answer, graders[1], second)
        apps.append(app_row)
    sub = f.submission(s, apps[0], score=1.0, source=SOURCE_2)
    attempt = f.attempt_of(s, apps[0])
    draft = CodeDraft(attempt_id=attempt.id, problem_id=sub.problem_id, language="python", source=SOURCE_2, revision=2)
    s.add(draft)
    s.flush()
    started = attempt.started_at
    s.add(CodeDraftSave(draft_id=draft.id, revision=1, saved_at=started, text=SOURCE_1, size=len(SOURCE_1)))
    s.add(
        CodeDraftSave(
            draft_id=draft.id,
            revision=2,
            saved_at=utcnow(),
            head=len(SOURCE_1),
            tail=0,
            text=SOURCE_2[len(SOURCE_1) :],
            size=len(SOURCE_2),
            pasted=len(SOURCE_2) - len(SOURCE_1),
        )
    )
    s.commit()
    return {"position": pos.id, "application": apps[0].id, "submission": sub.id, "graders": graders}


def statistics_urls() -> list[str]:
    base = f"/review/positions/{SLUG}/statistics"
    return [base, base + ".json", base + ".csv"]


def playback_url(world) -> str:
    return f"/review/positions/{SLUG}/candidates/{world['application']}/submissions/{world['submission']}/playback.json"


def submission_url(world) -> str:
    return f"/review/positions/{SLUG}/candidates/{world['application']}/submissions/{world['submission']}"


def close_grading(s, world) -> None:
    from assessment.models import Position

    s.get(Position, world["position"]).grading_closed_at = utcnow()
    s.commit()


def offsets_in_json(client) -> set[str]:
    data = client.get(f"/review/positions/{SLUG}/statistics.json").get_json()
    return {o["name"] for o in data["essays"]["position"]["grader_offsets"]}


def test_statistics_are_closed_to_a_grader_while_grading_is_open(world, signed_in):
    grader = signed_in("grader1@staff.org")
    for url in statistics_urls():
        response = grader.get(url)
        assert response.status_code == 403, url
        assert b"Grader Number2" not in response.data
    assert b"/statistics" not in grader.get("/review").data  # no link to what is closed
    for url in statistics_urls():
        assert signed_in("outsider@staff.org").get(url).status_code == 404, url
        assert signed_in("cand@mail.example").get(url).status_code == 403, url


def test_administrators_and_deciders_see_every_graders_offset_by_name(world, signed_in):
    for email in ("admin@staff.org", "decider@staff.org"):
        client = signed_in(email)
        for url in statistics_urls():
            assert client.get(url).status_code == 200, (email, url)
        assert offsets_in_json(client) == {"Grader Number1", "Grader Number2"}
        page = client.get(f"/review/positions/{SLUG}/statistics").get_data(as_text=True)
        assert "Grader Number1" in page and "Grader Number2" in page and 'id="own-offset-only"' not in page


def test_after_grading_closes_a_grader_sees_the_statistics_with_only_their_own_offset(s, world, signed_in):
    close_grading(s, world)
    grader = signed_in("grader1@staff.org")
    for url in statistics_urls():
        assert grader.get(url).status_code == 200, url
    assert offsets_in_json(grader) == {"Grader Number1"}
    page = grader.get(f"/review/positions/{SLUG}/statistics").get_data(as_text=True)
    assert "Grader Number2" not in page and 'id="own-offset-only"' in page
    rows = list(
        csv.DictReader(io.StringIO(grader.get(f"/review/positions/{SLUG}/statistics.csv").get_data(as_text=True)))
    )
    offsets = [r["statistic"] for r in rows if r["statistic"].startswith("grader offset")]
    assert offsets and all(name == "grader offset: Grader Number1" for name in offsets)
    assert signed_in("outsider@staff.org").get(statistics_urls()[1]).status_code == 404


def test_code_playback_follows_the_submission_pages(s, world, signed_in):
    grader = signed_in("grader1@staff.org")
    assert grader.get(playback_url(world)).status_code == 403
    assert grader.get(submission_url(world)).status_code == 403
    assert signed_in("outsider@staff.org").get(playback_url(world)).status_code == 404
    assert signed_in("cand@mail.example").get(playback_url(world)).status_code == 403

    admin = signed_in("admin@staff.org")
    page = admin.get(submission_url(world)).get_data(as_text=True)
    assert 'id="playback"' in page and "playback.json" in page
    data = admin.get(playback_url(world)).get_json()
    (draft,) = data["drafts"]
    first, second = draft["frames"]
    assert first["text"] == SOURCE_1
    assert second["at"] == len(SOURCE_1) and second["del"] == 0 and second["ins"] == SOURCE_2[len(SOURCE_1) :]
    assert second["pasted"] == len(SOURCE_2) - len(SOURCE_1)
    assert [m["id"] for m in data["submissions"]] == [world["submission"]]
    # a submission of another candidate's attempt is not found through this candidate
    other = f"/review/positions/{SLUG}/candidates/{world['application'] + 1}/submissions/{world['submission']}/playback.json"
    assert admin.get(other).status_code == 404

    close_grading(s, world)
    assert grader.get(playback_url(world)).status_code == 200
    assert 'id="playback"' in grader.get(submission_url(world)).get_data(as_text=True)
