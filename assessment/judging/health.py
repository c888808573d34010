"""Whether the platform can serve and judge: the database, the queue backlog, and what judging needs (the Docker engine
and runner image for the embedded backend, the broker for the Celery backend). The full report, with details, is for
administrators (their health page, or the API with an `admin`-scoped token); anyone else gets the status only."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ..config import Settings
from ..models import ACTIVE_STATUSES, Submission, SubmissionStatus, utcnow

Check = dict[str, Any]


def _database(db: Session) -> Check:
    try:
        db.execute(text("SELECT 1"))
        return {"ok": True}
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        db.rollback()
        return {"ok": False, "error": str(exc).splitlines()[0][:200]}


def _queue(db: Session) -> Check:
    depth = (
        db.scalar(select(func.count()).select_from(Submission).where(Submission.status == SubmissionStatus.QUEUED)) or 0
    )
    judging = db.scalar(select(func.count()).select_from(Submission).where(Submission.status.in_(ACTIVE_STATUSES))) or 0
    oldest = db.scalar(select(func.min(Submission.created_at)).where(Submission.status == SubmissionStatus.QUEUED))
    return {
        "ok": True,
        "depth": depth,
        "judging": judging,
        "oldest_queued_seconds": round((utcnow() - oldest).total_seconds(), 1) if oldest else None,
    }


def _broker(url: str | None) -> Check:
    if not url:
        return {"ok": False, "error": "ASSESSMENT_BROKER_URL is not set"}
    try:
        import redis

        redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2).ping()
        return {"ok": True}
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "error": str(exc)[:200]}


def _docker() -> Check:
    from sandbox.status import engine_status

    status: Check = engine_status()
    return status


def health_report(db: Session, settings: Settings) -> dict[str, Any]:
    """Every check, with details: {"status": "ok" | "degraded", "backend", "checks"}."""
    checks: dict[str, Check] = {"database": _database(db)}
    if checks["database"]["ok"]:
        checks["queue"] = _queue(db)
    if settings.judge_backend == "celery":
        checks["broker"] = _broker(settings.broker_url)
    else:
        checks["docker"] = _docker()
    healthy = all(check.get("ok") for check in checks.values())
    return {"status": "ok" if healthy else "degraded", "backend": settings.judge_backend, "checks": checks}
