"""Finding 3: blind grading is enforced by the server, on SQLite and PostgreSQL.

While a reviewer's grading of a position is open, no page or JSON endpoint they can reach shows a candidate's name,
email or CV; afterwards they see candidates only as stable per-position pseudonyms unless they may decide. Submitted
grades are final except through adjudication or an audited reopen by an administrator. Deciding is a separate
permission from grading."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from sqlalchemy import select

from tests.review import factories as f
from tests.review.conftest import grade_form
from tests.security.conftest import BACKENDS, post_form, strip_tokens


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


NAMES = {"ada": "Ada Lovelace", "grace": "Grace Hopper", "alan": "Alan Turing"}


@pytest.fixture
def world(s):
    """A position with essays and code, three candidates, two graders, a decider and an administrator."""
    pos = f.position(s, "ml-intern", title="ML Intern", prompts=2, problems=1)
    other = f.position(s, "audio-intern", title="Audio Intern", prompts=1, problems=0, coding=False, weight_essay=1.0)
    graders = [f.user(s, f"grader{i}@staff.org", "reviewer", f"Grader {i}") for i in (1, 2)]
    decider = f.user(s, "decider@staff.org", "reviewer", "Dana Decider")
    f.user(s, "admin@staff.org", "admin", "Ann Admin")
    for grader in graders + [decider]:
        f.assign(s, grader, pos)
    f.assign(s, graders[0], other)
    apps, answers = {}, []
    for key, name in NAMES.items():
        app = f.candidate(s, pos, f"{key}.private@mail.example", name)
        app.institution = f"{name.split()[1]} Institute of Technology"
        s.commit()
        apps[key] = app
        answers += [
            f.answer(s, app, 0, text=f"My first essay about pipelines, number {app.id}. " * 15),
            f.answer(s, app, 1, text=f"My second essay about evaluation, number {app.id}. " * 15),
        ]
        f.submission(s, app, score=0.5 if key == "alan" else 1.0)
    # Ada also applied to the audio position (her pseudonym there is another one).
    from assessment.models import Application, Attempt, utcnow

    ada_user = s.get(type(graders[0]), apps["ada"].user_id)
    audio_app = Application(user_id=ada_user.id, position_id=other.id, institution="Lovelace Institute")
    s.add(audio_app)
    s.flush()
    s.add(Attempt(application_id=audio_app.id, started_at=utcnow(), deadline_at=utcnow(), finished_at=utcnow()))
    s.commit()
    f.answer(s, audio_app, 0, text="Audio essay text. " * 20)
    # Grader 2 already graded one essay; grader 1 graded none yet. Decisions exist with notes naming people.
    f.review(s, answers[0], graders[1], [4, 3, 3], comment="Solid reasoning.")
    from assessment.models import Decision

    s.add(
        Decision(
            application_id=apps["grace"].id, decision="shortlist", note="Grace Hopper: invite", decided_by_id=decider.id
        )
    )
    s.commit()
    return {
        "position": pos,
        "other": other,
        "apps": apps,
        "answers": answers,
        "audio_app": audio_app,
        "decider": decider,
    }


def grant(admin, user_id: int, position_id: int, *, grade: bool, decide: bool):
    """An administrator sets a reviewer's permissions for a position on the reviewers page."""
    data = {key: "y" for key, on in (("can_grade", grade), ("can_decide", decide)) if on}
    response = post_form(admin, f"/admin/reviewers/{user_id}/permissions/{position_id}", data, page="/admin/reviewers")
    assert response.status_code == 302


def identities(world) -> list[str]:
    """What must never reach a blind reviewer: names (each part), emails, institutions, CV file names and links."""
    needles = []
    for key, name in NAMES.items():
        needles += name.split() + [f"{key}.private@mail.example", f"{name.split()[1]} Institute"]
        needles.append(f"{name.replace(' ', '_')}_CV.pdf")
    return needles


def leaks(body: str, needles: list[str]) -> list[str]:
    found = [n for n in needles if re.search(rf"(?<![A-Za-z]){re.escape(n)}(?![A-Za-z])", body)]
    if re.search(r"/cv/\d+", body):
        found.append("a CV link")
    return found


