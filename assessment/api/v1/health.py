"""Liveness/readiness: database, judge backlog (and Docker/broker where the judge layer reports them)."""
from __future__ import annotations

from flask import jsonify
from sqlalchemy import func, select, text

from ...extensions import session
from ...models import Submission, utcnow
from . import bp


@bp.route("/health")
def health():
    checks: dict = {}
    healthy = True
    db = session()
    try:
        db.execute(text("SELECT 1"))
        checks["database"] = {"ok": True}
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        checks["database"] = {"ok": False, "error": str(exc)[:200]}
        healthy = False
    if checks["database"]["ok"]:
        depth = db.scalar(select(func.count()).select_from(Submission).where(Submission.status == "queued")) or 0
        oldest = db.scalar(select(func.min(Submission.created_at)).where(Submission.status == "queued"))
        checks["queue"] = {
            "ok": True,
            "depth": depth,
            "oldest_queued_seconds": round((utcnow() - oldest).total_seconds(), 1) if oldest else None,
        }
    return jsonify(status="ok" if healthy else "degraded", checks=checks), 200 if healthy else 503
