"""One candidate's data, for administrators: their applications, a deletion request if they made one, the export
of everything held about them (a zip of JSON and files) and its erasure. Both are audited (assessment.privacy)."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from flask_login import current_user
from sqlalchemy import select

from ..applications.stages import application_stage
from ..extensions import session, settings
from ..models import Application, User, utcnow
from ..privacy.erasure import erase
from ..privacy.export import export_candidate
from ..privacy.withdrawal import deletion_requests
from ..web.roles import admin_required
from .blueprint import bp


def _candidate(user_id: int) -> User:
    user = session().get(User, user_id)
    if user is None or not user.is_candidate:
        abort(404)
    return user


@bp.route("/data-requests")
@admin_required
def data_requests():
    return render_template("admin/data_requests.html", requests=deletion_requests(session()))


@bp.route("/candidates/<int:user_id>")
@admin_required
def candidate_data(user_id: int):
    user = _candidate(user_id)
    applications = session().scalars(select(Application).where(Application.user_id == user.id)).all()
    return render_template(
        "admin/candidate_data.html",
        candidate=user,
        applications=[(a, application_stage(a)) for a in applications],
    )


@bp.route("/candidates/<int:user_id>/export")
@admin_required
def candidate_export(user_id: int):
    user = _candidate(user_id)
    data = export_candidate(session(), user, settings().cv_dir, current_user)
    filename = f"candidate-{user.id}-{utcnow():%Y%m%d-%H%M}.zip"
    return Response(
        data,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


@bp.route("/candidates/<int:user_id>/erase", methods=["POST"])
@admin_required
def candidate_erase(user_id: int):
    user = _candidate(user_id)
    if user.erased_at is not None:
        flash(gettext("This candidate was already erased."), "info")
        return redirect(url_for("admin.candidate_data", user_id=user.id))
    if request.form.get("confirm_email", "").strip().lower() != user.email:
        flash(gettext("Type the candidate's email address to confirm the erasure; nothing was erased."), "error")
        return redirect(url_for("admin.candidate_data", user_id=user.id))
    report = erase(session(), user, settings().cv_dir, current_user)
    flash(
        gettext(
            "The candidate is erased: %(cvs)s, %(submissions)s, %(essays)s and %(notes)s removed; their scores stay, "
            "anonymised.",
            cvs=ngettext("%(num)d CV file", "%(num)d CV files", report.cvs),
            submissions=ngettext("%(num)d submission", "%(num)d submissions", report.submissions),
            essays=ngettext("%(num)d essay", "%(num)d essays", report.essays),
            notes=ngettext("%(num)d note", "%(num)d notes", report.notes),
        ),
        "success",
    )
    return redirect(url_for("admin.candidate_data", user_id=user.id))
