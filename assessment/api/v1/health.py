"""Liveness/readiness: database, queue backlog, and what judging needs (the Docker engine and runner image for the
embedded backend, the broker for the Celery backend). 503 when anything is degraded."""

from __future__ import annotations

from flask import jsonify
from sqlalchemy import func, select, text

from ...extensions import session, settings
from ...models import ACTIVE_STATUSES, Submission, SubmissionStatus, utcnow
from .blueprint import bp


def _database() -> dict:
    try:
        session().execute(text("SELECT 1"))
        return {"ok": True}
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        session().rollback()
        return {"ok": False, "error": str(exc).splitlines()[0][:200]}


def _queue() -> dict:
    db = session()
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


def _broker(url: str | None) -> dict:
    if not url:
        return {"ok": False, "error": "ASSESSMENT_BROKER_URL is not set"}
    try:
        import redis

        redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2).ping()
        return {"ok": True}
    except Exception as exc:  # noqa: BLE001
        return {"ok": False, "error": str(exc)[:200]}


def _docker() -> dict:
    try:
        from sandbox.status import engine_status
    except ImportError as exc:  # pragma: no cover - sandbox package missing
        return {"ok": False, "error": str(exc)}
    return engine_status()


@bp.route("/health")
def health():
    config = settings()
    checks: dict = {"database": _database()}
    if checks["database"]["ok"]:
        checks["queue"] = _queue()
    if config.judge_backend == "celery":
        checks["broker"] = _broker(config.broker_url)
    else:
        checks["docker"] = _docker()
    healthy = all(check.get("ok") for check in checks.values())
    return jsonify(
        status="ok" if healthy else "degraded", backend=config.judge_backend, checks=checks
    ), 200 if healthy else 503
