"""Applying: the application window, the CV checks and storage, CV download rights, unlocking and the dashboard."""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import timedelta

from sqlalchemy import select

from tests.candidate.account_helpers import (
    PNG,
    application_form,
    apply,
    audit_entries,
    mails_to,
    make_position,
    post_form,
    tiny_pdf,
)
from tests.conftest import csrf_token_from


def candidate(app, make_user, login, email="cand@example.com"):
    make_user(email, name="Cara Candidate")
    c = app.test_client()
    login(email, c=c)
    return c


def applications(app):
    from assessment.models import Application

    with app.extensions["assessment.db"].new_session() as s:
        return list(s.scalars(select(Application).order_by(Application.id)).all())


def test_apply_inside_the_window_stores_the_cv_safely(app, settings, make_user, login):
    make_position(app, "backend", unlock="on_apply")
    c = candidate(app, make_user, login)
    form = c.get("/positions/backend/apply").get_data(as_text=True)
    for label in ("Phone number", "Highest education level", "Institution", "Graduation year", "CV (PDF)"):
        assert label in form
    assert 'enctype="multipart/form-data"' in form and "<legend>" in form

    pdf = tiny_pdf()
    response = apply(c, pdf=pdf, filename="My CV.pdf")
    assert response.status_code == 302 and response.headers["Location"].endswith("/me")
    [application] = applications(app)
    assert application.phone == "+45 12 34 56 78" and application.education_level == "master"
    assert application.institution == "DTU" and application.graduation_year == 2022
    assert application.cv_sha256 == hashlib.sha256(pdf).hexdigest() and application.cv_size == len(pdf)
    assert application.cv_original_name == "My CV.pdf"
    stored = settings.cv_dir / application.cv_path
    assert stored.read_bytes() == pdf
    assert stat.S_IMODE(os.stat(stored).st_mode) == 0o600
    assert application.cv_path != "My CV.pdf" and len(application.cv_path) == 36  # random hex name
    assert audit_entries(app, "application.created")[0].details["cv_sha256"] == application.cv_sha256


def test_one_application_per_position_but_several_positions(app, make_user, login):
    make_position(app, "backend")
    make_position(app, "frontend", title="Frontend Engineer")
    c = candidate(app, make_user, login)
    assert apply(c, "backend").status_code == 302
    again = c.get("/positions/backend/apply")
    assert again.status_code == 302 and again.headers["Location"].endswith("/me")
    assert apply(c, "backend").status_code == 302
    assert apply(c, "frontend").status_code == 302
    assert sorted(a.position.slug for a in _with_positions(app)) == ["backend", "frontend"]


def _with_positions(app):
    from sqlalchemy.orm import selectinload

    from assessment.models import Application

    with app.extensions["assessment.db"].new_session() as s:
        return list(s.scalars(select(Application).options(selectinload(Application.position))).all())


def test_applying_outside_the_window_is_refused_with_a_clear_message(app, make_user, login):
    from assessment.models import utcnow

    now = utcnow()
    make_position(app, "early", open_now=False, opens=now + timedelta(days=2), closes=now + timedelta(days=9))
    make_position(app, "late", open_now=False, opens=now - timedelta(days=9), closes=now - timedelta(hours=1))
    c = candidate(app, make_user, login)
    early = c.get("/positions/early/apply").get_data(as_text=True)
    assert "Applications for Backend Engineer open on" in early and 'name="phone"' not in early
    late = c.get("/positions/late/apply").get_data(as_text=True)
    assert "closed on" in late and 'name="phone"' not in late

    for slug in ("early", "late"):
        token = csrf_token_from(c.get("/me").get_data(as_text=True))
        data = {**application_form(), "csrf_token": token}
        response = c.post(f"/positions/{slug}/apply", data=data, content_type="multipart/form-data")
        assert response.status_code == 403
        assert "Applications for" in response.get_data(as_text=True)
    assert applications(app) == []


def test_a_png_named_pdf_is_refused(app, settings, make_user, login):
    make_position(app, "backend")
    c = candidate(app, make_user, login)
    response = apply(c, pdf=PNG, filename="cv.pdf")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "not a PDF" in html
    assert applications(app) == [] and list(settings.cv_dir.iterdir()) == []
    # and a truncated PDF
    truncated = apply(c, pdf=tiny_pdf()[:-40], filename="cv.pdf")
    assert truncated.status_code == 400 and "incomplete or damaged" in truncated.get_data(as_text=True)
    # and a password-protected one
    encrypted = tiny_pdf().replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 6 0 R")
    locked = apply(c, pdf=encrypted, filename="cv.pdf")
    assert locked.status_code == 400 and "password-protected" in locked.get_data(as_text=True)
    assert applications(app) == []


