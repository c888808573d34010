"""GET /api/v1/positions/<slug>/board — the selection board as JSON for applicant-tracking systems.

Authenticated with `Authorization: Bearer <token>` (tokens from `assessment api-token create`; only their sha256 is
stored). The rows are exactly the rows of the board page and its CSV export."""

from __future__ import annotations

import hashlib
from functools import wraps

from flask import abort, jsonify, request
from sqlalchemy import select

from ...extensions import session
from ...models import ApiToken, Position, utcnow
from ...selection.board import COLUMNS, board_rows, shortlist_cutoff
from .blueprint import bp


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _unauthorized(message: str):
    response = jsonify(error="Unauthorized", message=message)
    response.status_code = 401
    response.headers["WWW-Authenticate"] = 'Bearer realm="assessment"'
    return response


def token_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return _unauthorized("Send Authorization: Bearer <token> (create one with `assessment api-token create`).")
        db = session()
        row = db.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token.strip())))
        if row is None or row.revoked_at is not None:
            return _unauthorized("The token is invalid or revoked.")
        row.last_used_at = utcnow()
        db.commit()
        return view(*args, **kwargs)

    return wrapped


@bp.route("/positions/<slug>/board")
@token_required
def position_board(slug: str):
    db = session()
    position = db.scalar(select(Position).where(Position.slug == slug))
    if position is None:
        abort(404, f"No position with slug {slug!r}.")
    rows = board_rows(db, position)
    return jsonify(
        position={
            "slug": position.slug,
            "title": position.title,
            "weight_coding": position.weight_coding,
            "weight_essay": position.weight_essay,
            "grading_closed_at": _iso(position.grading_closed_at),
            "decisions_released_at": _iso(position.decisions_released_at),
        },
        generated_at=_iso(utcnow()),
        columns=list(COLUMNS),
        shortlist_cutoff=shortlist_cutoff(rows),
        rows=[row.export() for row in rows],
    )


def _iso(value):
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None
