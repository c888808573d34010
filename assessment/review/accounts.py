"""Reviewer accounts: the signed, single-use link in the welcome email where a new reviewer sets a password. The link
carries the account's credentials stamp (random, replaced when the password changes), never anything derived from a
password."""

from __future__ import annotations

import hmac

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from ..extensions import session
from ..models import User, audit, utcnow
from ..tokens import REVIEWER_SET_PASSWORD, TokenError, read_token
from .blueprint import bp

MIN_LENGTH = 10


def user_for_token(token: str) -> User | None:
    """The staff member a welcome link (tokens.set_password_token) was made for, while it is unused and fresh."""
    try:
        data = read_token(REVIEWER_SET_PASSWORD, token)
    except TokenError:
        return None
    user_id, stamp = data.get("uid"), data.get("stamp")
    if not isinstance(user_id, int) or not isinstance(stamp, str):
        return None
    user = session().get(User, user_id)
    if user is None or not user.active or not user.role.is_staff:
        return None
    if not hmac.compare_digest(user.credentials_stamp, stamp):
        return None
    return user


@bp.route("/welcome/<token>", methods=["GET", "POST"])
def set_password(token: str):
    user = user_for_token(token)
    if user is None:
        abort(404, gettext("This link has expired or was already used. Ask an administrator for a new one."))
    error = None
    if request.method == "POST":
        password = request.form.get("password", "")
        if len(password) < MIN_LENGTH:
            error = gettext("Use at least %(num)d characters.", num=MIN_LENGTH)
        elif password != request.form.get("confirm", ""):
            error = gettext("The two passwords differ.")
        else:
            db = session()
            user.set_password(password)
            user.email_confirmed_at = user.email_confirmed_at or utcnow()
            audit(db, "user.set_password", actor=user, target=user)
            db.commit()
            flash(gettext("Your password is set. Sign in to start reviewing."), "success")
            return redirect(url_for("auth.login"))
    return render_template("review/set_password.html", user=user, error=error, min_length=MIN_LENGTH), (
        400 if error else 200
    )
