"""Times in emails: always with the zone named, in the recipient's zone (their choice, else their browser's, else
the position's), and in the position's zone beside it when that differs (assessment.timezones)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext

from ..timezones import format_pair


def email_time(value: datetime | None, zone: str | None, position_zone: str | None = None, locale: str = "en") -> str:
    """e.g. "October 14, 2026, 17:00 Asia/Tokyo (10:00 ... Europe/Copenhagen, the position's time zone)"."""
    if value is None:
        return ""
    mine, theirs = format_pair(value, zone, position_zone or zone, locale, "long")
    if theirs is None:
        return mine
    return gettext("%(time)s (%(other)s, the position's time zone)", time=mine, other=theirs)
