"""Liveness/readiness: database, queue backlog, and what judging needs (the Docker engine and runner image for the
embedded backend, the broker for the Celery backend). 503 when anything is degraded.

Without a token the answer is the status only ({"status": "ok"} or "degraded"): software versions, image names and
error texts help an attacker and are shown only with an `admin`-scoped API token (or on the admin health page)."""

from __future__ import annotations

from flask import jsonify, request
from sqlalchemy import func, select, text

from ...extensions import session, settings
from ...models import Submission, utcnow
from ..tokens import Refusal, authenticate
from . import bp


def _database() -> dict:
    try:
        session().execute(text("SELECT 1"))
        return {"ok": True}
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        session().rollback()
        return {"ok": False, "error": str(exc).splitlines()[0][:200]}


def _queue() -> dict:
    db = session()
    depth = db.scalar(select(func.count()).select_from(Submission).where(Submission.status == "queued")) or 0
    judging = (
        db.scalar(select(func.count()).select_from(Submission).where(Submission.status.in_(("compiling", "running"))))
        or 0
    )
    oldest = db.scalar(select(func.min(Submission.created_at)).where(Submission.status == "queued"))
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


def health_report() -> dict:
    """Every check, with details (for administrators)."""
    config = settings()
    checks: dict = {"database": _database()}
    if checks["database"]["ok"]:
        checks["queue"] = _queue()
    if config.judge_backend == "celery":
        checks["broker"] = _broker(config.broker_url)
    else:
        checks["docker"] = _docker()
    healthy = all(check.get("ok") for check in checks.values())
    return {"status": "ok" if healthy else "degraded", "backend": config.judge_backend, "checks": checks}


@bp.route("/health")
def health():
    report = health_report()
    code = 200 if report["status"] == "ok" else 503
    header = request.headers.get("Authorization", "")
    if header and not isinstance(authenticate(session(), header, "admin"), Refusal):
        return jsonify(report), code
    return jsonify(status=report["status"]), code
