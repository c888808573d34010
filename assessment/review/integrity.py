"""How integrity signals are shown to reviewers: counts on the board, a timeline on the candidate's page. Evidence to
read, never a penalty: nothing here changes a score."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from markupsafe import Markup, escape

LABELS = {
    "hidden": "Switched to another tab or application",
    "blur": "Another window in front of the test",
    "left": "Opened another page in the test's tab",
    "paste": "Pasted a large text",
}
AWAY = ("hidden", "blur", "left")


def duration_text(ms: int | None) -> str:
    if ms is None:
        return "—"
    seconds = round(ms / 1000)
    if seconds < 60:
        return f"{max(seconds, 0)} s" if ms >= 1000 else f"{ms / 1000:.1f} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def summary(events: Sequence) -> str:
    """ "left the test 3× (total 1 min 12 s); 1 large paste" — the board's words for a candidate's signals."""
    away = [e for e in events if e.kind in AWAY]
    pastes = sum(1 for e in events if e.kind == "paste")
    parts = []
    if away:
        total = sum(e.duration_ms or 0 for e in away)
        parts.append(f"left the test {len(away)}× (total {duration_text(total)})")
    if pastes:
        parts.append(f"{pastes} large paste{'s' if pastes != 1 else ''}")
    return "; ".join(parts)


def timeline_svg(
    start: datetime, end: datetime, events: Sequence, width: int = 640, height: int = 54, compact: bool = False
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
            '<title id="timeline-title">When the candidate left the test</title>',
            f'<desc id="timeline-desc">{escape(_describe(start, events))}</desc>',
        ]
    parts.append(f'<rect class="track" x="{left}" y="{top}" width="{right - left}" height="{bar_h}" rx="3"/>')
    for event in events:
        begin = x(event.occurred_at)
        if event.kind in AWAY:
            seconds = (event.duration_ms or 0) / 1000
            end_x = left + (right - left) * min(
                1.0, max(0.0, ((event.occurred_at - start).total_seconds() + seconds) / span)
            )
            parts.append(
                f'<rect class="away away-{event.kind}" x="{begin:.1f}" y="{top}" '
                f'width="{max(2.0, end_x - begin):.1f}" height="{bar_h}"><title>'
                f"{escape(LABELS[event.kind])}: {escape(duration_text(event.duration_ms))}</title></rect>"
            )
        else:
            parts.append(
                f'<line class="paste" x1="{begin:.1f}" y1="{top - 4}" x2="{begin:.1f}" y2="{top + bar_h + 4}">'
                f"<title>{escape(LABELS.get(event.kind, event.kind))}</title></line>"
            )
    if not compact:
        parts.append(f'<text class="tick" x="{left}" y="{height - 4}">start</text>')
        parts.append(f'<text class="tick" x="{right}" y="{height - 4}" text-anchor="end">end</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _describe(start: datetime, events: Sequence) -> str:
    if not events:
        return "No signal during the test."
    items = []
    for event in events:
        minute = int((event.occurred_at - start).total_seconds() // 60)
        what = LABELS.get(event.kind, event.kind)
        items.append(
            f"minute {minute}: {what}" + (f" for {duration_text(event.duration_ms)}" if event.kind in AWAY else "")
        )
    return "; ".join(items)
