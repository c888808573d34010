"""Erasing a candidate (an administrator's action, after a deletion request or on their own judgement).

What goes: who they are (name, email, password, time zones; the account can no longer sign in), every CV file, the
application fields (phone, education, institution, graduation year), the code they wrote (submissions' source,
drafts, program output), their essays' text, and every free text written about them (decision notes, grader
comments, scorecard notes, withdrawal reasons, integrity details); their email and name are scrubbed from
invitations and from the audit log. What stays, anonymised, so the position's statistics do not change: the
applications (under their pseudonym), scores, verdicts, grade points, ratings, decisions and word counts. The
erasure itself is audited without the name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import String, cast, or_, select
from sqlalchemy.orm import Session

from ..applications.cvstore import remove_cv
from ..interviews.booking import cancel_on_withdrawal
from ..models import (
    Application,
    Attempt,
    AuditEntry,
    CodeDraft,
    Decision,
    EssayAnswer,
    EssayReview,
    IntegrityEvent,
    Invitation,
    Scorecard,
    Submission,
    TestResult,
    User,
    audit,
    utcnow,
)

ERASED_NAME = "Erased candidate"
ERASED = "[erased]"


def erased_email(user_id: int) -> str:
    return f"erased-{user_id}@erased.invalid"


@dataclass
class ErasureReport:
    applications: int = 0
    cvs: int = 0
    submissions: int = 0
    drafts: int = 0
    essays: int = 0
    notes: int = 0
    audit_entries: int = 0
    invitations: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, int]:
        return {
            key: getattr(self, key)
            for key in (
                "applications",
                "cvs",
                "submissions",
                "drafts",
                "essays",
                "notes",
                "audit_entries",
                "invitations",
            )
        }


# Free text people wrote (decision notes, reasons, comments) may say anything about the candidate: in the audit
# entries about them it is blanked whole, not searched for their name.
FREE_TEXT_KEYS = frozenset({"note", "old_note", "reason", "comment", "notes", "withdrawal_reason"})


def _scrub(value: Any, words: list[str], key: str = "") -> Any:
    """`value` (audit details) with every free text blanked and every occurrence of the erased person's email and
    name replaced, whatever its case."""
    if isinstance(value, str):
        if key in FREE_TEXT_KEYS and value:
            return ERASED
        for word in words:
            if word:
                value = re.sub(re.escape(word), ERASED, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, list):
        return [_scrub(v, words, key) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, words, k) for k, v in value.items()}
    return value


def _about(entry: AuditEntry, application_ids: set[int]) -> bool:
    """The entry's details name one of the candidate's applications."""
    details = entry.details if isinstance(entry.details, dict) else {}
    return details.get("application_id") in application_ids


def erase(db: Session, user: User, cv_dir: Path, actor: Any) -> ErasureReport:
    """Erase the candidate (see the module's description). Commits. Idempotent."""
    report = ErasureReport()
    old_email, old_name = user.email, user.name
    applications = db.scalars(select(Application).where(Application.user_id == user.id)).all()
    now = utcnow()
    for application in applications:
        report.applications += 1
        if application.withdrawn_at is None:
            application.withdrawn_at = now
            cancel_on_withdrawal(db, application)
        if remove_cv(cv_dir, application.cv_path):
            report.cvs += 1
        application.cv_path = application.cv_original_name = application.cv_sha256 = None
        application.cv_size = None
        application.phone = application.institution = application.education_level = ""
        application.graduation_year = None
        application.withdrawal_reason = ""
        for decision in db.scalars(select(Decision).where(Decision.application_id == application.id)):
            if decision.note:
                decision.note = ""
                report.notes += 1
        for card in db.scalars(select(Scorecard).where(Scorecard.application_id == application.id)):
            if card.notes:
                card.notes = ""
                report.notes += 1
        attempt = db.scalar(select(Attempt).where(Attempt.application_id == application.id))
        if attempt is None:
            continue
        for sub in db.scalars(select(Submission).where(Submission.attempt_id == attempt.id)):
            sub.source = ""
            sub.custom_input = None
            sub.compile_output = ""
            report.submissions += 1
            for result in db.scalars(select(TestResult).where(TestResult.submission_id == sub.id)):
                result.output = None
                result.message = ""
        for draft in db.scalars(select(CodeDraft).where(CodeDraft.attempt_id == attempt.id)):
            db.delete(draft)
            report.drafts += 1
        for answer in db.scalars(select(EssayAnswer).where(EssayAnswer.attempt_id == attempt.id)):
            answer.text = ""
            report.essays += 1
            for review in db.scalars(select(EssayReview).where(EssayReview.answer_id == answer.id)):
                if review.comment:
                    review.comment = ""
                    report.notes += 1
        for event in db.scalars(select(IntegrityEvent).where(IntegrityEvent.attempt_id == attempt.id)):
            event.detail = {}
    for invitation in db.scalars(
        select(Invitation).where(or_(Invitation.email == old_email, Invitation.user_id == user.id))
    ):
        invitation.email = erased_email(user.id)
        invitation.name = ERASED_NAME
        report.invitations += 1
    words = [old_email, old_name] if old_name != ERASED_NAME else [old_email]
    application_ids = [a.id for a in applications]
    decision_ids = list(db.scalars(select(Decision.id).where(Decision.application_id.in_(application_ids))))
    review_ids = list(
        db.scalars(
            select(EssayReview.id)
            .join(EssayAnswer, EssayReview.answer_id == EssayAnswer.id)
            .join(Attempt, EssayAnswer.attempt_id == Attempt.id)
            .where(Attempt.application_id.in_(application_ids))
        )
    )
    related = [
        AuditEntry.actor_id == user.id,
        (AuditEntry.target_type == "User") & (AuditEntry.target_id == user.id),
        cast(AuditEntry.details, String).contains(old_email),
        (AuditEntry.target_type == "Application") & AuditEntry.target_id.in_(application_ids),
        (AuditEntry.target_type == "Decision") & AuditEntry.target_id.in_(decision_ids),
        (AuditEntry.target_type == "EssayReview") & AuditEntry.target_id.in_(review_ids),
    ]
    entries = list(db.scalars(select(AuditEntry).where(or_(*related))))
    mentioning = select(AuditEntry).where(cast(AuditEntry.details, String).contains('"application_id"'))
    entries += [e for e in db.scalars(mentioning) if _about(e, set(application_ids)) and e not in entries]
    for entry in entries:
        scrubbed = _scrub(entry.details, words)
        if scrubbed != entry.details:
            entry.details = scrubbed
            report.audit_entries += 1
    user.name = ERASED_NAME
    user.email = erased_email(user.id)
    user.password_hash = None  # also ends every session (the generation rises)
    user.active = False
    user.timezone = user.browser_timezone = None
    user.erased_at = user.erased_at or now
    audit(db, "candidate.erased", actor=actor, target=user, **report.as_dict())
    db.commit()
    return report
