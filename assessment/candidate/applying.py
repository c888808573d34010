"""Applying for a position (contact details, education, CV as PDF) and downloading CVs (staff). The rules (application
window, releasing the test) are in assessment.applications.stages."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext, lazy_gettext
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Regexp

from ..applications.screening import AUTOMATIC_NOTE, advance, notify_advanced
from ..applications.stages import can_download_cv, window_problem
from ..enums import EducationLevel
from ..extensions import session, settings
from ..mail import MailError, send_mail
from ..models import Application, Position, Role, Unlock, audit, utcnow
from ..web import wants_json
from ..web.timezones import reader_zone
from .blueprint import bp
from .cv import cv_file, pdf_problem, remove_cv, safe_original_name, store_cv

log = logging.getLogger("assessment.applying")

EDUCATION_LEVELS = [(level.value, level.label) for level in EducationLevel]


# ------------------------------------------------------------------------------------------- form


def _choices(pairs: list[tuple[str, str]]) -> list:
    try:  # WTForms >= 3.3 prefers SelectChoice objects over tuples
        from wtforms.fields.choices import SelectChoice
    except ImportError:  # pragma: no cover - older WTForms
        return pairs
    return [SelectChoice(value, label) for value, label in pairs]


class ApplicationForm(FlaskForm):
    phone = StringField(
        lazy_gettext("Phone number"),
        validators=[
            DataRequired(lazy_gettext("Enter a phone number we can reach you on.")),
            Length(max=50),
            Regexp(
                r"^\+?[0-9][0-9 ()./-]{4,}$",
                message=lazy_gettext("Use digits, spaces and + - ( ) only, e.g. +45 12 34 56 78."),
            ),
        ],
    )
    education_level = SelectField(
        lazy_gettext("Highest education level"),
        choices=_choices([("", lazy_gettext("Choose one")), *EDUCATION_LEVELS]),
        validators=[AnyOf([k for k, _ in EDUCATION_LEVELS], message=lazy_gettext("Choose your education level."))],
    )
    institution = StringField(
        lazy_gettext("Institution"),
        validators=[DataRequired(lazy_gettext("Enter the school or university.")), Length(max=300)],
    )
    graduation_year = IntegerField(
        lazy_gettext("Graduation year (expected year if you are still studying)"),
        validators=[
            DataRequired(lazy_gettext("Enter the year as four digits, e.g. 2024.")),
            NumberRange(1950, utcnow().year + 8, message=lazy_gettext("Enter a year between 1950 and %(max)s.")),
        ],
    )
    cv = FileField(
        lazy_gettext("CV (PDF)"),
        validators=[FileRequired(lazy_gettext("Choose your CV as a PDF file."))],
        render_kw={"accept": "application/pdf,.pdf"},
    )


def _render_form(position: Position, form: ApplicationForm, status: int = 200, refused: str | None = None):
    return render_template(
        "candidate/apply.html",
        position=position,
        form=form,
        refused=refused,
        max_mb=settings().cv_max_bytes / (1024 * 1024),
    ), status


def _position_or_404(slug: str) -> Position:
    position = session().scalar(select(Position).where(Position.slug == slug, Position.retired_at.is_(None)))
    if position is None:
        abort(404)
    return position


@bp.route("/positions/<slug>/apply", methods=["GET", "POST"])
def apply(slug: str):
    position = _position_or_404(slug)
    if not current_user.is_authenticated:
        return render_template(
            "candidate/apply.html",
            position=position,
            form=None,
            refused=None,
            need_account=True,
            next_url=url_for("candidate.apply", slug=slug),
        )
    if current_user.role != Role.CANDIDATE:
        abort(
            403,
            description=gettext("Only candidate accounts can apply. Sign in with your personal account to apply."),
        )
    db = session()
    existing = db.scalar(
        select(Application).where(Application.user_id == current_user.id, Application.position_id == position.id)
    )
    if existing is not None:
        flash(
            gettext("You have already applied for %(title)s. Your application is below.", title=position.title), "info"
        )
        return redirect(url_for("candidate.dashboard"))
    form = ApplicationForm()
    now = utcnow()
    refused = window_problem(position, now, reader_zone(), str(get_locale() or "en"))
    if refused:
        return _render_form(position, form, 403 if request.method == "POST" else 200, refused=refused)
    if not form.validate_on_submit():
        return _render_form(position, form, 400 if form.errors else 200)

    limit = settings().cv_max_bytes
    data = form.cv.data.read(limit + 1)
    problem = (
        gettext(
            "Your CV is larger than %(size)s MB. Please upload a smaller PDF "
            "(for example, exported without high-resolution images).",
            size=f"{limit / (1024 * 1024):.0f}",
        )
        if len(data) > limit
        else pdf_problem(data)
    )
    if problem:
        form.cv.errors = [problem]
        return _render_form(position, form, 400)

    stored = store_cv(settings().cv_dir, data)
    application = Application(
        user_id=current_user.id,
        position_id=position.id,
        phone=form.phone.data.strip(),
        education_level=form.education_level.data,
        institution=form.institution.data.strip(),
        graduation_year=form.graduation_year.data,
        cv_path=stored.name,
        cv_sha256=stored.sha256,
        cv_original_name=safe_original_name(form.cv.data.filename),
        cv_size=stored.size,
        created_at=now,
    )
    db.add(application)
    try:
        db.flush()
    except IntegrityError:  # the same form submitted twice at once
        db.rollback()
        remove_cv(settings().cv_dir, stored.name)
        return redirect(url_for("candidate.dashboard"))
    audit(
        db,
        "application.created",
        actor=current_user.id,
        target=application,
        position=position.slug,
        cv_sha256=stored.sha256,
    )
    released = position.unlock == Unlock.ON_APPLY and advance(db, application, None, AUTOMATIC_NOTE, now)
    db.commit()
    if released:
        notify_advanced(db, application)
        flash(
            gettext(
                "Thank you for applying for %(title)s. Your test is available now; we also emailed you the link.",
                title=position.title,
            ),
            "success",
        )
    else:
        try:
            send_mail(
                current_user.email,
                lazy_gettext("We received your application for %(title)s", title=position.title),
                "application_received",
                locale=current_user.locale,
                name=current_user.name,
                position=position,
                link=settings().base_url.rstrip("/") + url_for("candidate.dashboard"),
            )
        except MailError:
            log.exception("could not send the application-received email")
        flash(
            gettext(
                "Thank you for applying for %(title)s. We will email you when your test is released.",
                title=position.title,
            ),
            "success",
        )
    return redirect(url_for("candidate.dashboard"))


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error: RequestEntityTooLarge):
    """An upload bigger than the request limit: a friendly page, never a bare 413."""
    if request.endpoint == "candidate.apply" and request.view_args and current_user.is_authenticated:
        position = session().scalar(select(Position).where(Position.slug == request.view_args.get("slug")))
        if position is not None:
            form = ApplicationForm(formdata=None)
            form.cv.errors = [
                gettext(
                    "Your CV is larger than %(size)s MB. Please upload a smaller PDF and fill in the form again.",
                    size=f"{settings().cv_max_bytes / (1024 * 1024):.0f}",
                )
            ]
            return _render_form(position, form, 413)
    if wants_json():
        from flask import jsonify

        return jsonify(error="too_large", message=gettext("The upload is too large.")), 413
    return render_template("error.html", error=error), 413


# ------------------------------------------------------------------------------------------- CV download


@bp.route("/cv/<int:application_id>")
def cv_download(application_id: int):
    """Administrators and deciders of the position only; 404 for everyone else (existence is never revealed)."""
    from flask import send_file

    application = session().get(Application, application_id)
    if application is None or not can_download_cv(current_user, application):
        abort(404)
    path = cv_file(settings().cv_dir, application.cv_path)
    if path is None:
        abort(404)
    db = session()
    audit(db, "application.cv_download", actor=current_user.id, target=application)
    db.commit()
    response = send_file(
        path,
        mimetype="application/pdf",
        as_attachment=True,
        max_age=0,
        download_name=f"cv-{application.position.slug}-{application.id}.pdf",
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
