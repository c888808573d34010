"""GET /api/v1/positions/<slug>/board — the selection board as JSON for applicant-tracking systems.

Authenticated with `Authorization: Bearer <token>`, a token with the `board:read` (or `admin`) scope that has not
expired or been revoked (assessment/accounts/api_tokens.py). The rows are exactly the rows of the board page and its
CSV export."""

from __future__ import annotations

from flask import abort, jsonify
from sqlalchemy import select

from ...enums import TokenScope
from ...extensions import session
from ...models import Position, utcnow
from ...selection.board import board_document, board_rows
from ..auth import token_required
from .blueprint import bp


@bp.route("/positions/<slug>/board")
@token_required(TokenScope.BOARD_READ)
def position_board(slug: str):
    db = session()
    position = db.scalar(select(Position).where(Position.slug == slug))
    if position is None:
        abort(404, f"No position with slug {slug!r}.")
    return jsonify(board_document(position, board_rows(db, position), utcnow()))
