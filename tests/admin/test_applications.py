"""The admin's applications page: listing with CV links, releasing tests (single and bulk), extra test time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.candidate.account_helpers import apply, audit_entries, mails_to, make_position, post_form


@pytest.fixture
def setup(app, make_user, login):
    """An on_release position with three applications and a signed-in admin client."""
    make_position(app, "backend", unlock="on_release")
    for name in ("ann", "ben", "cat"):
        make_user(f"{name}@example.com", name=name.title())
        c = app.test_client()
        login(f"{name}@example.com", c=c)
        assert apply(c).status_code == 302
    make_user("admin@example.com", role="admin", name="Ada Admin")
    admin = app.test_client()
    login("admin@example.com", c=admin)
    return admin


def rows(app):
    from assessment.models import Application, User

    with app.extensions["assessment.db"].new_session() as s:
        result = s.execute(select(User.name, Application).join(Application, Application.user_id == User.id)).all()
        return {name.lower(): application for name, application in result}


def test_the_list_shows_applications_with_cv_links(app, setup):
    page = setup.get("/admin/positions/backend/applications")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for application in rows(app).values():
        assert f'href="/cv/{application.id}"' in html
        assert f'id="select-{application.id}"' in html
    assert "Ann" in html and "ben@example.com" in html and "DTU" in html
    assert "Release the test to all selected" in html
    position_page = setup.get("/admin/positions/backend").get_data(as_text=True)
    assert 'href="/admin/positions/backend/applications"' in position_page
    assert 'href="/admin/positions/backend/invitations"' in position_page


def test_release_selected_and_single(app, settings, setup):
    apps = rows(app)
    response = post_form(
        setup,
        "/admin/positions/backend/applications",
        {"selected": [str(apps["ann"].id), str(apps["ben"].id)]},
        post_url="/admin/positions/backend/applications/release",
        follow_redirects=True,
    )
    assert "Test released to 2 candidates" in response.get_data(as_text=True)
    apps = rows(app)
    assert apps["ann"].test_released_at and apps["ben"].test_released_at and apps["cat"].test_released_at is None
    for name in ("ann", "ben"):
        assert mails_to(settings, f"{name}@example.com")[-1]["subject"].startswith("Your test for")
    assert not any(m["subject"].startswith("Your test for") for m in mails_to(settings, "cat@example.com"))

    post_form(
        setup,
        "/admin/positions/backend/applications",
        {"single": str(apps["cat"].id)},
        post_url="/admin/positions/backend/applications/release",
    )
    assert rows(app)["cat"].test_released_at is not None
    # releasing again sends nothing more
    post_form(
        setup,
        "/admin/positions/backend/applications",
        {"single": str(apps["cat"].id)},
        post_url="/admin/positions/backend/applications/release",
    )
    assert len([m for m in mails_to(settings, "cat@example.com") if m["subject"].startswith("Your test for")]) == 1
    entries = audit_entries(app, "application.release_test")
    assert len(entries) == 3 and all(e.actor_id is not None for e in entries)


def test_extra_time_before_the_attempt_is_stored_and_audited(app, setup):
    apps = rows(app)
    url = f"/admin/applications/{apps['ann'].id}/extra-time"
    response = post_form(
        setup,
        "/admin/positions/backend/applications",
        {"amount": "+25 %", "unit": "percent"},
        post_url=url,
        follow_redirects=True,
    )
    assert "15 min extra when they start" in response.get_data(as_text=True)  # 25 % of 60 minutes
    post_form(setup, "/admin/positions/backend/applications", {"amount": "10", "unit": "minutes"}, post_url=url)
    assert rows(app)["ann"].extra_seconds == 25 * 60
    first, second = audit_entries(app, "application.extra_time")
    assert first.details["seconds"] == 900 and first.details["unit"] == "percent"
    assert second.details["seconds"] == 600 and second.details["pending_total"] == 1500
    admin_id = first.actor_id
    assert admin_id is not None and first.at is not None and first.target_id == apps["ann"].id


def test_extra_time_on_a_running_attempt_moves_the_deadline(app, setup):
    from assessment.models import Attempt, utcnow

    apps = rows(app)
    now = utcnow()
    with app.extensions["assessment.db"].new_session() as s:
        s.add(Attempt(application_id=apps["ben"].id, started_at=now, deadline_at=now + timedelta(minutes=60)))
        s.commit()
    post_form(
        setup,
        "/admin/positions/backend/applications",
        {"amount": "15", "unit": "minutes"},
        post_url=f"/admin/applications/{apps['ben'].id}/extra-time",
    )
    with app.extensions["assessment.db"].new_session() as s:
        attempt = s.scalar(select(Attempt))
        assert attempt.extra_seconds == 900
        assert attempt.deadline_at == now + timedelta(minutes=75)
    [entry] = audit_entries(app, "attempt.extra_time")
    assert entry.details["seconds"] == 900 and entry.actor_id is not None


@pytest.mark.parametrize(
    "amount, unit, message",
    [
        ("", "minutes", "as a number"),
        ("-5", "minutes", "more than zero"),
        ("abc", "percent", "as a number"),
        ("1000", "minutes", "At most 600 minutes"),
        ("10", "hours", "minutes or percent"),
    ],
)
def test_bad_extra_time_changes_nothing(app, setup, amount, unit, message):
    apps = rows(app)
    response = post_form(
        setup,
        "/admin/positions/backend/applications",
        {"amount": amount, "unit": unit},
        post_url=f"/admin/applications/{apps['ann'].id}/extra-time",
        follow_redirects=True,
    )
    assert message in response.get_data(as_text=True)
    assert rows(app)["ann"].extra_seconds is None
    assert audit_entries(app, "application.extra_time") == []


def test_admin_posts_require_csrf(app, setup):
    apps = rows(app)
    assert (
        setup.post("/admin/positions/backend/applications/release", data={"single": str(apps["ann"].id)}).status_code
        == 400
    )
    assert (
        setup.post(
            f"/admin/applications/{apps['ann'].id}/extra-time", data={"amount": "5", "unit": "minutes"}
        ).status_code
        == 400
    )
    assert rows(app)["ann"].test_released_at is None and rows(app)["ann"].extra_seconds is None


def test_only_admins_see_the_applications(app, setup, make_user, login):
    make_user("rev@example.com", role="reviewer")
    reviewer = app.test_client()
    login("rev@example.com", c=reviewer)
    assert reviewer.get("/admin/positions/backend/applications").status_code == 403
    assert setup.get("/admin/positions/nope/applications").status_code == 404
