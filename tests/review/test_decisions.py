"""Decisions reach candidates only after release, exactly once; hold sends nothing; decisions are audited."""

import pytest
from sqlalchemy import select

from assessment.models import AuditEntry, Decision
from tests.conftest import post_form
from tests.review import factories as f


@pytest.fixture
def released_setup(s, make_user):
    pos = f.position(s, "backend-intern", prompts=0, essay=False, weight_coding=1.0)
    reviewer = f.user(s, "rev@example.org", "reviewer", "Rita Reviewer")
    f.assign(s, reviewer, pos)
    from assessment.models import ReviewerAssignment

    assignment = s.query(ReviewerAssignment).filter_by(user_id=reviewer.id).one()
    assignment.can_grade, assignment.can_decide = False, True  # Rita decides; she does not grade
    s.commit()
    apps = {name: f.candidate(s, pos, f"{name}@example.com", name.title()) for name in ("ann", "ben", "cat")}
    for i, app in enumerate(apps.values()):
        f.submission(s, app, score=1.0 - i * 0.25)
    make_user("admin@example.org", role="admin")
    return pos, apps


def decide(c, app_id, decision, note=""):
    return post_form(
        c,
        f"/review/positions/backend-intern/candidates/{app_id}/decision",
        {"decision": decision, "note": note},
        page="/review/positions/backend-intern/board",
    )


def release(c):
    """Release through the confirmation page (what it shows is tested in tests/security/test_release.py)."""
    import re

    url = "/admin/positions/backend-intern/release-decisions"
    page = c.get(url)
    if page.status_code != 200:
        return page
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', page.get_data(as_text=True)).group(1)
    return post_form(c, url, {"confirm": "yes", "fingerprint": fingerprint})


def test_release_sends_exactly_once(released_setup, new_client, settings, s):
    _pos, apps = released_setup
    reviewer = new_client("rev@example.org")
    assert decide(reviewer, apps["ann"].id, "shortlist", "Top coder").status_code == 302
    assert decide(reviewer, apps["ben"].id, "hold").status_code == 302
    assert decide(reviewer, apps["cat"].id, "reject", "Below the bar").status_code == 302
    outbox = settings.outbox_dir
    assert f.outbox_messages(outbox) == []  # nothing is sent before release
    # Reviewers cannot release; admins can.
    assert release(reviewer).status_code in (403, 404)
    admin = new_client("admin@example.org")
    assert release(admin).status_code == 302
    ann, ben, cat = (f.mails_to(outbox, f"{n}@example.com") for n in ("ann", "ben", "cat"))
    assert len(ann) == 1 and "interview" in ann[0]["subject"].lower() and "Dear Ann" in ann[0]["body"]
    assert len(cat) == 1 and "not to move forward" in cat[0]["body"]
    assert ben == []
    # Pressing again (or a second admin) sends nothing new.
    assert release(admin).status_code == 302
    assert len(f.outbox_messages(outbox)) == 2
    s.expire_all()
    decisions = {d.application_id: d for d in s.scalars(select(Decision))}
    assert decisions[apps["ann"].id].notified_at is not None and decisions[apps["ben"].id].notified_at is None
    # A notified decision cannot change; the held candidate can still be decided and is emailed on the next send.
    assert decide(reviewer, apps["ann"].id, "reject").status_code == 302
    s.expire_all()
    assert s.get(Decision, decisions[apps["ann"].id].id).decision == "shortlist"
    assert decide(reviewer, apps["ben"].id, "shortlist", "After a second look").status_code == 302
    assert f.mails_to(outbox, "ben@example.com") == []
    assert release(admin).status_code == 302
    assert len(f.mails_to(outbox, "ben@example.com")) == 1
    assert len(f.outbox_messages(outbox)) == 3


def test_decisions_are_audited_with_who_and_when(released_setup, new_client, s):
    _pos, apps = released_setup
    reviewer = new_client("rev@example.org")
    decide(reviewer, apps["ann"].id, "hold", "Check references")
    decide(reviewer, apps["ann"].id, "shortlist", "References fine")
    entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "decision.set").order_by(AuditEntry.id)).all()
    assert [(e.details["old_decision"], e.details["new_decision"]) for e in entries] == [
        (None, "hold"),
        ("hold", "shortlist"),
    ]
    assert entries[1].details["note"] == "References fine" and entries[1].actor_id is not None
    decision = s.scalar(
        select(Decision).where(Decision.application_id == apps["ann"].id).order_by(Decision.id.desc()).limit(1)
    )  # the standing decision: the latest of the history
    assert decision.decision == "shortlist"
    assert decision.decided_by.name == "Rita Reviewer" and decision.decided_at is not None
    assert decide(reviewer, apps["ann"].id, "maybe").status_code == 302
    s.expire_all()
    assert s.get(Decision, decision.id).decision == "shortlist"
