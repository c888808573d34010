"""Data rights: withdrawing (no further email, reviewers see "withdrawn"), asking for deletion, the administrator's
export (JSON and files) and erasure (identity, CV, code, essays gone; scores kept), and the retention rule."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import String, select

from assessment.db import Base
from assessment.models import (
    Application,
    Attempt,
    AuditEntry,
    CodeDraft,
    Decision,
    EssayAnswer,
    InterviewSlot,
    User,
    utcnow,
)
from tests.conftest import post_form
from tests.review import factories as f
from tests.review import stage_factories as sf

NAME, EMAIL = "Grace Hopper", "grace@example.com"
SLUG = "ml-intern"


@pytest.fixture
def world(s, settings):
    pos = f.position(s, SLUG, title="ML Intern", prompts=1, problems=1)
    sf.with_interviews(s, pos)
    admin = sf.person(s, "admin@staff.org", "admin", "Ann Admin")
    rosa = sf.staff(s, pos, "rosa@staff.org", "Rosa Interviewer", interview=True)
    sf.staff(s, pos, "dora@staff.org", "Dora Decider", decide=True)
    grader = sf.staff(s, pos, "gina@staff.org", "Gina Grader", grade=True)
    grace = sf.applicant(s, pos, EMAIL, NAME, settings.cv_dir)
    s.add(
        Attempt(
            application_id=grace.id,
            started_at=utcnow() - timedelta(hours=3),
            deadline_at=utcnow() - timedelta(hours=1),
            finished_at=utcnow() - timedelta(hours=1),
        )
    )
    grace.test_released_at = utcnow() - timedelta(days=1)
    s.commit()
    f.submission(s, grace, score=0.75, source=f"# {NAME} wrote this\nprint(1)\n")
    answer = f.answer(s, grace, text=f"My name is {NAME} and I love compilers. " * 5)
    f.review(s, answer, grader, [4, 3, 2], comment=f"{NAME} argues well")
    s.add(
        CodeDraft(
            attempt_id=f.attempt_of(s, grace).id, problem_id=pos.active_problems[0].id, language="python", source="x=1"
        )
    )
    other = f.candidate(s, pos, "alan@example.com", "Alan Turing")
    f.submission(s, other, score=0.5)
    sf.shortlisted(s, grace, admin)
    slot = sf.book(s, sf.slot(s, pos, rosa, utcnow() + timedelta(days=3)), grace)
    s.add(
        Decision(
            application_id=grace.id,
            stage="interview",
            decision="hold",
            note=f"Ask {NAME} for references",
            decided_by_id=admin.id,
        )
    )
    s.commit()
    return {"pos": pos, "grace": grace.id, "other": other.id, "slot": slot.id}


def test_a_withdrawn_candidate_gets_no_further_email_and_reviewers_see_withdrawn(world, new_client, settings, s):
    grace = new_client(EMAIL)
    url = f"/me/withdraw/{world['grace']}"
    assert post_form(grace, url, {"reason": "I took another offer"}).status_code == 400  # not confirmed
    assert post_form(grace, url, {"reason": "I took another offer", "confirm": "yes"}).status_code == 302
    s.expire_all()
    application = s.get(Application, world["grace"])
    assert application.withdrawn_at is not None and application.withdrawal_reason == "I took another offer"
    # The booked interview is cancelled: the panel is told, the candidate is not.
    assert s.get(InterviewSlot, world["slot"]).application_id is None
    assert any("cancelled" in m["subject"] for m in f.mails_to(settings.outbox_dir, "rosa@staff.org"))
    assert f.mails_to(settings.outbox_dir, EMAIL) == []
    # No decision of any stage can be taken or reach them.
    dora = new_client("dora@staff.org")
    post_form(
        dora,
        f"/review/positions/{SLUG}/candidates/{world['grace']}/decision",
        {"decision": "reject", "stage": "interview"},
        page=f"/review/positions/{SLUG}/interviews",
    )
    admin = new_client("admin@staff.org")
    for stage in ("test", "interview"):
        url = f"/admin/positions/{SLUG}/release-decisions?stage={stage}"
        html = admin.get(url).get_data(as_text=True)
        assert EMAIL not in html.split('id="recipients"')[1]
        fingerprint = re.search(r'name="fingerprint" value="(\w+)"', html)[1]
        post_form(
            admin,
            url.split("?")[0],
            {
                "confirm": "yes",
                "stage": stage,
                "fingerprint": fingerprint,
                "override": "yes",
                "reason": "released for the test of withdrawal",
            },
            page=url,
        )
    assert f.mails_to(settings.outbox_dir, EMAIL) == []
    # Reviewers see "withdrawn" on the board and the candidate's page; the candidate on their dashboard.
    board = dora.get(f"/review/positions/{SLUG}/board").get_data(as_text=True)
    row = board.split(f'id="candidate-{world["grace"]}"')[1].split("</tr>")[0]
    assert "withdrawn" in row
    assert "withdrew this application" in dora.get(f"/review/positions/{SLUG}/candidates/{world['grace']}").get_data(
        as_text=True
    )
    assert 'data-stage="withdrawn"' in grace.get("/me").get_data(as_text=True)


def test_deletion_request_withdraws_everything_and_waits_for_an_administrator(world, new_client, s):
    grace = new_client(EMAIL)
    assert post_form(grace, "/me/delete", {"password": "wrong"}).status_code == 400
    assert post_form(grace, "/me/delete", {"password": f.PASSWORD}).status_code == 302
    s.expire_all()
    user = s.scalar(select(User).where(User.email == EMAIL))
    assert user.deletion_requested_at is not None and user.erased_at is None
    assert s.get(Application, world["grace"]).withdrawn_at is not None
    admin = new_client("admin@staff.org")
    assert EMAIL in admin.get("/admin/data-requests").get_data(as_text=True)
    assert "Deletion requests" in admin.get("/admin/").get_data(as_text=True)


def test_the_export_holds_everything_about_the_candidate(world, new_client, s):
    grace = new_client(EMAIL)
    post_form(grace, f"/me/withdraw/{world['grace']}", {"confirm": "yes", "reason": "moving abroad"})
    admin = new_client("admin@staff.org")
    user_id = s.scalar(select(User.id).where(User.email == EMAIL))
    response = admin.get(f"/admin/candidates/{user_id}/export")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    document = json.loads(archive.read("candidate.json"))
    assert document["account"] == {**document["account"], "name": NAME, "email": EMAIL}
    [application] = document["applications"]
    assert application["institution"] == "Aarhus University"
    assert archive.read(application["cv"]["file"]).startswith(b"%PDF-")
    [submission] = application["test"]["submissions"]
    assert NAME in archive.read(submission["file"]).decode() and submission["score"] == 0.75
    [essay] = application["test"]["essays"]
    assert "I love compilers" in archive.read(essay["file"]).decode()
    assert essay["grades"][0]["total"] == 9.0 and "reviewer" not in json.dumps(essay["grades"])
    assert [d["decision"] for d in application["decisions"]] == ["shortlist", "hold"]
    assert application["interview"] is None  # the upcoming interview was cancelled by the withdrawal
    assert application["withdrawal_reason"] == "moving abroad"
    assert {"application.withdrawn", "interview.cancelled_on_withdrawal"} <= {e["action"] for e in document["audit"]}
    assert all(e["by_the_candidate"] for e in document["audit"] if e["action"] == "application.withdrawn")
    entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "candidate.exported"))
    assert entry.target_id == user_id and entry.actor_id is not None
    # Only administrators export.
    assert new_client("dora@staff.org").get(f"/admin/candidates/{user_id}/export").status_code == 403


def text_everywhere(s) -> str:
    """Every text, string and JSON value stored in every table, as one string."""
    parts = []
    for table in Base.metadata.sorted_tables:
        columns = [
            c
            for c in table.columns
            if isinstance(c.type, String) or c.type.__class__.__name__ in ("Text", "JSON", "EnumText")
        ]
        if not columns:
            continue
        for row in s.execute(select(*columns)).all():
            parts.extend(json.dumps(value, default=str) for value in row if value is not None)
    return "\n".join(parts)


def test_erasure_removes_the_identity_everywhere_and_keeps_the_scores(world, new_client, settings, s, client, app):
    admin = new_client("admin@staff.org")
    dora = new_client("dora@staff.org")
    before = json.loads(dora.get(f"/review/positions/{SLUG}/board.json").get_data(as_text=True))["rows"]
    user_id = s.scalar(select(User.id).where(User.email == EMAIL))
    cv_files = list(settings.cv_dir.iterdir())
    assert len(cv_files) == 1
    refused = post_form(
        admin,
        f"/admin/candidates/{user_id}/erase",
        {"confirm_email": "someone@else.org"},
        page=f"/admin/candidates/{user_id}",
    )
    assert refused.status_code == 302 and s.scalar(select(User).where(User.id == user_id)).erased_at is None
    erased = post_form(
        admin, f"/admin/candidates/{user_id}/erase", {"confirm_email": EMAIL}, page=f"/admin/candidates/{user_id}"
    )
    assert erased.status_code == 302
    s.expire_all()
    stored = text_everywhere(s)
    for word in (NAME, EMAIL, "Grace", "I love compilers", "Aarhus University"):
        assert word not in stored, word
    assert list(settings.cv_dir.iterdir()) == []
    user = s.get(User, user_id)
    assert user.erased_at is not None and not user.active and user.password_hash is None
    # Scores, grades and decisions stay, anonymised.
    after = json.loads(dora.get(f"/review/positions/{SLUG}/board.json").get_data(as_text=True))["rows"]
    assert [(r["application_id"], r["total"], r["coding_score"], r["essay_score"]) for r in after] == [
        (r["application_id"], r["total"], r["coding_score"], r["essay_score"]) for r in before
    ]
    assert s.scalar(select(EssayAnswer)).word_count > 0
    # No page or export shows the name.
    pages = [
        f"/review/positions/{SLUG}/board",
        f"/review/positions/{SLUG}/board.csv",
        f"/review/positions/{SLUG}/board.json",
        f"/review/positions/{SLUG}/candidates/{world['grace']}",
        f"/review/positions/{SLUG}/candidates/{world['grace']}/report",
        f"/review/positions/{SLUG}/interviews",
        f"/review/positions/{SLUG}/screening",
        f"/admin/positions/{SLUG}/applications",
        f"/admin/positions/{SLUG}/release-decisions?stage=test",
        f"/admin/candidates/{user_id}",
        "/admin/accounts",
        "/admin/data-requests",
    ]
    for url in pages:
        response = admin.get(url)
        assert response.status_code == 200, url
        assert NAME not in response.get_data(as_text=True) and EMAIL not in response.get_data(as_text=True), url
    export = zipfile.ZipFile(io.BytesIO(admin.get(f"/admin/candidates/{user_id}/export").data))
    assert NAME not in export.read("candidate.json").decode()
    # The erased account cannot sign in any more.
    from tests.conftest import csrf_token_from

    c = app.test_client()
    token = csrf_token_from(c.get("/login").get_data(as_text=True))
    assert c.post("/login", data={"email": EMAIL, "password": f.PASSWORD, "csrf_token": token}).status_code != 302
    entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "candidate.erased"))
    assert entry.details["cvs"] == 1 and entry.details["submissions"] == 1 and NAME not in json.dumps(entry.details)


def test_purge_is_a_dry_run_unless_applied(world, app, s, settings, monkeypatch):
    import assessment.cli.privacy as cli_module
    from assessment.cli import _app, main

    monkeypatch.setattr(_app, "app", lambda: app)
    monkeypatch.setattr(cli_module, "app", lambda: app)
    runner = CliRunner()
    result = runner.invoke(main, ["purge"])
    assert result.exit_code == 2 and "ASSESSMENT_RETENTION_DAYS" in result.output
    # Grace was rejected after the test 40 days ago (told then); Alan is undecided.
    decision = Decision(
        application_id=world["grace"],
        stage="test",
        decision="reject",
        released_at=utcnow() - timedelta(days=40),
        notified_at=utcnow() - timedelta(days=40),
    )
    s.add(decision)
    s.commit()
    dry = runner.invoke(main, ["purge", "--days", "30", "--json"])
    assert dry.exit_code == 0, dry.output
    plan = json.loads(dry.output)
    assert plan["applied"] is False and [i["application_id"] for i in plan["items"]] == [world["grace"]]
    assert plan["items"][0]["cv"] is True and plan["items"][0]["code_drafts"] == 1
    assert len(list(settings.cv_dir.iterdir())) == 1  # nothing removed
    assert runner.invoke(main, ["purge", "--days", "60"]).output.strip().endswith("Dry run: add --apply to purge them.")
    applied = runner.invoke(main, ["purge", "--days", "30", "--apply"])
    assert applied.exit_code == 0 and "1 application(s) purged" in applied.output
    s.expire_all()
    application = s.get(Application, world["grace"])
    assert application.cv_path is None and application.purged_at is not None
    assert list(settings.cv_dir.iterdir()) == []
    assert s.scalars(select(CodeDraft)).all() == []
    assert s.scalar(select(EssayAnswer)).text  # final essays are kept
    assert s.scalar(select(AuditEntry).where(AuditEntry.action == "retention.purged")).target_id == world["grace"]
    again = runner.invoke(main, ["purge", "--days", "30", "--json"])
    assert json.loads(again.output)["items"] == []


def test_retention_is_a_setting_with_a_clear_error(monkeypatch):
    from assessment.config import Settings, SettingsError

    assert Settings.from_env({"ASSESSMENT_RETENTION_DAYS": "365"}).retention_days == 365
    assert Settings.from_env({}).retention_days is None
    with pytest.raises(SettingsError, match="ASSESSMENT_RETENTION_DAYS"):
        Settings.from_env({"ASSESSMENT_RETENTION_DAYS": "soon"})
