"""Statements in the test page (PDF embedded and downloadable, sanitised HTML), problems without a statement,
interactive problems' samples and custom runs, and the points reviewers see (no Docker: nothing is judged)."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from tests.candidate.attempt_helpers import make_application, meta_csrf
from tests.problems.packages_helpers import PACKAGES

POSITION_YAML = (
    "title: Package Formats\ndescription: Problems in every package shape.\nduration_minutes: 60\n"
    "parts: [coding]\nweights: {coding: 1.0}\nlanguages: [python, cpp]\n"
)


def publish(app, tmp_path, *packages: str, slug: str = "formats") -> dict[str, int]:
    """Sync a position holding copies of the named packages; returns problem slug -> id (and "position")."""
    from assessment.models import Position, Problem
    from assessment.problems.sync import sync_from_dir

    folder = tmp_path / "problems" / slug
    (folder / "coding").mkdir(parents=True)
    (folder / "position.yaml").write_text(POSITION_YAML)
    for name in packages:
        shutil.copytree(PACKAGES / name, folder / "coding" / name)
    database = app.extensions["assessment.db"]
    with database.new_session() as s:
        report = sync_from_dir(s, tmp_path / "problems", app.extensions["assessment.settings"].snapshot_dir)
        assert not report.errors, report.errors
        position = s.scalar(select(Position).where(Position.slug == slug))
        ids = {p.slug: p.id for p in s.scalars(select(Problem).where(Problem.position_id == position.id))}
        ids["position"] = position.id
        return ids


def start_test(client, application_id: int) -> str:
    from tests.conftest import csrf_token_from

    html = client.get(f"/applications/{application_id}/test").get_data(as_text=True)
    response = client.post(f"/applications/{application_id}/test/start", data={"csrf_token": csrf_token_from(html)})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return meta_csrf(client.get(response.headers["Location"]).get_data(as_text=True))


@pytest.fixture
def candidate(app, make_user, login):
    def make(position_id: int, email: str = "cand@example.com") -> int:
        make_user(email)
        application = make_application(app, email, position_id)
        login(email)
        return application

    return make


def test_pdf_statement_is_embedded_with_a_download_link(app, client, tmp_path, candidate):
    ids = publish(app, tmp_path, "pdfstatement", "pdfroot")
    application = candidate(ids["position"])
    start_test(client, application)
    for slug in ("pdfstatement", "pdfroot"):
        page = client.get(f"/applications/{application}/test/problems/{ids[slug]}").get_data(as_text=True)
        url = f"/applications/{application}/test/problems/{ids[slug]}/statement.pdf"
        assert f'<iframe class="statement-pdf-frame" src="{url}"' in page
        assert f'href="{url}?download=1" download>Download the statement (PDF)</a>' in page
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        assert response.data.startswith(b"%PDF")
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["Content-Disposition"].startswith("inline")
        download = client.get(url + "?download=1")
        assert (
            download.headers["Content-Disposition"].startswith("attachment")
            and f"{slug}.pdf" in download.headers["Content-Disposition"]
        )
    # the test page itself still cannot be framed by anyone
    assert (
        client.get(f"/applications/{application}/test/problems/{ids['pdfroot']}").headers["X-Frame-Options"] == "DENY"
    )


def test_pdf_statement_follows_the_test_pages_access_rules(app, client, tmp_path, candidate, make_user, login):
    ids = publish(app, tmp_path, "pdfstatement")
    application = candidate(ids["position"])
    url = f"/applications/{application}/test/problems/{ids['pdfstatement']}/statement.pdf"
    assert client.get(url).status_code == 404  # the test has not started
    start_test(client, application)
    assert client.get(url).status_code == 200
    other = app.test_client()
    make_user("other@example.com")
    make_application(app, "other@example.com", ids["position"])
    login("other@example.com", c=other)
    assert other.get(url).status_code == 404  # someone else's application
    anonymous = app.test_client()
    assert anonymous.get(url).status_code in (302, 401, 403)  # sign-in required


def test_only_pdf_statements_are_served(app, client, tmp_path, candidate):
    ids = publish(app, tmp_path, "scoregroups")
    application = candidate(ids["position"])
    start_test(client, application)
    assert (
        client.get(f"/applications/{application}/test/problems/{ids['scoregroups']}/statement.pdf").status_code == 404
    )


def test_a_problem_without_statement_keeps_the_test_closed(app, client, tmp_path, candidate):
    from tests.conftest import csrf_token_from

    ids = publish(app, tmp_path, "nostatement", "pdfstatement")
    application = candidate(ids["position"])
    page = client.get(f"/applications/{application}/test").get_data(as_text=True)
    assert "one of its problems has no statement" in page
    response = client.post(f"/applications/{application}/test/start", data={"csrf_token": csrf_token_from(page)})
    assert response.status_code == 302
    follow = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "one of its problems has no statement" in follow
    from assessment.models import Attempt

    with app.extensions["assessment.db"].new_session() as s:
        assert s.scalar(select(Attempt).where(Attempt.application_id == application)) is None


def test_admin_sees_which_problem_lacks_a_statement(app, tmp_path, make_user, login):
    publish(app, tmp_path, "nostatement")
    make_user("admin@example.org", role="admin")
    admin = login("admin@example.org", c=app.test_client())
    page = admin.get("/admin/positions/formats").get_data(as_text=True)
    assert "no statement: candidates cannot start the test until it has one" in page


def test_html_statement_is_sanitised(app, client, tmp_path, candidate):
    package = tmp_path / "src" / "htmlstatement"
    shutil.copytree(PACKAGES / "pdfstatement", package)
    (package / "statement" / "problem.en.pdf").unlink()
    (package / "statement" / "problem.en.html").write_text(
        "<html><head><style>body{}</style></head><body><h2>Input</h2><p>Two <b>integers</b>.</p>"
        "<script>alert(1)</script><img src=x onerror=alert(2)><iframe src=//evil></iframe></body></html>"
    )
    folder = tmp_path / "problems" / "formats"
    (folder / "coding").mkdir(parents=True)
    (folder / "position.yaml").write_text(POSITION_YAML)
    shutil.copytree(package, folder / "coding" / "htmlstatement")
    from assessment.models import Position, Problem
    from assessment.problems.sync import sync_from_dir

    with app.extensions["assessment.db"].new_session() as s:
        assert not sync_from_dir(s, tmp_path / "problems", app.extensions["assessment.settings"].snapshot_dir).errors
        position = s.scalar(select(Position).where(Position.slug == "formats"))
        problem_id = s.scalar(select(Problem.id).where(Problem.position_id == position.id))
    application = candidate(position.id)
    start_test(client, application)
    page = client.get(f"/applications/{application}/test/problems/{problem_id}").get_data(as_text=True)
    assert "<p>Two <b>integers</b>.</p>" in page
    assert "alert(1)" not in page and "onerror" not in page and "//evil" not in page


def test_interactive_problem_shows_the_transcript_and_refuses_custom_input(app, client, tmp_path, candidate):
    ids = publish(app, tmp_path, "interactive")
    application = candidate(ids["position"])
    token = start_test(client, application)
    base = f"/applications/{application}/test/problems/{ids['interactive']}"
    page = client.get(base).get_data(as_text=True)
    assert "This problem is interactive" in page
    assert '<li class="interaction-you">' in page and "<code>correct</code>" in page
    assert "<h4>Expected output</h4>" not in page  # the validator's .in/.ans are not shown
    response = client.post(
        f"{base}/run",
        json={"language": "python", "source": "print(50)", "mode": "custom", "input": "42\n"},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 400 and "not available for this problem" in response.get_json()["message"]


def test_reviewers_see_points_group_points_and_passes(app, tmp_path, candidate, make_user, login, client):
    from assessment.models import Attempt, Submission, TestResult, utcnow

    ids = publish(app, tmp_path, "scoregroups")
    application = candidate(ids["position"])
    start_test(client, application)
    database = app.extensions["assessment.db"]
    with database.new_session() as s:
        attempt = s.scalar(select(Attempt).where(Attempt.application_id == application))
        from assessment.models import Problem

        version_id = s.get(Problem, ids["scoregroups"]).current_version_id
        sub = Submission(
            attempt_id=attempt.id,
            problem_id=ids["scoregroups"],
            problem_version_id=version_id,
            language="python",
            source="print(0)",
            kind="submit",
            status="done",
            verdict="WA",
            score=0.6,
            points=60.0,
            max_points=100.0,
            tests_passed=4,
            tests_total=5,
            finished_at=utcnow(),
            group_points=[
                {"group": "secret/group1", "verdict": "AC", "points": 40, "max_points": 40},
                {"group": "secret/group2", "verdict": "WA", "points": 20, "max_points": 60},
            ],
        )
        s.add(sub)
        s.flush()
        s.add(
            TestResult(
                submission_id=sub.id,
                ordinal=0,
                name="secret/group2/01",
                group="secret/group2",
                verdict="WA",
                score=None,
                passes=[
                    {"verdict": "AC", "time_ms": 5, "wall_ms": 9, "memory_kb": 900, "message": ""},
                    {"verdict": "WA", "time_ms": 6, "wall_ms": 9, "memory_kb": 900, "message": "pass 2: expected 12"},
                ],
            )
        )
        s.commit()
        sub_id = sub.id
    make_user("admin@example.org", role="admin")
    admin = login("admin@example.org", c=app.test_client())
    page = admin.get(f"/review/positions/formats/candidates/{application}/submissions/{sub_id}").get_data(as_text=True)
    assert "<strong>60 / 100 points</strong>" in page
    assert "secret/group1: 40 / 40 points" in page and "secret/group2: 20 / 60 points" in page
    assert "pass 2" in page and "pass 2: expected 12" in page
    overview = admin.get(f"/review/positions/formats/candidates/{application}").get_data(as_text=True)
    assert "(60/100 points)" in overview
