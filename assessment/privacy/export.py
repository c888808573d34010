"""Everything the platform holds about one candidate, for their data-access request: a zip with `candidate.json`
(account, applications with their fields, decision history, test, submissions, essays with their grades, integrity
signals, interviews with scorecards, and the audit entries about them) and the files (CVs, submitted code, drafts,
essays). Reviewers' and interviewers' names are other people's data: grades and scorecards are listed without them."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..applications.cvstore import cv_file
from ..models import (
    Application,
    Attempt,
    AuditEntry,
    CodeDraft,
    CriterionGrade,
    EssayAnswer,
    EssayReview,
    IntegrityEvent,
    InterviewSlot,
    Problem,
    Scorecard,
    Submission,
    User,
    audit,
    utcnow,
)

EXTENSIONS = {"python": "py", "c": "c", "cpp": "cpp", "java": "java", "javascript": "js"}


def _iso(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def _application(db: Session, application: Application, files: dict[str, bytes], cv_dir: Path) -> dict[str, Any]:
    slug = application.position.slug
    data: dict[str, Any] = {
        "position": {"slug": slug, "title": application.position.title},
        "applied_at": _iso(application.created_at),
        "phone": application.phone,
        "education_level": application.education_level,
        "institution": application.institution,
        "graduation_year": application.graduation_year,
        "cv": None,
        "test_released_at": _iso(application.test_released_at),
        "withdrawn_at": _iso(application.withdrawn_at),
        "withdrawal_reason": application.withdrawal_reason,
        "purged_at": _iso(application.purged_at),
        "decisions": [
            {
                "stage": d.stage.value,
                "decision": d.decision.value,
                "note": d.note,
                "decided_at": _iso(d.decided_at),
                "automatic": d.decided_by_id is None,
                "released_at": _iso(d.released_at),
                "notified_at": _iso(d.notified_at),
            }
            for d in application.decisions
        ],
        "test": None,
        "interview": None,
    }
    cv = cv_file(cv_dir, application.cv_path)
    if cv is not None:
        name = f"files/{slug}/cv.pdf"
        files[name] = cv.read_bytes()
        data["cv"] = {"file": name, "original_name": application.cv_original_name, "sha256": application.cv_sha256}
    attempt = db.scalar(select(Attempt).where(Attempt.application_id == application.id))
    if attempt is not None:
        data["test"] = _test(db, attempt, slug, files)
    slot = db.scalar(select(InterviewSlot).where(InterviewSlot.application_id == application.id))
    cards = db.scalars(select(Scorecard).where(Scorecard.application_id == application.id)).all()
    if slot is not None or cards:
        data["interview"] = {
            "starts_at": _iso(slot.starts_at) if slot else None,
            "ends_at": _iso(slot.ends_at) if slot else None,
            "location": slot.location if slot else None,
            "scorecards": [
                {
                    "ratings": card.rows(),
                    "scale": card.scale,
                    "recommendation": card.recommendation.value,
                    "notes": card.notes,
                    "submitted_at": _iso(card.submitted_at),
                }
                for card in cards
            ],
        }
    return data


def _test(db: Session, attempt: Attempt, slug: str, files: dict[str, bytes]) -> dict[str, Any]:
    problems = {
        p.id: p.slug for p in db.scalars(select(Problem).where(Problem.position_id == attempt.application.position_id))
    }
    submissions = []
    for sub in db.scalars(select(Submission).where(Submission.attempt_id == attempt.id).order_by(Submission.id)):
        name = f"files/{slug}/code/{problems.get(sub.problem_id, sub.problem_id)}/submission-{sub.id}.{EXTENSIONS.get(sub.language, 'txt')}"
        files[name] = sub.source.encode()
        submissions.append(
            {
                "problem": problems.get(sub.problem_id),
                "language": sub.language,
                "kind": sub.kind.value,
                "created_at": _iso(sub.created_at),
                "verdict": sub.verdict.value if sub.verdict else None,
                "score": sub.score,
                "file": name,
            }
        )
    drafts = []
    for draft in db.scalars(select(CodeDraft).where(CodeDraft.attempt_id == attempt.id)):
        name = f"files/{slug}/drafts/{problems.get(draft.problem_id, draft.problem_id)}.{EXTENSIONS.get(draft.language, 'txt')}"
        files[name] = draft.source.encode()
        drafts.append({"problem": problems.get(draft.problem_id), "language": draft.language, "file": name})
    essays = []
    for answer in db.scalars(select(EssayAnswer).where(EssayAnswer.attempt_id == attempt.id)):
        name = f"files/{slug}/essays/{answer.prompt_version.prompt.slug}.txt"
        files[name] = answer.text.encode()
        grades = []
        for review in db.scalars(
            select(EssayReview).where(EssayReview.answer_id == answer.id, EssayReview.submitted_at.is_not(None))
        ):
            points = db.scalars(select(CriterionGrade).where(CriterionGrade.review_id == review.id)).all()
            grades.append(
                {
                    "role": review.role.value,
                    "total": review.total,
                    "criteria": [{"criterion": g.criterion.name, "points": g.points} for g in points],
                    "comment": review.comment,
                }
            )
        essays.append(
            {
                "prompt": answer.prompt_version.title,
                "word_count": answer.word_count,
                "final": answer.final,
                "file": name,
                "grades": grades,
            }
        )
    events = db.scalars(select(IntegrityEvent).where(IntegrityEvent.attempt_id == attempt.id)).all()
    return {
        "started_at": _iso(attempt.started_at),
        "deadline_at": _iso(attempt.deadline_at),
        "finished_at": _iso(attempt.finished_at),
        "submissions": submissions,
        "drafts": drafts,
        "essays": essays,
        "integrity_signals": [
            {"kind": e.kind.value, "at": _iso(e.occurred_at), "duration_ms": e.duration_ms, "detail": e.detail}
            for e in events
        ],
    }


def related_audit(db: Session, user: User, application_ids: list[int]) -> list[AuditEntry]:
    """The audit entries about the candidate or done by them."""
    conditions = [
        AuditEntry.actor_id == user.id,
        (AuditEntry.target_type == "User") & (AuditEntry.target_id == user.id),
    ]
    if application_ids:
        conditions.append((AuditEntry.target_type == "Application") & AuditEntry.target_id.in_(application_ids))
    return list(db.scalars(select(AuditEntry).where(or_(*conditions)).order_by(AuditEntry.id)))


def export_candidate(db: Session, user: User, cv_dir: Path, actor: Any) -> bytes:
    """The zip of everything held about `user`. Audited (who exported whom, not what)."""
    files: dict[str, bytes] = {}
    applications = db.scalars(select(Application).where(Application.user_id == user.id).order_by(Application.id)).all()
    document = {
        "exported_at": _iso(utcnow()),
        "account": {
            "name": user.name,
            "email": user.email,
            "created_at": _iso(user.created_at),
            "email_confirmed_at": _iso(user.email_confirmed_at),
            "last_login_at": _iso(user.last_login_at),
            "timezone": user.timezone,
            "browser_timezone": user.browser_timezone,
            "deletion_requested_at": _iso(user.deletion_requested_at),
            "erased_at": _iso(user.erased_at),
        },
        "applications": [_application(db, a, files, cv_dir) for a in applications],
        "audit": [
            {"at": _iso(e.at), "action": e.action, "by_the_candidate": e.actor_id == user.id, "details": e.details}
            for e in related_audit(db, user, [a.id for a in applications])
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("candidate.json", json.dumps(document, indent=2, ensure_ascii=False, default=str))
        for name, data in sorted(files.items()):
            archive.writestr(name, data)
    audit(db, "candidate.exported", actor=actor, target=user, files=len(files), applications=len(applications))
    db.commit()
    return buffer.getvalue()
