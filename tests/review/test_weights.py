"""Weights: position.yaml gives the default; an administrator may save other weights on the board (audited with the
previous ones), which every view then uses and names as an override; `assessment sync` never touches them."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from assessment.models import AuditEntry, Position
from tests.conftest import post_form
from tests.review import factories as f

BOARD = "/review/positions/backend-intern/board"


@pytest.fixture
def board(s):
    pos = f.position(s, "backend-intern", weight_coding=0.6, weight_essay=0.4, prompts=1, problems=1)
    grader = f.user(s, "g@example.org", "reviewer", "Gina Grader")
    f.assign(s, grader, pos)
    f.user(s, "admin@example.org", "admin", "Admin")
    # coding, essay points (of 10): Ada strong essay, Bob strong code.
    for name, coding, essay in (("Ada Lovelace", 0.5, [4, 3, 3]), ("Bob Builder", 1.0, [2, 1, 1])):
        application = f.candidate(s, pos, name.split()[0].lower() + "@example.com", name)
        f.submission(s, application, score=coding)
        f.review(s, f.answer(s, application), grader, essay)
    s.commit()
    return pos


def names_and_totals(c):
    document = json.loads(c.get(BOARD.replace("board", "board.json")).get_data(as_text=True))
    return [(r["name"], r["total"]) for r in document["rows"]], document["position"]


def test_saving_weights_is_an_audited_admin_action_that_every_view_uses(board, new_client, client, s, app):
    admin = new_client("admin@example.org")
    # position.yaml: 0.6 coding. Ada 0.6*50 + 0.4*100 = 70; Bob 0.6*100 + 0.4*40 = 76.
    rows, position = names_and_totals(admin)
    assert rows == [("Bob Builder", 76.0), ("Ada Lovelace", 70.0)]
    assert position["weights_source"] == "position.yaml"
    response = post_form(
        admin,
        "/admin/positions/backend-intern/weights",
        {"coding": "20", "essay": "80", "reason": "Essays matter more"},
        page=BOARD,
    )
    assert response.status_code == 302
    # Saved 0.2 coding: Ada 0.2*50 + 0.8*100 = 90; Bob 0.2*100 + 0.8*40 = 52.
    rows, position = names_and_totals(admin)
    assert rows == [("Ada Lovelace", 90.0), ("Bob Builder", 52.0)]
    assert position["weights_source"] == "saved" and position["weight_coding"] == 0.2
    assert position["weights_position_yaml"] == {"coding": 0.6, "essay": 0.4}
    page = admin.get(BOARD).get_data(as_text=True)
    assert "saved on the board (overrides position.yaml)" in page and "position.yaml: 60 % coding, 40 % essay" in page
    csv_text = admin.get(BOARD.replace("board", "board.csv")).get_data(as_text=True)
    assert "90.00" in csv_text and "52.00" in csv_text
    assert "saved on the board" in admin.get("/admin/positions/backend-intern").get_data(as_text=True)
    entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "position.weights_saved"))
    assert entry.details["previous"] == {"coding": 0.6, "essay": 0.4}
    assert entry.details["weights"] == {"coding": 0.2, "essay": 0.8} and entry.details["reason"] == "Essays matter more"
    assert entry.actor_id is not None
    # The API for applicant-tracking systems says the same.
    from assessment.accounts.api_tokens import create_token

    with app.app_context():
        from assessment.extensions import session

        _row, secret = create_token(session(), "ats", ["board:read"], 30, None)
    api = client.get("/api/v1/positions/backend-intern/board", headers={"Authorization": f"Bearer {secret}"}).get_json()
    assert [(r["name"], r["total"]) for r in api["rows"]] == rows and api["position"]["weights_source"] == "saved"
    # Back to position.yaml's weights, audited with the saved ones.
    post_form(admin, "/admin/positions/backend-intern/weights/reset", {}, page=BOARD)
    assert names_and_totals(admin)[0] == [("Bob Builder", 76.0), ("Ada Lovelace", 70.0)]
    reset = s.scalar(select(AuditEntry).where(AuditEntry.action == "position.weights_reset"))
    assert reset.details["previous"] == {"coding": 0.2, "essay": 0.8}


def test_only_administrators_save_weights_and_bad_weights_are_refused(board, new_client, s):
    reader = f.user(s, "d@example.org", "reviewer", "Dee Decider")
    s.commit()
    from assessment.models import ReviewerAssignment
    from tests.review.stage_factories import staff  # noqa: F401  (the permissions helper)

    s.add(ReviewerAssignment(user_id=reader.id, position_id=board.id, can_grade=False, can_decide=True))
    s.commit()
    decider = new_client("d@example.org")
    assert 'id="weights-form"' in decider.get(BOARD).get_data(as_text=True)  # the sliders are for every reader
    assert 'id="weights-save"' not in decider.get(BOARD).get_data(as_text=True)
    denied = post_form(decider, "/admin/positions/backend-intern/weights", {"coding": "10", "essay": "90"}, page=BOARD)
    assert denied.status_code == 403
    admin = new_client("admin@example.org")
    bad = post_form(admin, "/admin/positions/backend-intern/weights", {"coding": "abc", "essay": "90"}, page=BOARD)
    assert "as a number" in admin.get(bad.headers["Location"]).get_data(as_text=True)
    s.expire_all()
    assert s.scalar(select(Position)).weights_override is None


def test_sync_keeps_saved_weights_and_position_yaml_stays_the_default(app, settings, tmp_path, s):
    from assessment.models import utcnow
    from assessment.problems.sync import sync_from_dir
    from assessment.selection import weights

    folder = tmp_path / "problems" / "writer"
    (folder / "essays").mkdir(parents=True)
    (folder / "essays" / "why.md").write_text(
        "---\ntitle: Why\nmin_words: 1\nmax_words: 100\nrubric:\n"
        + "".join(
            f"  - criterion: C{i}\n    description: d\n    levels:\n      - {{points: 0, label: No, description: n}}\n"
            f"      - {{points: 1, label: Yes, description: y}}\n"
            for i in range(3)
        )
        + "---\nWhy?\n"
    )
    (folder / "position.yaml").write_text(
        "title: Writer\ndescription: Write.\nduration_minutes: 30\nparts: [essay]\nweights: {essay: 1.0}\n"
    )
    with app.app_context():
        from assessment.extensions import session

        db = session()
        assert sync_from_dir(db, tmp_path / "problems", settings.snapshot_dir).ok, sync_from_dir(
            db, tmp_path / "problems", settings.snapshot_dir
        ).errors
        position = db.scalar(select(Position))
        position.weights_override = {"essay": 1.0}
        position.weights_saved_at = utcnow()
        db.commit()
        (folder / "position.yaml").write_text((folder / "position.yaml").read_text().replace("30", "45"))
        assert sync_from_dir(db, tmp_path / "problems", settings.snapshot_dir).ok, sync_from_dir(
            db, tmp_path / "problems", settings.snapshot_dir
        ).errors
        db.refresh(position)
        assert position.duration_minutes == 45 and position.weights_override == {"essay": 1.0}
        assert weights.effective(position).source == "saved"
