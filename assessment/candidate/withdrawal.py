"""A candidate's data rights on their own pages: withdrawing an application, and asking for the account and its
data to be deleted (an administrator then erases them). The rules are in assessment.privacy."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user

from ..extensions import session
from ..privacy import withdrawal as rights
from ..web.roles import candidate_required
from .blueprint import bp
from .test_taking import own_application


@bp.route("/me/withdraw/<int:application_id>", methods=["GET", "POST"])
@candidate_required
def withdraw(application_id: int):
    application = own_application(application_id)
    if application.withdrawn_at is not None:
        flash(gettext("This application is already withdrawn."), "info")
        return redirect(url_for("candidate.dashboard"))
    error = None
    if request.method == "POST":
        if request.form.get("confirm") != "yes":
            error = gettext("Tick the box to confirm that you want to withdraw.")
        else:
            rights.withdraw(session(), application, request.form.get("reason", ""))
            flash(gettext("Your application for %(title)s is withdrawn.", title=application.position.title), "success")
            return redirect(url_for("candidate.dashboard"))
    return render_template("candidate/withdraw.html", application=application, error=error), (400 if error else 200)


@bp.route("/me/delete", methods=["GET", "POST"])
@candidate_required
def delete_account():
    user = current_user._get_current_object()
    error = None
    if request.method == "POST":
        if not user.check_password(request.form.get("password", "")):
            error = gettext("That is not your password.")
        else:
            rights.request_deletion(session(), user)
            flash(
                gettext(
                    "Your request is recorded and your applications are withdrawn. An administrator will erase your "
                    "account and data."
                ),
                "success",
            )
            return redirect(url_for("candidate.dashboard"))
    return render_template("candidate/delete_account.html", error=error, requested=user.deletion_requested_at), (
        400 if error else 200
    )
