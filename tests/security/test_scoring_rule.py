"""Finding 5: one scoring rule, said once. `scoring: best | last` in position.yaml (default best) decides which
submission of a problem counts; the test overview, the done page, the board, the report, the CSV and the API all take
their words and numbers from it. One candidate: a full-score submission, then a worse one."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.candidate.attempt_helpers import sync_position_tree, write_position_tree
from tests.security.conftest import PASSWORD


def publish(app, tmp_path, rule: str | None) -> dict:
    root = write_position_tree(tmp_path / "problems", duration=30)
    if rule is not None:
        with (root / "backend" / "position.yaml").open("a") as handle:
            handle.write(f"scoring: {rule}\n")
    return sync_position_tree(app, root)


def take_test(app, ids: dict) -> int:
    """Dana took the test: first a full-score submission, then one passing 23 % of the hidden tests."""
    from assessment.models import Application, Attempt, Submission, User, utcnow

    with app.extensions["assessment.db"].new_session() as s:
        user = User(email="dana@example.com", name="Dana Doe", role="candidate", email_confirmed_at=utcnow())
        user.set_password(PASSWORD)
        admin = User(email="admin@staff.org", name="Ann Admin", role="admin", email_confirmed_at=utcnow())
        admin.set_password(PASSWORD)
        s.add_all([user, admin])
        s.flush()
        application = Application(user_id=user.id, position_id=ids["position"], test_released_at=utcnow())
        s.add(application)
        s.flush()
        start = utcnow() - timedelta(minutes=40)
        attempt = Attempt(
            application_id=application.id,
            started_at=start,
            deadline_at=start + timedelta(minutes=30),
            finished_at=start + timedelta(minutes=30),
            finalized_at=start + timedelta(minutes=30),
        )
        s.add(attempt)
        s.flush()
        from assessment.models import Problem

        version_id = s.get(Problem, ids["problem"]).current_version_id
        for minutes, score, verdict in ((10, 1.0, "AC"), (20, 0.23, "WA")):
            at = start + timedelta(minutes=minutes)
            s.add(
                Submission(
                    attempt_id=attempt.id,
                    problem_id=ids["problem"],
                    problem_version_id=version_id,
                    language="python",
                    source=f"print({score})\n",
                    kind="submit",
                    status="done",
                    verdict=verdict,
                    score=score,
                    tests_passed=round(score * 100),
                    tests_total=100,
                    created_at=at,
                    started_at=at,
                    finished_at=at,
                )
            )
        s.commit()
        return application.id


def sign_in(app, email: str):
    from tests.conftest import csrf_token_from

    client = app.test_client()
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    assert client.post("/login", data={"email": email, "password": PASSWORD, "csrf_token": token}).status_code == 302
    return client


@pytest.mark.parametrize("rule, expected", [(None, "100.00"), ("best", "100.00"), ("last", "23.00")])
def test_every_view_derives_words_and_numbers_from_the_one_rule(app, tmp_path, rule, expected):
    ids = publish(app, tmp_path, rule)
    words = f"{rule or 'best'} submission counts"
    application_id = take_test(app, ids)
    candidate = sign_in(app, "dana@example.com")
    overview = candidate.get(f"/applications/{application_id}/test/overview").get_data(as_text=True)
    done = candidate.get(f"/applications/{application_id}/test/done").get_data(as_text=True)
    assert words in overview and words in done
    assert "latest submission counts" not in overview
    problem_score = re.search(rf'data-problem="{ids["problem"]}"[^>]*>\s*([\d.]+) %', done)
    coding = re.search(r'id="coding-score"[^>]*>\s*([\d.]+) %', done)
    assert problem_score and coding, done
    assert problem_score.group(1) == coding.group(1) == expected  # one problem: its score is the coding score

    admin = sign_in(app, "admin@staff.org")
    board = admin.get("/review/positions/backend/board").get_data(as_text=True)
    assert words in board
    assert re.search(r'data-col="coding_score">([\d.]+)<', board).group(1) == expected
    report = admin.get(f"/review/positions/backend/candidates/{application_id}/report").get_data(as_text=True)
    assert words in report
    assert re.search(r'id="coding-score"[^>]*>\s*([\d.]+) %', report).group(1) == expected
    [row] = list(csv.DictReader(io.StringIO(admin.get("/review/positions/backend/board.csv").get_data(as_text=True))))
    assert row["coding_score"] == expected and row["scoring_rule"] == (rule or "best")

    from assessment.accounts.api_tokens import create_token

    with app.app_context():
        from assessment.extensions import session

        _, secret = create_token(session(), "ats", ["board:read"], 1)
    api = app.test_client().get("/api/v1/positions/backend/board", headers={"Authorization": f"Bearer {secret}"})
    data = api.get_json()
    assert f"{data['rows'][0]['coding_score']:.2f}" == expected
    assert data["position"]["scoring_rule"] == (rule or "best") and words in data["position"]["scoring_rule_text"]


def test_an_unknown_rule_is_refused_by_validation(tmp_path):
    from assessment.problems.validate import validate_tree

    root = write_position_tree(tmp_path / "problems")
    with (root / "backend" / "position.yaml").open("a") as handle:
        handle.write("scoring: average\n")
    report = validate_tree(root, run_input_validators=False)
    assert not report.ok
    assert any(
        "scoring" in issue.message and "best" in issue.message and "last" in issue.message for issue in report.errors
    )


def test_the_rule_changes_only_through_position_yaml(app, tmp_path):
    """A re-sync with another rule re-scores every candidate the same way (no per-candidate state)."""
    from assessment.models import Position

    ids = publish(app, tmp_path, "best")
    take_test(app, ids)
    root = tmp_path / "problems"
    text = (root / "backend" / "position.yaml").read_text().replace("scoring: best", "scoring: last")
    (root / "backend" / "position.yaml").write_text(text)
    sync_position_tree(app, root)
    with app.extensions["assessment.db"].new_session() as s:
        assert s.scalar(select(Position.scoring_rule).where(Position.slug == "backend")) == "last"
