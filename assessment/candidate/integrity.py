"""Integrity signals (focus loss, hidden tab, large paste) recorded for reviewers. Never an automatic penalty.
Only lengths are recorded for pastes, never the pasted text. Rate-limited per attempt."""

from __future__ import annotations

from datetime import timedelta

from flask import jsonify
from sqlalchemy import func, select

from ..attempts.clock import AttemptClosed, require_writable
from ..extensions import session, settings
from ..models import IntegrityEvent, IntegrityKind, utcnow
from ..web.roles import candidate_required
from .blueprint import bp
from .test_taking import bad_request, closed, json_body, own_attempt

PASTE_THRESHOLD = 200
PER_MINUTE = 30
PER_ATTEMPT = 2000


@bp.route("/applications/<int:application_id>/test/integrity", methods=["POST"])
@candidate_required
def test_integrity(application_id: int):
    _, attempt = own_attempt(application_id)
    data = json_body()
    try:
        require_writable(attempt, settings=settings())
    except AttemptClosed as exc:
        return closed(exc)
    try:
        kind = IntegrityKind(str(data.get("kind")))
    except ValueError:
        return bad_request("kind must be one of: " + ", ".join(IntegrityKind) + ".")
    detail: dict = {}
    where = data.get("where")
    if isinstance(where, str):
        detail["where"] = where[:100]
    if kind == IntegrityKind.PASTE:
        length = data.get("length")
        if not isinstance(length, int) or isinstance(length, bool) or length < 0:
            return bad_request("length must be a non-negative integer.")
        if length <= PASTE_THRESHOLD:
            return jsonify(recorded=False, reason="small paste")
        detail["length"] = length
    if kind in (IntegrityKind.BLUR, IntegrityKind.HIDDEN):
        seconds = data.get("away_seconds")
        if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) and seconds >= 0:
            detail["away_seconds"] = round(float(seconds), 1)
    now = utcnow()
    s = session()
    recent = s.scalar(
        select(func.count(IntegrityEvent.id)).where(
            IntegrityEvent.attempt_id == attempt.id, IntegrityEvent.occurred_at >= now - timedelta(minutes=1)
        )
    )
    total = s.scalar(select(func.count(IntegrityEvent.id)).where(IntegrityEvent.attempt_id == attempt.id))
    if (recent or 0) >= PER_MINUTE or (total or 0) >= PER_ATTEMPT:
        return jsonify(error="rate_limited", message="Too many events; try again in a minute."), 429
    s.add(IntegrityEvent(attempt_id=attempt.id, kind=kind, detail=detail, occurred_at=now))
    s.commit()
    return jsonify(recorded=True)
