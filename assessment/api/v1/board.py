"""GET /api/v1/positions/<slug>/board — the selection board as JSON for applicant-tracking systems.

Authenticated with `Authorization: Bearer <token>`, a token with the `board:read` (or `admin`) scope that has not
expired or been revoked (assessment/accounts/api_tokens.py). The rows are exactly the rows of the board page and its
CSV export."""

from __future__ import annotations

from functools import wraps

from flask import abort, g, jsonify, request
from sqlalchemy import select

from ...accounts.api_tokens import Refusal, authenticate
from ...enums import TokenScope
from ...extensions import session
from ...models import Position, utcnow
from ...selection.board import COLUMNS, board_rows, shortlist_cutoff
from ...selection.scoring import rule_of, words
from .blueprint import bp


def refused(refusal: Refusal):
    response = jsonify(error="Unauthorized" if refusal.status == 401 else "Forbidden", message=refusal.message)
    response.status_code = refusal.status
    if refusal.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="assessment"'
    return response


def token_required(scope: TokenScope):
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            result = authenticate(session(), request.headers.get("Authorization", ""), scope)
            if isinstance(result, Refusal):
                return refused(result)
            g.api_token = result
            return view(*args, **kwargs)

        return wrapped

    return decorator


@bp.route("/positions/<slug>/board")
@token_required(TokenScope.BOARD_READ)
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
            "scoring_rule": rule_of(position).value,
            "scoring_rule_text": words(position).staff,
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
