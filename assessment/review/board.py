"""The selection board page of a position and its CSV export (the rows come from assessment.selection.board). Closed
to a grader while their grading is open; a viewer who may not see identities gets the rows with pseudonyms."""

from __future__ import annotations

import json

from flask import Response, render_template
from flask_babel import gettext
from flask_login import current_user
from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from ..extensions import session
from ..models import DecisionKind, Position, utcnow
from ..selection import access, scoring, weights
from ..selection.board import (
    COLUMNS,
    BoardRow,
    blind,
    board_csv_text,
    board_document,
    board_rows,
    cell,
    hide_interview_scores,
    shortlist_cutoff,
)
from ..web.roles import staff_required
from .access import may_decide, may_see_identity, results_position_or_403
from .blueprint import bp
from .integrity import board_timeline


def rows_for_viewer(db: Session, position: Position) -> list[BoardRow]:
    """The board's rows as the signed-in user may see them: with names, or with pseudonyms; without the interview
    score of a candidate whose scorecard the user still owes."""
    rows = hide_interview_scores(board_rows(db, position), access.scorecards_owed(db, position, current_user))
    return rows if may_see_identity(position) else blind(rows)


def histogram_svg(
    totals: list[float], cutoff: float | None, bins: int = 10, width: int = 560, height: int = 200
) -> Markup:
    """Bar chart of totals (0..100 in `bins` bins) with a dashed line at the shortlist cut-off, as inline SVG."""
    counts = [0] * bins
    for value in totals:
        counts[min(bins - 1, max(0, int(value // (100 / bins))))] += 1
    top = max(counts) if any(counts) else 1
    left, bottom, plot_h = 34, 28, height - 28 - 30
    plot_w = width - left - 10
    bar_w = plot_w / bins
    parts = [
        f'<svg class="histogram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="hist-title hist-desc">',
        f'<title id="hist-title">{escape(gettext("Distribution of total scores"))}</title>',
        f'<desc id="hist-desc">{escape(_describe(counts, cutoff, bins))}</desc>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" class="axis"/>',
    ]
    for i, count in enumerate(counts):
        h = 0 if top == 0 else plot_h * count / top
        x = left + i * bar_w
        y = height - bottom - h
        parts.append(
            f'<rect class="bar" x="{x + 2:.1f}" y="{y:.1f}" width="{bar_w - 4:.1f}" height="{h:.1f}">'
            f"<title>{i * 100 // bins}–{(i + 1) * 100 // bins}: {count}</title></rect>"
        )
        if count:
            parts.append(
                f'<text class="count" x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{count}</text>'
            )
    for i in range(0, bins + 1, 2):
        x = left + i * bar_w
        parts.append(
            f'<text class="tick" x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">{i * 100 // bins}</text>'
        )
    if cutoff is not None:
        x = left + plot_w * min(100.0, max(0.0, cutoff)) / 100
        parts.append(f'<line class="cutoff" x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - bottom}"/>')
        label = escape(gettext("shortlist ≥ %(cutoff)s", cutoff=f"{cutoff:.2f}"))
        parts.append(f'<text class="cutoff-label" x="{x + 4:.1f}" y="14">{label}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _describe(counts: list[int], cutoff: float | None, bins: int) -> str:
    text = "; ".join(f"{i * 100 // bins}–{(i + 1) * 100 // bins}: {c}" for i, c in enumerate(counts) if c) or gettext(
        "no candidates"
    )
    if cutoff is not None:
        text += ". " + gettext("Shortlist cut-off (lowest shortlisted total): %(cutoff)s", cutoff=f"{cutoff:.2f}")
    return text


@bp.route("/positions/<slug>/board")
@staff_required
def board(slug: str):
    position = results_position_or_403(slug)
    rows = rows_for_viewer(session(), position)
    for row in rows:
        if row.test_window is not None:
            row.integrity_timeline = board_timeline(*row.test_window, row.integrity_signals)
    cutoff = shortlist_cutoff(rows)
    shortlisted = sum(1 for r in rows if r.decision == DecisionKind.SHORTLIST)
    return render_template(
        "review/board.html",
        position=position,
        rows=rows,
        cell=cell,
        columns=COLUMNS,
        histogram=histogram_svg([r.total for r in rows], cutoff),
        cutoff=cutoff,
        identity=may_see_identity(position),
        can_decide=may_decide(position),
        rule=scoring.words(position),
        weight=weights.effective(position),
        default_weight=weights.defaults(position),
        weight_parts=weights.parts(position),
        weights_stale=weights.override_is_stale(position),
        weight_changes=weights.changes(session(), position)[:5],
        shortlist_size=shortlisted or max(1, -(-len(rows) // 4)) if rows else 0,
    )


@bp.route("/positions/<slug>/board.json")
@staff_required
def board_json(slug: str):
    """The board as JSON, from the page (the same document as the API, with this viewer's blindness)."""
    position = results_position_or_403(slug)
    now = utcnow()
    document = board_document(position, rows_for_viewer(session(), position), now)
    filename = f"{position.slug}-board-{now:%Y%m%d-%H%M}.json"
    return Response(
        json.dumps(document, indent=2, ensure_ascii=False),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


@bp.route("/positions/<slug>/board.csv")
@staff_required
def board_csv(slug: str):
    position = results_position_or_403(slug)
    text = board_csv_text(rows_for_viewer(session(), position))
    filename = f"{position.slug}-board-{utcnow():%Y%m%d-%H%M}.csv"
    return Response(
        text,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )
