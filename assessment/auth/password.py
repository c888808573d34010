"""Password reset for every role: "forgot your password" sends a signed link, valid for one hour, that sets a new one.

The forgot page answers the same way whether or not the address has an account (no enumeration). The link carries the
account's credentials stamp, a random value replaced whenever the password changes, so it stops working once it has
been used or the password changed, and reveals nothing derived from the password. Setting a new password ends every
session and remember-me cookie of the account."""

from __future__ import annotations

import hmac
import logging

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext, lazy_gettext
from flask_wtf import FlaskForm
from sqlalchemy import select, update
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ..db import rowcount
from ..extensions import session, settings
from ..mail import MailError, send_mail
from ..models import User, audit, utcnow
from ..tokens import PASSWORD_RESET, TokenError, make_token, read_token
from ..web.limits import form_limits
from ..web.links import home_for
from ..web.sessions import sign_in
from .blueprint import bp

log = logging.getLogger("assessment.password")

MIN_PASSWORD = 10
LINK_MINUTES = PASSWORD_RESET.max_age_seconds // 60


class ForgotForm(FlaskForm):
    email = EmailField(
        lazy_gettext("Email"),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            DataRequired(lazy_gettext("Enter your email address.")),
            Email(lazy_gettext("Enter a valid email address."), check_deliverability=False),
            Length(max=320),
        ],
    )


class ResetForm(FlaskForm):
    password = PasswordField(
        lazy_gettext("New password"),
        validators=[
            DataRequired(lazy_gettext("Choose a password.")),
            Length(
                min=MIN_PASSWORD, max=200, message=lazy_gettext("Use at least %(num)d characters.", num=MIN_PASSWORD)
            ),
        ],
    )
    confirm = PasswordField(
        lazy_gettext("Repeat the new password"),
        validators=[
            DataRequired(lazy_gettext("Repeat the password.")),
            EqualTo("password", message=lazy_gettext("The two passwords differ.")),
        ],
    )


def reset_token(user: User) -> str:
    return make_token(PASSWORD_RESET, {"uid": user.id, "stamp": user.credentials_stamp})


def _send_reset(user: User) -> None:
    link = settings().base_url.rstrip("/") + url_for("auth.reset_password", token=reset_token(user))
    try:
        send_mail(
            user.email,
            lazy_gettext("Reset your password"),
            "password_reset",
            locale=user.locale,
            name=user.name,
            link=link,
            minutes=LINK_MINUTES,
        )
    except MailError:  # the page must look the same either way
        log.exception("could not send the password reset mail")


@bp.route("/password/forgot", methods=["GET", "POST"])
@form_limits("forgot-password")
def forgot_password():
    form = ForgotForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = session().scalar(select(User).where(User.email == email))
        if user is not None and user.active:
            _send_reset(user)
        return render_template("auth/forgot.html", state="sent", email=email, minutes=LINK_MINUTES)
    return render_template("auth/forgot.html", state="form", form=form), (400 if form.errors else 200)


def _user_for(token: str) -> tuple[User | None, str | None]:
    """(user, None) when the link may set a password, else (None, "invalid" | "expired" | "used")."""
    try:
        data = read_token(PASSWORD_RESET, token)
    except TokenError as exc:
        return None, "expired" if exc.expired else "invalid"
    user_id, stamp = data.get("uid"), data.get("stamp")
    if not isinstance(user_id, int) or not isinstance(stamp, str):
        return None, "invalid"
    user = session().get(User, user_id)
    if user is None or not user.active:
        return None, "invalid"
    if not hmac.compare_digest(user.credentials_stamp, stamp):
        return None, "used"
    return user, None


def _refused(problem: str):
    return render_template("auth/reset.html", state=problem), (400 if problem == "invalid" else 410)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@form_limits("reset-password")
def reset_password(token: str):
    user, problem = _user_for(token)
    if user is None:
        return _refused(problem or "invalid")
    form = ResetForm()
    if form.validate_on_submit():
        db = session()
        with db.no_autoflush:
            old_stamp = user.credentials_stamp
            user.set_password(form.password.data)  # new stamp, higher session generation (models.users)
            # Only one request may use the link: the row changes only while the stamp is still the one the link
            # was made for. The flush on commit then writes the new generation: every session of the account ends.
            changed = rowcount(
                db.execute(
                    update(User)
                    .where(User.id == user.id, User.credentials_stamp == old_stamp)
                    .values(password_hash=user.password_hash, credentials_stamp=user.credentials_stamp)
                    .execution_options(synchronize_session=False)
                )
            )
        if changed != 1:
            db.rollback()
            return _refused("used")
        user.email_confirmed_at = user.email_confirmed_at or utcnow()  # the link proves the address
        user.last_login_at = utcnow()
        audit(db, "user.password_reset", actor=user, target=user)
        db.commit()
        sign_in(user)
        flash(
            gettext("Your password is changed and you are signed in. Every other session of your account was ended."),
            "success",
        )
        return redirect(home_for(user))
    return render_template("auth/reset.html", state="form", form=form, email=user.email, min_length=MIN_PASSWORD), (
        400 if form.errors else 200
    )
