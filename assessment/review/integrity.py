"""The timeline of a candidate's integrity signals, for the board (compact) and the candidate's page. Evidence to read,
never a penalty: nothing here changes a score (the words and counts are in assessment.selection.integrity)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from flask_babel import gettext
from markupsafe import Markup, escape

from ..enums import IntegrityKind
from ..models import IntegrityEvent
from ..selection.integrity import duration_text, is_away


def timeline_svg(
    start: datetime,
    end: datetime,
    events: Sequence[IntegrityEvent],
    width: int = 640,
    height: int = 54,
    compact: bool = False,
) -> Markup:
    """The test from start to end as a bar; each period away is a red span (as long as it lasted), each large paste a
    tick. Inline SVG with a text description for screen readers; `compact` (the board) leaves out the labels."""
    span = max((end - start).total_seconds(), 1.0)
    left, right, top, bar_h = (1, width - 1, 3, height - 6) if compact else (8, width - 8, 14, 16)

    def x(at: datetime) -> float:
        return left + (right - left) * min(1.0, max(0.0, (at - start).total_seconds() / span))

    opening = (
        f'<svg class="integrity-timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        'width="100%" role="img" '
    )
    if compact:  # several on one page: labelled inline, no ids
        parts = [opening + f'aria-label="{escape(_describe(start, events))}">']
    else:
        parts = [
            opening + 'aria-labelledby="timeline-title timeline-desc">',
            f'<title id="timeline-title">{escape(gettext("When the candidate left the test"))}</title>',
            f'<desc id="timeline-desc">{escape(_describe(start, events))}</desc>',
        ]
    parts.append(f'<rect class="track" x="{left}" y="{top}" width="{right - left}" height="{bar_h}" rx="3"/>')
    for event in events:
        begin = x(event.occurred_at)
        label = IntegrityKind(event.kind).label
        if is_away(event):
            seconds = (event.duration_ms or 0) / 1000
            end_x = left + (right - left) * min(
                1.0, max(0.0, ((event.occurred_at - start).total_seconds() + seconds) / span)
            )
            parts.append(
                f'<rect class="away away-{event.kind}" x="{begin:.1f}" y="{top}" '
                f'width="{max(2.0, end_x - begin):.1f}" height="{bar_h}"><title>'
                f"{escape(label)}: {escape(duration_text(event.duration_ms))}</title></rect>"
            )
        else:
            parts.append(
                f'<line class="paste" x1="{begin:.1f}" y1="{top - 4}" x2="{begin:.1f}" y2="{top + bar_h + 4}">'
                f"<title>{escape(label)}</title></line>"
            )
    if not compact:
        start_label, end_label = escape(gettext("start")), escape(gettext("end"))
        parts.append(f'<text class="tick" x="{left}" y="{height - 4}">{start_label}</text>')
        parts.append(f'<text class="tick" x="{right}" y="{height - 4}" text-anchor="end">{end_label}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _describe(start: datetime, events: Sequence[IntegrityEvent]) -> str:
    if not events:
        return gettext("No signal during the test.")
    items = []
    for event in events:
        minute = int((event.occurred_at - start).total_seconds() // 60)
        what = IntegrityKind(event.kind).label
        if is_away(event):
            items.append(
                gettext(
                    "minute %(minute)d: %(what)s for %(duration)s",
                    minute=minute,
                    what=what,
                    duration=duration_text(event.duration_ms),
                )
            )
        else:
            items.append(gettext("minute %(minute)d: %(what)s", minute=minute, what=what))
    return "; ".join(items)


def board_timeline(started_at: datetime, ended_at: datetime, events: Sequence[IntegrityEvent]) -> Markup | None:
    """The board's small timeline of one candidate's signals (None without any)."""
    if not events:
        return None
    return timeline_svg(started_at, ended_at, events, width=160, height=16, compact=True)
