"""Integrity signals recorded for reviewers. Never an automatic penalty.

Only leaving the test counts, each time with how long the candidate was away: `hidden` (the test's tab or window was
hidden: another tab or application), `blur` (another window in front while the test stayed visible), `left` (another
page opened in the test's tab, then back). Moving between the test's own pages never counts; the page script
(static/js/test-common.js) reports a period when the candidate comes back. Large pastes are recorded by length only,
never the pasted text. Rate-limited per attempt."""

from __future__ import annotations

from datetime import timedelta

from flask import jsonify
from flask_babel import gettext
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
MAX_DURATION_MS = 24 * 3600 * 1000


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
    duration_ms = None
    now = utcnow()
    if kind == IntegrityKind.PASTE:
        length = data.get("length")
        if not isinstance(length, int) or isinstance(length, bool) or length < 0:
            return bad_request("length must be a non-negative integer.")
        if length <= PASTE_THRESHOLD:
            return jsonify(recorded=False, reason="small paste")
        detail["length"] = length
        where = data.get("where")
        if isinstance(where, str):
            detail["where"] = where[:100]
    else:
        duration_ms = data.get("duration_ms")
        if not isinstance(duration_ms, int) or isinstance(duration_ms, bool) or not 0 <= duration_ms <= MAX_DURATION_MS:
            return bad_request("duration_ms must be the milliseconds spent away (a whole number).")
    s = session()
    recent = s.scalar(
        select(func.count(IntegrityEvent.id)).where(
            IntegrityEvent.attempt_id == attempt.id, IntegrityEvent.occurred_at >= now - timedelta(minutes=1)
        )
    )
    total = s.scalar(select(func.count(IntegrityEvent.id)).where(IntegrityEvent.attempt_id == attempt.id))
    if (recent or 0) >= PER_MINUTE or (total or 0) >= PER_ATTEMPT:
        return jsonify(error="rate_limited", message=gettext("Too many events; try again in a minute.")), 429
    started = now - timedelta(milliseconds=duration_ms) if duration_ms is not None else now
    s.add(
        IntegrityEvent(
            attempt_id=attempt.id,
            kind=kind,
            detail=detail,
            occurred_at=max(started, attempt.started_at),
            duration_ms=duration_ms,
        )
    )
    s.commit()
    return jsonify(recorded=True)
