"""Times on pages, in the reader's time zone: the zone the signed-in person chose (their time-zone page), else the
zone their browser reports (static/js/timezone.js keeps it in the `tz` cookie), else UTC. Flask-Babel's own date
functions use the same zone (its timezone selector). The `dt` filter shows any stored time this way; `deadline`
adds the position's own zone beside it when it differs. The conversions are in assessment.timezones."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import unquote

from flask import Flask, has_request_context, request
from flask_babel import get_babel, get_locale
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import update

from .. import timezones
from ..extensions import session
from ..models import User

COOKIE = "tz"


def _signed_in() -> Any:
    if not has_request_context():
        return None
    user = current_user
    return user if getattr(user, "is_authenticated", False) else None


def browser_zone() -> str | None:
    """The zone the browser reported (a known IANA name), if any."""
    if not has_request_context():
        return None
    value = unquote(request.cookies.get(COOKIE, ""))
    return value if timezones.is_zone(value) else None


def zone_source() -> str:
    """Where the reader's zone comes from: "chosen" (their time-zone page), "browser" or "default" (UTC)."""
    user = _signed_in()
    if user is not None and timezones.is_zone(user.timezone):
        return "chosen"
    if browser_zone() is not None or (user is not None and timezones.is_zone(user.browser_timezone)):
        return "browser"
    return "default"


def reader_zone() -> str:
    """The IANA name of the zone this request's reader sees times in."""
    user = _signed_in()
    return timezones.first_zone(
        getattr(user, "timezone", None), browser_zone(), getattr(user, "browser_timezone", None)
    )


def _locale() -> Any:
    return get_locale() or "en"


# strftime formats the templates used before times were shown per reader, mapped to a style.
def _style(fmt: str | None) -> timezones.Style:
    if fmt is None:
        return "datetime"
    if fmt in ("datetime", "date", "time", "long", "weekday"):
        return fmt  # type: ignore[return-value]
    has_time = "%H" in fmt or "%I" in fmt
    has_date = any(token in fmt for token in ("%d", "%Y", "%b", "%B", "%m", "%y"))
    if has_time and has_date:
        return "datetime"
    return "time" if has_time else "date"


def local(value: datetime | None, fmt: str | None = None, zone: str | None = None) -> str:
    """A stored (naive UTC) time in the reader's zone (or `zone`), in the interface language, the zone named."""
    return timezones.format_local(value, zone or reader_zone(), _locale(), _style(fmt))


def deadline(value: datetime | None, position_zone: str | None, style: timezones.Style = "datetime") -> Markup:
    """A deadline in the reader's zone, with the position's zone beside it when that differs."""
    from flask_babel import gettext

    if value is None:
        return Markup("")
    mine, theirs = timezones.format_pair(value, reader_zone(), position_zone, _locale(), style)
    iso = value.strftime("%Y-%m-%dT%H:%M:%SZ")
    text = Markup('<time datetime="{}">{}</time>').format(iso, mine)
    if theirs:
        text += Markup(' <span class="muted small other-zone">({})</span>').format(
            gettext("%(time)s, the position's time zone", time=theirs)
        )
    return text


def remember_browser_zone() -> None:
    """Keep the zone the signed-in person's browser reports, for the emails they are sent (one UPDATE per change)."""
    user = _signed_in()
    zone = browser_zone()
    if user is None or zone is None or user.browser_timezone == zone:
        return
    db = session()
    db.execute(update(User).where(User.id == user.id).values(browser_timezone=zone))
    db.commit()
    user.browser_timezone = zone


def register_time_filters(app: Flask) -> None:
    app.jinja_env.filters["dt"] = local
    app.jinja_env.filters["deadline"] = deadline
    app.jinja_env.globals["reader_zone"] = reader_zone
    app.jinja_env.globals["zone_source"] = zone_source
    get_babel(app).timezone_selector = reader_zone  # flask_babel.format_datetime & co. use the reader's zone too
    app.before_request(remember_browser_zone)
