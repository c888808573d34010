"""The signed-in person's time zone: by default the one their browser reports; here they can choose another (a
candidate travelling, a reviewer whose laptop is set to UTC). Every page and email then uses it
(assessment.web.timezones, assessment.timezones)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext, refresh
from flask_login import current_user, login_required

from ..extensions import session
from ..timezones import is_known_or_empty, known_zones
from ..web.timezones import browser_zone, reader_zone
from .blueprint import bp


@bp.route("/account/time-zone", methods=["GET", "POST"])
@login_required
def time_zone():
    user = current_user._get_current_object()
    error = None
    if request.method == "POST":
        chosen = request.form.get("timezone", "").strip()
        if not is_known_or_empty(chosen):
            error = gettext("Choose a time zone from the list, or “the browser's”.")
        else:
            user.timezone = chosen or None
            session().commit()
            refresh()
            flash(gettext("Times are now shown in %(zone)s.", zone=reader_zone()), "success")
            return redirect(url_for("auth.time_zone"))
    return render_template(
        "auth/time_zone.html",
        zones=sorted(known_zones()),
        chosen=user.timezone,
        browser=browser_zone() or user.browser_timezone,
        error=error,
    ), (400 if error else 200)
