"""How integrity signals are summed up for reviewers: counts and total time away. Evidence to read, never a penalty:
nothing here changes a score. The kinds and their labels are `IntegrityKind` (assessment/enums.py); the timeline on
the pages is drawn by the review area."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from flask_babel import gettext, ngettext

from ..enums import IntegrityKind


class Signal(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def duration_ms(self) -> int | None: ...


def duration_text(ms: int | None) -> str:
    if ms is None:
        return "—"
    seconds = round(ms / 1000)
    if seconds < 60:
        shown = f"{max(seconds, 0)}" if ms >= 1000 else f"{ms / 1000:.1f}"
        return gettext("%(seconds)s s", seconds=shown)
    minutes, rest = divmod(seconds, 60)
    if rest:
        return gettext("%(minutes)d min %(seconds)d s", minutes=minutes, seconds=rest)
    return gettext("%(minutes)d min", minutes=minutes)


def is_away(signal: Signal) -> bool:
    return IntegrityKind(signal.kind).away


def summary(events: Sequence[Signal]) -> str:
    """ "left the test 3× (total 1 min 12 s); 1 large paste" — the board's words for a candidate's signals."""
    away = [e for e in events if is_away(e)]
    pastes = sum(1 for e in events if e.kind == IntegrityKind.PASTE)
    parts = []
    if away:
        total = sum(e.duration_ms or 0 for e in away)
        parts.append(
            gettext("left the test %(times)d× (total %(duration)s)", times=len(away), duration=duration_text(total))
        )
    if pastes:
        parts.append(ngettext("%(num)d large paste", "%(num)d large pastes", pastes))
    return "; ".join(parts)