def test_an_oversized_cv_gets_a_friendly_page(app, settings, make_user, login):
    make_position(app, "backend")
    c = candidate(app, make_user, login)
    pdf = tiny_pdf()
    # over the request limit: refused before the body is parsed
    huge = pdf[:-6] + b"\n" + b"0" * (settings.cv_max_bytes + 600 * 1024) + b"\n%%EOF\n"
    response = apply(c, pdf=huge)
    html = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "larger than 5 MB" in html and "Request Entity Too Large" not in html
    assert 'name="phone"' in html  # the form is shown again
    # just over the CV limit but under the request limit: checked in the form
    big = pdf[:-6] + b"\n" + b"0" * (settings.cv_max_bytes + 1) + b"\n%%EOF\n"
    response = apply(c, pdf=big)
    assert response.status_code == 400 and "larger than 5 MB" in response.get_data(as_text=True)
    assert applications(app) == [] and list(settings.cv_dir.iterdir()) == []


def test_apply_page_for_visitors_and_staff(app, client, make_user, login):
    make_position(app, "backend")
    visitor = client.get("/positions/backend/apply").get_data(as_text=True)
    assert "/register?next=" in visitor and "/login?next=" in visitor
    make_user("rev@example.com", role="reviewer")
    login("rev@example.com")
    assert client.get("/positions/backend/apply").status_code == 403
    assert app.test_client().get("/positions/missing/apply").status_code == 404


def test_apply_requires_csrf(app, make_user, login):
    make_position(app, "backend")
    c = candidate(app, make_user, login)
    response = c.post("/positions/backend/apply", data=application_form(), content_type="multipart/form-data")
    assert response.status_code == 400
    assert applications(app) == []


def test_cv_download_rights(app, make_user, login):
    from assessment.models import Position, ReviewerAssignment, User

    position_id = make_position(app, "backend")
    make_position(app, "other", title="Other")
    owner = candidate(app, make_user, login, "owner@example.com")
    pdf = tiny_pdf("Owner CV")
    apply(owner, pdf=pdf)
    other = candidate(app, make_user, login, "other@example.com")
    apply(other)
    [mine, _theirs] = applications(app)
    url = f"/cv/{mine.id}"

    assert other.get(url).status_code == 404  # the candidate of another application
    assert app.test_client().get(url).status_code == 404  # anonymous
    make_user("rev-out@example.com", role="reviewer")
    make_user("rev-in@example.com", role="reviewer")
    make_user("admin@example.com", role="admin")
    with app.extensions["assessment.db"].new_session() as s:
        reviewer_in = s.scalar(select(User).where(User.email == "rev-in@example.com"))
        reviewer_out = s.scalar(select(User).where(User.email == "rev-out@example.com"))
        s.add(ReviewerAssignment(user_id=reviewer_in.id, position_id=position_id, can_grade=False, can_decide=True))
        s.add(
            ReviewerAssignment(
                user_id=reviewer_out.id, position_id=s.scalar(select(Position.id).where(Position.slug == "other"))
            )
        )
        s.commit()
    not_assigned = app.test_client()
    login("rev-out@example.com", c=not_assigned)
    assert not_assigned.get(url).status_code == 404
    grader = app.test_client()  # a reviewer who grades the position does not see CVs (blind grading)
    make_user("rev-grades@example.com", role="reviewer")
    with app.extensions["assessment.db"].new_session() as s:
        s.add(
            ReviewerAssignment(
                user_id=s.scalar(select(User.id).where(User.email == "rev-grades@example.com")), position_id=position_id
            )
        )
        s.commit()
    login("rev-grades@example.com", c=grader)
    assert grader.get(url).status_code == 404
    for email in ("rev-in@example.com", "admin@example.com"):
        c = app.test_client()
        login(email, c=c)
        response = c.get(url)
        assert response.status_code == 200, email
        assert response.data == pdf
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert "no-store" in response.headers["Cache-Control"]
    assert app.test_client().get("/cv/999999").status_code == 404
    assert len(audit_entries(app, "application.cv_download")) == 2


def test_on_apply_unlocks_at_once_and_emails_the_link(app, settings, make_user, login):
    make_position(app, "backend", unlock="on_apply")
    c = candidate(app, make_user, login)
    apply(c)
    [application] = applications(app)
    assert application.test_released_at is not None and application.released_by_id is None
    [mail] = mails_to(settings, "cand@example.com")
    assert mail["subject"] == "Your test for Backend Engineer is available"
    assert f"/applications/{application.id}/test" in mail["body"]
    dashboard = c.get("/me").get_data(as_text=True)
    assert f'href="/applications/{application.id}/test"' in dashboard and 'data-stage="test_available"' in dashboard


