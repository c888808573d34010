"""Time zones: the platform stores every time as naive UTC and converts only when showing it.

Whose zone a time is shown in: on a page, the reader's (the zone they chose on their time-zone page, else the one
their browser reports; assessment.web.timezones); in an email, the recipient's (the same two, else the position's).
Deadlines also show the position's own zone (position.yaml `timezone`). Formatting is Babel's (CLDR), so dates read
naturally in the interface language; the zone is always named (its IANA name, e.g. "Asia/Tokyo"), never implied."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel import Locale
from babel.dates import format_skeleton

DEFAULT_ZONE = "UTC"
# Other names of UTC (browsers report "Etc/UTC" on many machines): shown as UTC.
UTC_ALIASES = frozenset(
    {
        "Etc/UTC",
        "Etc/UCT",
        "UCT",
        "Universal",
        "Etc/Universal",
        "Zulu",
        "Etc/Zulu",
        "Etc/GMT",
        "GMT",
        "Etc/GMT+0",
        "Etc/GMT-0",
        "Etc/GMT0",
        "GMT+0",
        "GMT-0",
        "GMT0",
        "Greenwich",
        "Etc/Greenwich",
    }
)
Style = Literal["datetime", "date", "time", "long", "weekday"]

# Babel skeletons per style: the date part and the time part (None: not shown).
_SKELETONS: dict[str, tuple[str | None, str | None]] = {
    "datetime": ("yMMMd", "Hm"),
    "date": ("yMMMd", None),
    "time": (None, "Hm"),
    "long": ("yMMMMd", "Hm"),
    "weekday": ("yMMMEd", "Hm"),
}


@lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    """Every IANA zone name this machine knows (the tzdata package provides them where the system has none)."""
    return frozenset(available_timezones() | {DEFAULT_ZONE})


def is_zone(name: object) -> bool:
    return isinstance(name, str) and name in known_zones()


def is_known_or_empty(name: str) -> bool:
    """A form's choice: a known zone, or empty (follow the browser)."""
    return not name or is_zone(name)


@lru_cache(maxsize=512)
def zone(name: str | None) -> ZoneInfo:
    """The zone of an IANA name; UTC for an unknown or empty one."""
    if not name or not is_zone(name):
        return ZoneInfo(DEFAULT_ZONE)
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        return ZoneInfo(DEFAULT_ZONE)


def zone_name(name: str | None) -> str:
    """The name that is used: the given one if known (UTC for its aliases), else UTC."""
    if not name or not is_zone(name) or name in UTC_ALIASES:
        return DEFAULT_ZONE
    return name


def first_zone(*names: str | None) -> str:
    """The first known zone name among `names` (a person's choice, their browser's, a position's...), else UTC."""
    return zone_name(next((n for n in names if n and is_zone(n)), DEFAULT_ZONE))


def person_zone(user: Any, fallback: str | None = None) -> str:
    """The zone a person reads times in outside a page (emails): their choice, their browser's, else `fallback`."""
    return first_zone(getattr(user, "timezone", None), getattr(user, "browser_timezone", None), fallback)


def to_local(value: datetime, name: str | None) -> datetime:
    """A stored naive-UTC time as an aware time in the zone `name`."""
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value
    return aware.astimezone(zone(name))


def to_utc(local: datetime, name: str | None) -> datetime:
    """A wall-clock time in zone `name` as naive UTC. Raises ValueError for a time that does not exist there (the
    hour skipped when clocks go forward); an ambiguous time (clocks go back) is taken as the first of the two."""
    tz = zone(name)
    candidate = local.replace(tzinfo=tz, fold=0)
    back = candidate.astimezone(UTC).astimezone(tz)
    if back.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise ValueError(f"{local:%Y-%m-%d %H:%M} does not exist in {zone_name(name)} (the clocks skip that hour)")
    return candidate.astimezone(UTC).replace(tzinfo=None)


def offset_text(value: datetime, name: str | None) -> str:
    """The zone's offset from UTC at that time, as "GMT+9", "GMT-3", "GMT+5:30" or "GMT"."""
    offset = to_local(value, name).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "GMT"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"GMT{sign}{hours}" + (f":{rest:02d}" if rest else "")


def format_local(
    value: datetime | None, name: str | None, locale: str | Locale = "en", style: Style = "datetime", label: bool = True
) -> str:
    """`value` (naive UTC) in zone `name`, formatted for `locale`, with the zone's name after a time
    ("Oct 14, 2026, 17:00 Asia/Tokyo"). Dates alone carry no zone name."""
    if value is None:
        return ""
    local = to_local(value, name)
    date_part, time_part = _SKELETONS[style]
    loc = locale if isinstance(locale, Locale) else Locale.parse(str(locale).replace("-", "_"))
    date_text = format_skeleton(date_part, local, locale=loc) if date_part else ""
    time_text = format_skeleton(time_part, local, locale=loc) if time_part else ""
    if date_text and time_text:
        text = str(loc.datetime_formats["medium"]).replace("{1}", date_text).replace("{0}", time_text)
    else:
        text = date_text or time_text
    if label and time_text:
        text += " " + zone_name(name)
    return text


def format_pair(
    value: datetime | None,
    reader_zone: str | None,
    other_zone: str | None,
    locale: str | Locale = "en",
    style: Style = "datetime",
) -> tuple[str, str | None]:
    """The time in the reader's zone, and in another zone (the position's, an interviewer's) when that differs."""
    mine = format_local(value, reader_zone, locale, style)
    if value is None or zone_name(other_zone) == zone_name(reader_zone):
        return mine, None
    return mine, format_local(value, other_zone, locale, style)
