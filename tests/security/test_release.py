"""Finding 7: releasing decisions has a brake. A confirmation page shows how many of each decision go out and to whom;
nothing is sent without it; release is refused while essays are ungraded or awaiting adjudication unless an
administrator overrides with a written reason, which is audited."""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.review import factories as f
from tests.security.conftest import post_form

RELEASE = "/admin/positions/ml-intern/release-decisions"


def seed(s, *, ungraded: bool):
    from assessment.models import Decision

    pos = f.position(s, "ml-intern", title="ML Intern", prompts=1, problems=1)
    graders = [f.user(s, f"g{i}@staff.org", "reviewer", f"Grader {i}") for i in (1, 2)]
    admin = f.user(s, "admin@staff.org", "admin", "Ann Admin")
    for grader in graders:
        f.assign(s, grader, pos)
    people = {"ann": "shortlist", "ben": "shortlist", "cat": "reject", "dan": "hold", "eve": None}
    for name, decision in people.items():
        app = f.candidate(s, pos, f"{name}@example.com", name.title())
        answer = f.answer(s, app)
        if not (ungraded and name == "cat"):
            f.review(s, answer, graders[0], [4, 3, 3])
            f.review(s, answer, graders[1], [4, 3, 2])
        if decision:
            s.add(Decision(application_id=app.id, decision=decision, decided_by_id=admin.id))
    s.commit()
    return pos


def confirmation_fields(html: str) -> dict:
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', html)
    assert fingerprint, "the confirmation page has no release form"
    return {"confirm": "yes", "fingerprint": fingerprint.group(1)}


def test_nothing_is_sent_without_the_confirmation_page_which_counts_and_lists_recipients(app, s, settings, signed_in):
    seed(s, ungraded=False)
    admin = signed_in("admin@staff.org")
    blind = post_form(admin, RELEASE, {}, page="/review/positions/ml-intern/board")
    assert blind.status_code == 400
    assert f.outbox_messages(settings.outbox_dir) == []
    page = admin.get(RELEASE)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    counts = dict(re.findall(r'data-decision="(\w+)"[^>]*>\s*(\d+)', html))
    assert counts == {"shortlist": "2", "reject": "1", "hold": "1", "undecided": "1"}
    recipients = re.findall(r'<td class="recipient-email">([^<]+)</td>', html)
    assert sorted(recipients) == ["ann@example.com", "ben@example.com", "cat@example.com"]
    assert "dan@example.com" not in html.split('id="recipients"')[1].split("</table>")[0]
    released = post_form(admin, RELEASE, confirmation_fields(html), page=RELEASE)
    assert released.status_code == 302
    sent = sorted(m["to"] for m in f.outbox_messages(settings.outbox_dir))
    assert sent == ["ann@example.com", "ben@example.com", "cat@example.com"]


def test_a_decision_changed_after_the_page_was_opened_stops_the_release(app, s, settings, signed_in):
    from assessment.models import Application, Decision, User

    seed(s, ungraded=False)
    admin = signed_in("admin@staff.org")
    fields = confirmation_fields(admin.get(RELEASE).get_data(as_text=True))
    dan = s.scalar(
        select(Application).join(User, User.id == Application.user_id).where(User.email == "dan@example.com")
    )
    s.scalar(select(Decision).where(Decision.application_id == dan.id)).decision = "reject"
    s.commit()
    stale = post_form(admin, RELEASE, fields, page="/review/positions/ml-intern/board")
    assert stale.status_code == 409 and "changed" in stale.get_data(as_text=True)
    assert f.outbox_messages(settings.outbox_dir) == []


def test_release_is_refused_while_essays_are_ungraded_unless_overridden_with_a_reason(app, s, settings, signed_in):
    from assessment.models import AuditEntry, Position

    seed(s, ungraded=True)
    admin = signed_in("admin@staff.org")
    html = admin.get(RELEASE).get_data(as_text=True)
    assert "1 essay" in html and "not fully graded" in html
    fields = confirmation_fields(html)
    refused = post_form(admin, RELEASE, fields, page=RELEASE)
    assert refused.status_code == 409
    assert f.outbox_messages(settings.outbox_dir) == []
    too_short = post_form(admin, RELEASE, {**fields, "override": "yes", "reason": "hurry"}, page=RELEASE)
    assert too_short.status_code == 409 and f.outbox_messages(settings.outbox_dir) == []
    reason = "Cat's essay grader is on leave; the decision does not depend on it."
    released = post_form(admin, RELEASE, {**fields, "override": "yes", "reason": reason}, page=RELEASE)
    assert released.status_code == 302
    assert len(f.outbox_messages(settings.outbox_dir)) == 3
    entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "position.release_override"))
    assert entry is not None and entry.details["reason"] == reason and entry.details["ungraded_essays"] == 1
    assert entry.actor_id is not None
    s.expire_all()
    assert s.scalar(select(Position).where(Position.slug == "ml-intern")).decisions_released_at is not None
