"""The retention rule: CVs and drafts of decided applications are purged `retention_days` after the decision
(`ASSESSMENT_RETENTION_DAYS`; `assessment purge` lists what it would remove, `--apply` removes it).

An application is decided when its candidate was shown a final decision (a rejection at any stage, or an offer) or
when they withdrew it; the days count from that moment. Purged: the CV file (and its name and hash), the code drafts
and the essay answers that never became final. Kept: submissions, final essays, grades, scores and decisions (the
selection's record). Each purged application is audited and marked (`purged_at`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from ..applications.cvstore import remove_cv
from ..models import Application, Attempt, CodeDraft, EssayAnswer, audit, utcnow


@dataclass
class PurgeItem:
    application_id: int
    position: str
    decided: str  # "rejected", "offered", "withdrawn"
    decided_at: datetime
    cv: bool
    code_drafts: int
    essay_drafts: int

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["decided_at"] = self.decided_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        return data


def decided_at(application: Application) -> tuple[str, datetime] | None:
    """When the application was decided for good (a released final decision, or a withdrawal), and how."""
    moments: list[tuple[datetime, str]] = []
    if application.withdrawn_at is not None:
        moments.append((application.withdrawn_at, "withdrawn"))
    for decision in application.decisions:
        if decision.decision.final and decision.released_at is not None:
            moments.append((decision.released_at, "offered" if decision.decision.value == "offer" else "rejected"))
    if not moments:
        return None
    when, how = min(moments)
    return how, when


def plan(db: Session, days: int, now: datetime | None = None) -> list[PurgeItem]:
    """What the rule would purge now."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    items = []
    applications = db.scalars(
        select(Application).options(selectinload(Application.decisions), selectinload(Application.position))
    ).all()
    for application in applications:
        decided = decided_at(application)
        if decided is None or decided[1] > cutoff:
            continue
        attempt_id = db.scalar(select(Attempt.id).where(Attempt.application_id == application.id))
        code = essay = 0
        if attempt_id is not None:
            code = db.scalar(select(func.count()).select_from(CodeDraft).where(CodeDraft.attempt_id == attempt_id)) or 0
            essay = (
                db.scalar(
                    select(func.count())
                    .select_from(EssayAnswer)
                    .where(EssayAnswer.attempt_id == attempt_id, EssayAnswer.final.is_(False))
                )
                or 0
            )
        if application.cv_path is None and not code and not essay:
            continue
        items.append(
            PurgeItem(
                application_id=application.id,
                position=application.position.slug,
                decided=decided[0],
                decided_at=decided[1],
                cv=application.cv_path is not None,
                code_drafts=int(code),
                essay_drafts=int(essay),
            )
        )
    return items


def apply(db: Session, items: list[PurgeItem], cv_dir: Path, days: int) -> int:
    """Purge the planned items. Commits each application on its own. Returns how many were purged."""
    done = 0
    for item in items:
        application = db.get(Application, item.application_id)
        if application is None:
            continue
        removed = remove_cv(cv_dir, application.cv_path)
        application.cv_path = application.cv_original_name = application.cv_sha256 = None
        application.cv_size = None
        attempt_id = db.scalar(select(Attempt.id).where(Attempt.application_id == application.id))
        if attempt_id is not None:
            db.execute(delete(CodeDraft).where(CodeDraft.attempt_id == attempt_id))
            db.execute(delete(EssayAnswer).where(EssayAnswer.attempt_id == attempt_id, EssayAnswer.final.is_(False)))
        application.purged_at = utcnow()
        audit(
            db,
            "retention.purged",
            target=application,
            retention_days=days,
            decided=item.decided,
            decided_at=item.decided_at.isoformat(),
            cv_file_removed=removed,
            code_drafts=item.code_drafts,
            essay_drafts=item.essay_drafts,
        )
        db.commit()
        done += 1
    return done
