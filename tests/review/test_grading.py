"""Blind grading: queue assignment and reservations, blindness, hidden grades until submission, adjudication,
revisions in the audit log, closed grading."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from assessment.models import AuditEntry, EssayReview, utcnow
from tests.conftest import post_form
from tests.review import factories as f
from tests.review.conftest import grade_form


@pytest.fixture
def seeded(s):
    pos = f.position(s, "data-intern", coding=False, weight_essay=1.0)
    reviewers = [f.user(s, f"rev{i}@example.org", "reviewer", f"Reviewer {i}") for i in (1, 2, 3)]
    for r in reviewers:
        f.assign(s, r, pos)
    apps = [
        f.candidate(s, pos, "ada.lovelace@example.com", "Ada Lovelace"),
        f.candidate(s, pos, "alan.turing@example.com", "Alan Turing"),
    ]
    answers = [
        f.answer(s, apps[0], text="Caching taught me humility. " * 20),
        f.answer(s, apps[1], text="Queues fail in surprising ways. " * 20),
    ]
    return {"position": pos, "reviewers": reviewers, "apps": apps, "answers": answers}


def next_grade_page(c, slug):
    response = c.get(f"/review/positions/{slug}/queue/next")
    assert response.status_code == 302
    location = response.headers["Location"]
    if "/review/grade/" not in location:
        return None, None
    review_id = int(location.rstrip("/").rsplit("/", 1)[1])
    return review_id, c.get(location).get_data(as_text=True)


def submit(c, review_id, html, picks, comment=""):
    """picks: level index per criterion (in rubric order)."""
    form = grade_form(html)
    data = {f"criterion-{cid}": levels[pick] for (cid, levels), pick in zip(form.items(), picks, strict=True)}
    data["comment"] = comment
    return post_form(c, f"/review/grade/{review_id}", data, page=f"/review/grade/{review_id}")


def test_grading_page_is_blind(seeded, new_client):
    c = new_client("rev1@example.org")
    review_id, html = next_grade_page(c, "data-intern")
    assert review_id is not None
    html = re.sub(r'(name="csrf_token"[^>]*value|name="csrf-token" content)="[^"]*"', "", html)  # random tokens
    for needle in (
        "Ada",
        "Lovelace",
        "ada.lovelace",
        "Alan",
        "Turing",
        "alan.turing",
        "@example.com",
        "_CV",
        "cv.pdf",
        "/cv",
        "Example University",
        "application",
    ):
        if needle.isalpha():
            assert not re.search(rf"\b{needle}\b", html, re.I), needle
        else:
            assert needle.lower() not in html.lower(), needle
    app_ids = {str(a.id) for a in seeded["apps"]}
    assert "/applications/" not in html and not any(f"candidates/{i}" in html for i in app_ids)
    # The rubric with levels and points, the prompt and the text are there; the script comes from static/.
    assert "Clarity of reasoning" in html and "Strong" in html and "4.0 pts" in html
    assert "Describe a hard problem" in html
    assert "Caching taught me humility" in html or "Queues fail" in html
    assert 'src="/static/js/review-grade.js"' in html and "<script>" not in html
    assert "Keyboard" in html and "Ctrl" in html


def test_queue_hands_each_answer_to_n_distinct_graders(seeded, new_client, s):
    clients = [new_client(r.email) for r in seeded["reviewers"]]
    first, _ = next_grade_page(clients[0], "data-intern")
    again, _ = next_grade_page(clients[0], "data-intern")
    assert again == first  # an open reservation is handed back, not a second essay
    second, _ = next_grade_page(clients[1], "data-intern")
    third, _ = next_grade_page(clients[2], "data-intern")
    rows = {r.id: r for r in s.scalars(select(EssayReview))}
    # Fewest graders first: reviewer 2 gets the other essay; reviewer 3 completes the first.
    assert rows[first].answer_id != rows[second].answer_id
    assert rows[third].answer_id in (rows[first].answer_id, rows[second].answer_id)
    assert all(r.submitted_at is None for r in rows.values())
    # A 4th reviewer takes the last open slot (2 answers x 2 graders); a 5th gets nothing.
    for email in ("rev4@example.org", "rev5@example.org"):
        f.assign(s, f.user(s, email, "reviewer"), seeded["position"])
    fourth, _ = next_grade_page(new_client("rev4@example.org"), "data-intern")
    assert fourth is not None
    c5 = new_client("rev5@example.org")
    assert next_grade_page(c5, "data-intern") == (None, None)
    counts = {}
    for r in s.scalars(select(EssayReview)):
        counts[r.answer_id] = counts.get(r.answer_id, 0) + 1
    assert sorted(counts.values()) == [2, 2]
    # A reservation older than 30 minutes is released and handed to someone else.
    stale = s.get(EssayReview, first)
    stale_answer = stale.answer_id
    stale.reserved_at = utcnow() - timedelta(minutes=31)
    s.commit()
    s.expunge_all()
    review_id, _ = next_grade_page(c5, "data-intern")
    assert s.scalar(select(EssayReview).where(EssayReview.id == first)) is None
    assert s.get(EssayReview, review_id).answer_id == stale_answer


def test_grades_hidden_until_own_grade_submitted_then_adjudication(seeded, new_client, s):
    c1, c2, c3 = (new_client(r.email) for r in seeded["reviewers"])
    r1, html1 = next_grade_page(c1, "data-intern")
    r2, html2 = next_grade_page(c2, "data-intern")
    # Same essay for both: make reviewer 2 grade reviewer 1's essay by redirecting the reservation.
    review2 = s.get(EssayReview, r2)
    review1 = s.get(EssayReview, r1)
    if review2.answer_id != review1.answer_id:
        review2.answer_id = review1.answer_id
        s.commit()
        html2 = c2.get(f"/review/grade/{r2}").get_data(as_text=True)
    response = submit(c1, r1, html1, [2, 2, 3], comment="Thoughtful and well argued (R1).")
    assert response.status_code == 302 and "/queue/next" in response.headers["Location"]
    # Reviewer 2 has not submitted: reviewer 1's grade and comment are not on their page.
    html2 = c2.get(f"/review/grade/{r2}").get_data(as_text=True)
    assert "well argued (R1)" not in html2 and "Other reviewers" not in html2
    # Totals 10 vs 2 differ by more than 2 points -> flagged.
    assert submit(c2, r2, html2, [0, 1, 1], comment="Too thin (R2).").status_code == 302
    html2 = c2.get(f"/review/grade/{r2}").get_data(as_text=True)
    assert "well argued (R1)" in html2 and "Reviewer 1" in html2
    # Graders of the essay cannot adjudicate it; the third reviewer is handed the adjudication first.
    r3, html3 = next_grade_page(c3, "data-intern")
    adjudication = s.get(EssayReview, r3)
    assert adjudication.role == "adjudicator" and adjudication.answer_id == review1.answer_id
    assert "Adjudicate an essay" in html3 and "Too thin (R2)" not in html3
    for c in (c1, c2):
        rid, _ = next_grade_page(c, "data-intern")
        if rid is not None:
            assert s.get(EssayReview, rid).answer_id != review1.answer_id
            assert s.get(EssayReview, rid).role == "grader"
    assert submit(c3, r3, html3, [1, 1, 2]).status_code == 302
    # Aggregation: adjudicator's grade per criterion: (2 + 1 + 2) / 10.
    from assessment.selection.evidence import graded_answers

    s.expire_all()
    answer = s.get(type(seeded["answers"][0]), review1.answer_id)
    assert graded_answers(s, [answer])[answer.id].score == pytest.approx(0.5)


def test_revision_needs_a_reopen_is_audited_and_closed_grading_blocks_it(seeded, new_client, make_user, login, app, s):
    c1 = new_client("rev1@example.org")
    r1, html = next_grade_page(c1, "data-intern")
    assert submit(c1, r1, html, [1, 1, 1], comment="first").status_code == 302
    html = c1.get(f"/review/grade/{r1}").get_data(as_text=True)
    assert "Save changes" not in html and "is final" in html
    assert submit(c1, r1, html, [2, 1, 1], comment="second thoughts").status_code == 409  # final once submitted

    make_user("boss@example.org", role="admin")
    admin = app.test_client()
    login("boss@example.org", c=admin)
    application_id = s.get(EssayReview, r1).answer.attempt.application_id
    report = f"/review/positions/data-intern/candidates/{application_id}/report"
    assert (
        post_form(
            admin, f"/review/grades/{r1}/reopen", {"reason": "Reviewer asked: wrong level on clarity"}, page=report
        ).status_code
        == 302
    )
    html = c1.get(f"/review/grade/{r1}").get_data(as_text=True)
    assert "Save changes" in html and "wrong level on clarity" in html
    response = submit(c1, r1, html, [2, 1, 1], comment="second thoughts")
    assert response.status_code == 302
    entries = s.scalars(
        select(AuditEntry)
        .where(AuditEntry.target_type == "EssayReview", AuditEntry.target_id == r1)
        .order_by(AuditEntry.id)
    ).all()
    assert [e.action for e in entries] == ["review.submit", "review.reopen", "review.revise"]
    revise = entries[2].details
    assert revise["old_points"] == {"Clarity of reasoning": 2.0, "Use of evidence": 1.0, "Structure": 1.0}
    assert revise["new_points"] == {"Clarity of reasoning": 4.0, "Use of evidence": 1.0, "Structure": 1.0}
    assert (revise["old_total"], revise["new_total"]) == (4.0, 6.0)
    assert entries[2].actor_id == seeded["reviewers"][0].id

    assert (
        post_form(admin, f"/review/grades/{r1}/reopen", {"reason": "One more change, please"}, page=report).status_code
        == 302
    )
    assert (
        post_form(
            admin, "/admin/positions/data-intern/close-grading", {}, page="/review/positions/data-intern/board"
        ).status_code
        == 302
    )
    html = c1.get(f"/review/grade/{r1}").get_data(as_text=True)
    assert "Grading of this position is closed" in html
    form = grade_form(html)
    data = {f"criterion-{cid}": levels[0] for cid, levels in form.items()}
    from tests.conftest import csrf_token_from

    response = c1.post(f"/review/grade/{r1}", data={"csrf_token": csrf_token_from(html), "comment": "late", **data})
    assert response.status_code == 409
    s.expire_all()
    assert s.get(EssayReview, r1).total == 6.0
    assert c1.get("/review/positions/data-intern/queue/next").headers["Location"].endswith("/queue")


def test_incomplete_grade_is_refused(seeded, new_client, s):
    c1 = new_client("rev1@example.org")
    r1, html = next_grade_page(c1, "data-intern")
    form = grade_form(html)
    cid, levels = next(iter(form.items()))
    response = post_form(c1, f"/review/grade/{r1}", {f"criterion-{cid}": levels[0]}, page=f"/review/grade/{r1}")
    assert response.status_code == 400 and "Choose a level" in response.get_data(as_text=True)
    assert s.get(EssayReview, r1).submitted_at is None


def test_expired_and_taken_reservation_is_not_saved(seeded, new_client, s):
    c1 = new_client("rev1@example.org")
    r1, html = next_grade_page(c1, "data-intern")
    s.delete(s.get(EssayReview, r1))  # what expiry does when another reviewer needs the essay
    s.commit()
    form = grade_form(html)
    from tests.conftest import csrf_token_from

    data = {f"criterion-{cid}": levels[0] for cid, levels in form.items()}
    response = c1.post(f"/review/grade/{r1}", data={"csrf_token": csrf_token_from(html), **data})
    assert response.status_code == 302 and response.headers["Location"].endswith("/review/")
    assert "reservation of this essay expired" in c1.get("/review/").get_data(as_text=True)
