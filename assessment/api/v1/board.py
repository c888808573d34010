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
from ...selection.board import COLUMNS, board_rows, shortlist_cutoff
from ...selection.scoring import rule_of, words
from ..auth import token_required
from .blueprint import bp


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
