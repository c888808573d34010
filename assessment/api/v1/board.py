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
from ...selection.board import board_document, board_rows
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
    return jsonify(board_document(position, board_rows(db, position), utcnow()))