def test_on_release_waits_for_the_admin(app, settings, make_user, login):
    make_position(app, "backend", unlock="on_release")
    c = candidate(app, make_user, login)
    apply(c)
    [application] = applications(app)
    assert application.test_released_at is None
    [received] = mails_to(settings, "cand@example.com")
    assert "received your application" in received["subject"]
    dashboard = c.get("/me").get_data(as_text=True)
    assert 'data-stage="applied"' in dashboard and "/applications/" not in dashboard

    make_user("admin@example.com", role="admin")
    admin = app.test_client()
    login("admin@example.com", c=admin)
    response = post_form(
        admin,
        "/admin/positions/backend/applications",
        {"single": str(application.id)},
        post_url="/admin/positions/backend/applications/release",
    )
    assert response.status_code == 302
    [released] = applications(app)
    assert released.test_released_at is not None and released.released_by_id is not None
    unlock = mails_to(settings, "cand@example.com")[-1]
    assert unlock["subject"] == "Your test for Backend Engineer is available"
    assert f"/applications/{application.id}/test" in unlock["body"]
    assert 'data-stage="test_available"' in c.get("/me").get_data(as_text=True)


def test_application_stages(app, make_user, login):
    from assessment.applications.stages import application_stage
    from assessment.models import (
        Application,
        Attempt,
        Decision,
        EssayAnswer,
        EssayPrompt,
        EssayPromptVersion,
        EssayReview,
        User,
        utcnow,
    )

    position_id = make_position(app, "backend", unlock="on_release")
    make_user("cand@example.com")
    make_user("rev@example.com", role="reviewer")
    database = app.extensions["assessment.db"]
    now = utcnow()
    with database.new_session() as s:
        cand = s.scalar(select(User).where(User.email == "cand@example.com"))
        reviewer = s.scalar(select(User).where(User.email == "rev@example.com"))
        application = Application(user_id=cand.id, position_id=position_id)
        s.add(application)
        s.commit()
        assert application_stage(application, now) == "applied"
        application.test_released_at = now
        s.commit()
        assert application_stage(application, now) == "test_available"
        attempt = Attempt(application_id=application.id, started_at=now, deadline_at=now + timedelta(hours=1))
        s.add(attempt)
        s.commit()
        s.refresh(application)
        assert application_stage(application, now) == "in_test"
        assert application_stage(application, now + timedelta(hours=2)) == "test_done"  # time ran out
        attempt.finished_at = now
        s.commit()
        assert application_stage(application, now) == "test_done"

        prompt = EssayPrompt(position_id=position_id, slug="why")
        s.add(prompt)
        s.flush()
        version = EssayPromptVersion(prompt_id=prompt.id, number=1, content_hash="x", title="Why", body_md="Why?")
        s.add(version)
        s.flush()
        answer = EssayAnswer(attempt_id=attempt.id, prompt_id=prompt.id, prompt_version_id=version.id, text="because")
        s.add(answer)
        s.flush()
        review = EssayReview(answer_id=answer.id, reviewer_id=reviewer.id)
        s.add(review)
        s.commit()
        assert application_stage(application, now) == "test_done"  # reserved, not submitted
        review.submitted_at = now
        s.commit()
        assert application_stage(application, now) == "under_review"

        s.add(Decision(application_id=application.id, decision="shortlist"))
        s.commit()
        s.refresh(application)
        assert application_stage(application, now) == "under_review"  # not released yet
    c = app.test_client()
    login("cand@example.com", c=c)
    page = c.get("/me").get_data(as_text=True)
    assert 'data-stage="under_review"' in page and "shortlisted" not in page
    with database.new_session() as s:
        s.scalar(select(Decision).where(Decision.application_id == application.id)).released_at = utcnow()
        s.commit()
        assert application_stage(s.get(Application, application.id)) == "decision"
    page = c.get("/me").get_data(as_text=True)
    assert 'data-stage="decision"' in page and "you are shortlisted" in page


def test_dashboard_is_for_candidates(app, client, make_user, login):
    assert client.get("/me").status_code == 302
    make_user("rev@example.com", role="reviewer")
    login("rev@example.com")
    assert client.get("/me").status_code == 403


def test_dashboard_lists_open_positions_not_yet_applied_for(app, make_user, login):
    make_position(app, "backend")
    make_position(app, "frontend", title="Frontend Engineer")
    c = candidate(app, make_user, login)
    empty = c.get("/me").get_data(as_text=True)
    assert "You have not applied" in empty and "Frontend Engineer" in empty
    apply(c, "frontend")
    page = c.get("/me").get_data(as_text=True)
    assert 'href="/positions/backend"' in page and 'href="/positions/frontend"' not in page
