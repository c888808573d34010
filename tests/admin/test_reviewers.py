"""Admins create reviewer accounts (set-password email), assign and unassign them."""

import re

from sqlalchemy import select

from assessment.models import ReviewerAssignment, User
from tests.conftest import post_form
from tests.review import factories as f


def test_create_assign_set_password_unassign(app, s, make_user, new_client, settings, login):
    pos = f.position(s, "backend-intern")
    make_user("admin@example.org", role="admin")
    admin = new_client("admin@example.org")
    response = post_form(
        admin, "/admin/reviewers", {"email": "Grace@Example.org", "name": "Grace Hopper", "position_id": str(pos.id)}
    )
    assert response.status_code == 302
    grace = s.scalar(select(User).where(User.email == "grace@example.org"))
    assert grace.role == "reviewer" and grace.password_hash is None
    assert s.scalar(select(ReviewerAssignment).where(ReviewerAssignment.user_id == grace.id)).position_id == pos.id
    mails = f.mails_to(settings.outbox_dir, "grace@example.org")
    assert len(mails) == 1
    link = re.search(r"https?://\S+/review/welcome/\S+", mails[0]["body"]).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    c = app.test_client()
    form = c.get("/" + path)
    assert form.status_code == 200 and "Grace Hopper" in form.get_data(as_text=True)
    short = post_form(c, "/" + path, {"password": "short", "confirm": "short"})
    assert short.status_code == 400
    done = post_form(c, "/" + path, {"password": "a long enough password", "confirm": "a long enough password"})
    assert done.status_code == 302
    assert c.get("/" + path).status_code == 404  # single use
    login("grace@example.org", "a long enough password", c=c)
    assert "Backend Intern" in c.get("/review/").get_data(as_text=True)
    # Candidates' addresses cannot become reviewers; listing shows staff and assignments.
    f.candidate(s, pos, "cand@example.com")
    post_form(admin, "/admin/reviewers", {"email": "cand@example.com", "name": "X"})
    assert s.scalar(select(User).where(User.email == "cand@example.com")).role == "candidate"
    page = admin.get("/admin/reviewers").get_data(as_text=True)
    assert "Grace Hopper" in page and "Backend Intern" in page
    assert (
        post_form(admin, f"/admin/reviewers/{grace.id}/unassign/{pos.id}", {}, page="/admin/reviewers").status_code
        == 302
    )
    assert c.get("/review/positions/backend-intern/queue").status_code == 404
    assert (
        post_form(
            admin, f"/admin/reviewers/{grace.id}/assign", {"position_id": str(pos.id)}, page="/admin/reviewers"
        ).status_code
        == 302
    )
    assert c.get("/review/positions/backend-intern/queue").status_code == 200
    assert c.get("/review/positions/backend-intern/board").status_code == 403  # blind while grading is open
    # Reviewers cannot manage reviewers.
    assert c.get("/admin/reviewers").status_code == 403