def reachable_urls(app, world, client) -> list[str]:
    """Every GET route of the app with its parameters filled in with every id and slug that exists, plus every link
    found on the pages (a crawl from the reviewer's home page)."""
    from assessment.models import EssayPrompt, EssayReview, Problem, Submission, User

    with app.extensions["assessment.db"].new_session() as s:
        values = {
            "slug": ["ml-intern", "audio-intern"],
            "application_id": [a.id for a in world["apps"].values()] + [world["audio_app"].id],
            "review_id": list(s.scalars(select(EssayReview.id))),
            "submission_id": list(s.scalars(select(Submission.id))),
            "submission_a": list(s.scalars(select(Submission.id))),
            "submission_b": list(s.scalars(select(Submission.id))),
            "problem_id": list(s.scalars(select(Problem.id))),
            "prompt_id": list(s.scalars(select(EssayPrompt.id))),
            "user_id": list(s.scalars(select(User.id))),
            "invitation_id": [1],
            "token": ["x"],
        }
    urls: list[str] = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        combos = [{}]
        for arg in rule.arguments:
            combos = [dict(c, **{arg: v}) for c in combos for v in values.get(arg, [1])]
        for combo in combos:
            built = rule.build(combo, append_unknown=False)
            if built is not None:
                urls.append(built[1])
    return sorted(set(urls))


def walk(app, client, world, start: str = "/review/") -> dict[str, str]:
    """GET every reachable URL (routes filled with every id, then links found on the pages); path -> body."""
    bodies: dict[str, str] = {}
    queue = deque([start] + reachable_urls(app, world, client))
    while queue:
        url = queue.popleft()
        path = urlsplit(url).path
        if path in bodies or path in ("/logout",):
            continue
        response = client.get(url)
        body = response.get_data().decode("utf-8", "replace")  # /favicon.ico is not text; every body is searched
        bodies[path] = strip_tokens(body)
        if response.status_code == 200 and "html" in response.content_type:
            for link in re.findall(r'(?:href|src|action|data-[a-z-]+-url)="([^"#]+)"', body):
                target = urljoin("http://localhost" + path, link)
                parts = urlsplit(target)
                if parts.netloc == "localhost" and not parts.path.startswith("/static/"):
                    queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return bodies


def test_a_grader_reaches_no_identity_while_grading_is_open(app, world, signed_in):
    grader = signed_in("grader1@staff.org")
    # They are in the middle of grading: one essay reserved.
    assert grader.get("/review/positions/ml-intern/queue/next").status_code == 302
    bodies = walk(app, grader, world)
    assert len(bodies) > 40, sorted(bodies)
    needles = identities(world)
    problems = {path: leaks(body, needles) for path, body in bodies.items()}
    assert {path: found for path, found in problems.items() if found} == {}
    # The essay pages themselves were reached (the walk is not vacuous).
    assert any("My first essay about pipelines" in b or "My second essay" in b for b in bodies.values())
    # Identity pages are refused outright, not emptied.
    for path in (
        "/review/positions/ml-intern/board",
        "/review/positions/ml-intern/board.csv",
        f"/review/positions/ml-intern/candidates/{world['apps']['ada'].id}",
        f"/review/positions/ml-intern/candidates/{world['apps']['ada'].id}/report",
        "/review/positions/ml-intern/similarity",
    ):
        assert grader.get(path).status_code == 403, path
    assert grader.get(f"/cv/{world['apps']['ada'].id}").status_code == 404


def test_after_grading_reviewers_see_stable_pseudonyms_not_identities(app, world, signed_in, s):
    admin = signed_in("admin@staff.org")
    assert (
        post_form(
            admin, "/admin/positions/ml-intern/close-grading", {}, page="/review/positions/ml-intern/board"
        ).status_code
        == 302
    )
    grader = signed_in("grader1@staff.org")
    ada = world["apps"]["ada"]
    board = grader.get("/review/positions/ml-intern/board")
    assert board.status_code == 200
    needles = identities(world)
    pages = {
        "board": board.get_data(as_text=True),
        "csv": grader.get("/review/positions/ml-intern/board.csv").get_data(as_text=True),
        "candidate": grader.get(f"/review/positions/ml-intern/candidates/{ada.id}").get_data(as_text=True),
        "report": grader.get(f"/review/positions/ml-intern/candidates/{ada.id}/report").get_data(as_text=True),
        "similarity": grader.get("/review/positions/ml-intern/similarity").get_data(as_text=True),
    }
    for name, body in pages.items():
        assert leaks(body, needles) == [], name
    s.refresh(ada)
    label = f"Candidate {ada.pseudonym}"
    for name in ("board", "csv", "candidate", "report"):
        assert label in pages[name], name  # the same pseudonym everywhere in the position
    assert "invite" not in pages["board"]  # decision notes may name people
    assert grader.get(f"/cv/{ada.id}").status_code == 404
    # The same person has another pseudonym in another position.
    s.refresh(world["audio_app"])
    assert world["audio_app"].pseudonym != ada.pseudonym
    # Administrators and deciders see who the candidates are.
    assert "Ada Lovelace" in admin.get("/review/positions/ml-intern/board").get_data(as_text=True)
    grant(admin, world["decider"].id, world["position"].id, grade=False, decide=True)
    decider = signed_in("decider@staff.org")
    assert "Ada Lovelace" in decider.get("/review/positions/ml-intern/board").get_data(as_text=True)
    assert decider.get(f"/cv/{ada.id}").status_code in (200, 404)  # allowed; the seeded CV file does not exist


