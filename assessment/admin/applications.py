"""A position's applications for admins: CV download, releasing the test (one or many) and extra test time."""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from flask_login import current_user
from sqlalchemy import select

from ..applications.screening import advance, notify_advanced
from ..applications.stages import application_stage
from ..attempts.clock import AttemptClosed, grant_extra_time
from ..enums import DecisionStage
from ..extensions import session
from ..models import Application, audit, utcnow
from ..selection.decisions import DecisionError
from ..web.roles import admin_required
from .blueprint import bp
from .lookups import position_or_404

MAX_EXTRA_MINUTES = 600
MAX_EXTRA_PERCENT = 300


def extra_seconds(amount: str, unit: str, duration_minutes: int) -> int:
    """Seconds of extra time for "15" minutes or "25" percent of the test's duration ("+25 %" is accepted)."""
    text = re.sub(r"[\s+%]", "", amount or "").replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(gettext("Enter the extra time as a number, e.g. 15 (minutes) or 25 (percent).")) from None
    if value <= 0:
        raise ValueError(gettext("Extra time must be more than zero."))
    if unit == "percent":
        if value > MAX_EXTRA_PERCENT:
            raise ValueError(gettext("At most %(num)d %% extra time can be granted at once.", num=MAX_EXTRA_PERCENT))
        return max(1, round(duration_minutes * 60 * value / 100))
    if unit == "minutes":
        if value > MAX_EXTRA_MINUTES:
            raise ValueError(gettext("At most %(num)d minutes can be granted at once.", num=MAX_EXTRA_MINUTES))
        return max(1, round(value * 60))
    raise ValueError(gettext("Choose minutes or percent."))


@bp.route("/positions/<slug>/applications")
@admin_required
def applications(slug: str):
    position = position_or_404(slug)
    now = utcnow()
    items = (
        session()
        .scalars(
            select(Application)
            .where(Application.position_id == position.id)
            .order_by(Application.created_at, Application.id)
        )
        .all()
    )
    rows = [
        {
            "application": a,
            "stage": application_stage(a, now),
            "screening": a.decision_at(DecisionStage.SCREENING),
        }
        for a in items
    ]
    return render_template("admin/applications.html", position=position, rows=rows)


@bp.route("/positions/<slug>/applications/release", methods=["POST"])
@admin_required
def release_tests(slug: str):
    db = session()
    position = position_or_404(slug)
    single = request.form.get("single", type=int)
    ids = [single] if single else [int(v) for v in request.form.getlist("selected") if v.isdigit()]
    if not ids:
        flash(gettext("Select at least one application to release the test for."), "error")
        return redirect(url_for("admin.applications", slug=slug))
    chosen = db.scalars(
        select(Application).where(Application.position_id == position.id, Application.id.in_(ids))
    ).all()
    released, refused = [], []
    for application in chosen:
        try:
            if advance(db, application, current_user):  # releasing the test is advancing past the CV screening
                released.append(application)
        except DecisionError as exc:
            refused.append(f"{application.user.name}: {exc}")
    db.commit()
    failed = sum(0 if notify_advanced(db, a) else 1 for a in released)
    for message in refused:
        flash(message, "error")
    if released:
        message = ngettext(
            "Test released to %(num)d candidate; they were emailed.",
            "Test released to %(num)d candidates; they were emailed.",
            len(released),
        )
        if failed:
            message += " " + ngettext("%(num)d email could not be sent.", "%(num)d emails could not be sent.", failed)
        flash(message, "success" if not failed else "error")
    else:
        flash(gettext("Those candidates already had their test released."), "info")
    return redirect(url_for("admin.applications", slug=slug))


@bp.route("/applications/<int:application_id>/extra-time", methods=["POST"])
@admin_required
def extra_time(application_id: int):
    db = session()
    application = db.get(Application, application_id)
    if application is None:
        abort(404)
    position = application.position
    back = redirect(url_for("admin.applications", slug=position.slug) + f"#application-{application.id}")
    amount, unit = request.form.get("amount", ""), request.form.get("unit", "minutes")
    try:
        seconds = extra_seconds(amount, unit, position.duration_minutes)
    except ValueError as exc:
        flash(str(exc), "error")
        return back
    attempt = application.attempt
    who = application.user.name
    if attempt is not None:
        try:
            grant_extra_time(db, attempt, seconds, current_user)
        except AttemptClosed as exc:
            db.rollback()
            flash(exc.message, "error")
            return back
        db.commit()
        flash(
            gettext(
                "%(name)s now has %(extra)s more; the test ends at %(time)s UTC.",
                name=who,
                extra=_minutes(seconds),
                time=f"{attempt.deadline_at:%H:%M}",
            ),
            "success",
        )
        return back
    application.extra_seconds = (application.extra_seconds or 0) + seconds
    audit(
        db,
        "application.extra_time",
        actor=current_user,
        target=application,
        seconds=seconds,
        amount=amount.strip(),
        unit=unit,
        pending_total=application.extra_seconds,
    )
    db.commit()
    flash(
        gettext("%(name)s will get %(extra)s extra when they start the test.", name=who, extra=_minutes(seconds)),
        "success",
    )
    return back


def _minutes(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if rest:
        return gettext("%(minutes)d min %(seconds)d s", minutes=minutes, seconds=rest)
    return gettext("%(minutes)d min", minutes=minutes)
