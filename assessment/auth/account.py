"""The signed-in user's own password: changing it ends every other session and remember-me cookie of the account
(this browser stays signed in with a new session)."""

from __future__ import annotations

from flask import flash, redirect, render_template
from flask_babel import gettext, lazy_gettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from ..extensions import session
from ..models import audit
from ..web.limits import form_limits
from ..web.links import home_for
from ..web.sessions import keep_signed_in
from .blueprint import bp
from .login import verify_password

MIN_PASSWORD = 10


class ChangePasswordForm(FlaskForm):
    current = PasswordField(
        lazy_gettext("Current password"),
        validators=[DataRequired(lazy_gettext("Enter your current password.")), Length(max=200)],
    )
    password = PasswordField(
        lazy_gettext("New password"),
        validators=[
            DataRequired(lazy_gettext("Choose a new password.")),
            Length(
                min=MIN_PASSWORD, max=200, message=lazy_gettext("Use at least %(num)d characters.", num=MIN_PASSWORD)
            ),
        ],
    )
    confirm = PasswordField(
        lazy_gettext("Repeat the new password"),
        validators=[
            DataRequired(lazy_gettext("Repeat the new password.")),
            EqualTo("password", message=lazy_gettext("The two passwords differ.")),
        ],
    )


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@form_limits("change-password")
def change_password():
    form = ChangePasswordForm()
    user = current_user._get_current_object()
    if form.validate_on_submit():
        if not verify_password(user, form.current.data):
            form.current.errors = [gettext("That is not your current password.")]
        else:
            db = session()
            user.set_password(form.password.data)  # raises the session generation: every other session ends
            audit(db, "user.password_change", actor=user, target=user)
            db.commit()
            keep_signed_in(user)
            flash(gettext("Your password is changed. You were signed out everywhere else."), "success")
            return redirect(home_for(user))
    return render_template("auth/account_password.html", form=form, min_length=MIN_PASSWORD), (
        400 if form.errors else 200
    )