def submit_grade(client, review_id: int, picks: list[int], comment: str = ""):
    html = client.get(f"/review/grade/{review_id}").get_data(as_text=True)
    form = grade_form(html)
    data = {f"criterion-{cid}": levels[pick] for (cid, levels), pick in zip(form.items(), picks, strict=False)}
    data["comment"] = comment
    return post_form(client, f"/review/grade/{review_id}", data, page=f"/review/grade/{review_id}")


def test_a_submitted_grade_is_final_unless_an_administrator_reopens_it(app, world, signed_in, s):
    from assessment.models import AuditEntry, EssayReview

    grader = signed_in("grader1@staff.org")
    location = grader.get("/review/positions/ml-intern/queue/next").headers["Location"]
    review_id = int(location.rstrip("/").rsplit("/", 1)[1])
    assert submit_grade(grader, review_id, [2, 2, 3]).status_code == 302
    page = grader.get(f"/review/grade/{review_id}").get_data(as_text=True)
    assert "final" in page.lower() and 'id="submit-grade"' not in page
    # Changing it afterwards (after seeing the other grades) is refused and changes nothing.
    refused = submit_grade(grader, review_id, [0, 0, 0])
    assert refused.status_code == 409
    s.expire_all()
    assert s.get(EssayReview, review_id).total == 10.0

    admin = signed_in("admin@staff.org")
    application_id = s.get(EssayReview, review_id).answer.attempt.application_id
    ada_report = f"/review/positions/ml-intern/candidates/{application_id}/report"
    assert post_form(admin, f"/review/grades/{review_id}/reopen", {"reason": ""}, page=ada_report).status_code == 400
    assert (
        post_form(
            admin,
            f"/review/grades/{review_id}/reopen",
            {"reason": "Clicked the wrong level on criterion 1"},
            page=ada_report,
        ).status_code
        == 302
    )
    assert submit_grade(signed_in("grader2@staff.org"), review_id, [0, 0, 0]).status_code in (403, 404)  # not theirs
    assert submit_grade(grader, review_id, [1, 2, 3]).status_code == 302
    s.expire_all()
    assert s.get(EssayReview, review_id).total == 8.0
    assert submit_grade(grader, review_id, [0, 0, 0]).status_code == 409  # final again
    actions = [
        e.action
        for e in s.scalars(
            select(AuditEntry)
            .where(AuditEntry.target_type == "EssayReview", AuditEntry.target_id == review_id)
            .order_by(AuditEntry.id)
        )
    ]
    assert actions == ["review.submit", "review.reopen", "review.revise"]
    reopen = s.scalar(select(AuditEntry).where(AuditEntry.action == "review.reopen"))
    assert reopen.details["reason"] == "Clicked the wrong level on criterion 1" and reopen.actor_id is not None


def test_deciding_is_a_separate_permission_from_grading(app, world, signed_in, s):
    from assessment.models import Decision, ReviewerAssignment, User

    alan = world["apps"]["alan"]
    url = f"/review/positions/ml-intern/candidates/{alan.id}/decision"
    grader = signed_in("grader2@staff.org")
    response = grader.post(url, data={"decision": "reject", "note": "", "csrf_token": _token(grader)})
    assert response.status_code == 403
    assert s.scalar(select(Decision).where(Decision.application_id == alan.id)) is None
    admin = signed_in("admin@staff.org")
    grant(admin, world["decider"].id, world["position"].id, grade=False, decide=True)

    decider = signed_in("decider@staff.org")
    assert decider.post(url, data={"decision": "hold", "note": "", "csrf_token": _token(decider)}).status_code == 302
    s.expire_all()
    assert s.scalar(select(Decision).where(Decision.application_id == alan.id)).decision == "hold"

    # The same page gives a grader the permission too; grading and deciding stay separate flags.
    grader2 = s.scalar(select(User).where(User.email == "grader2@staff.org"))
    position_id = world["position"].id
    grant(admin, grader2.id, position_id, grade=True, decide=True)
    s.expire_all()
    assignment = s.scalar(
        select(ReviewerAssignment).where(
            ReviewerAssignment.user_id == grader2.id, ReviewerAssignment.position_id == position_id
        )
    )
    assert assignment.can_grade and assignment.can_decide
    # A grader who may decide still decides only once their grading is over (grading closed): until then the
    # decision pages would show who wrote the essays.
    assert grader.post(url, data={"decision": "reject", "note": "", "csrf_token": _token(grader)}).status_code == 403


def _token(client) -> str:
    from tests.conftest import csrf_token_from

    return csrf_token_from(client.get("/review/").get_data(as_text=True))
