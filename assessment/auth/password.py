"""Password reset for every role: "forgot your password" sends a signed link, valid for one hour, that sets a new one.

The forgot page answers the same way whether or not the address has an account (no enumeration). The link carries a
fingerprint of the current password hash, so it stops working once it has been used or the password changed."""

from __future__ import annotations

import hmac
import logging

from flask import flash, redirect, render_template, url_for
from flask_login import login_user
from flask_wtf import FlaskForm
from sqlalchemy import select, update
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ..db import rowcount
from ..extensions import limiter, session, settings
from ..mail import MailError, send_mail
from ..models import User, audit, utcnow
from ..tokens import PASSWORD_RESET, TokenError, make_token, password_fingerprint, read_token
from ..web.links import home_for
from .blueprint import bp

log = logging.getLogger("assessment.password")

MIN_PASSWORD = 10
RATE_LIMIT = "5 per minute; 30 per hour"
RATE_MESSAGE = "Too many attempts from your network. Please wait a few minutes and try again."
LINK_MINUTES = PASSWORD_RESET.max_age_seconds // 60


class ForgotForm(FlaskForm):
    email = EmailField(
        "Email",
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            DataRequired("Enter your email address."),
            Email("Enter a valid email address.", check_deliverability=False),
            Length(max=320),
        ],
    )


class ResetForm(FlaskForm):
    password = PasswordField(
        "New password",
        validators=[
            DataRequired("Choose a password."),
            Length(min=MIN_PASSWORD, max=200, message=f"Use at least {MIN_PASSWORD} characters."),
        ],
    )
    confirm = PasswordField(
        "Repeat the new password",
        validators=[
            DataRequired("Repeat the password."),
            EqualTo("password", message="The two passwords differ."),
        ],
    )


def reset_token(user: User) -> str:
    return make_token(PASSWORD_RESET, {"uid": user.id, "pw": password_fingerprint(user.password_hash)})


def _send_reset(user: User) -> None:
    link = settings().base_url.rstrip("/") + url_for("auth.reset_password", token=reset_token(user))
    try:
        send_mail(user.email, "Reset your password", "password_reset", name=user.name, link=link, minutes=LINK_MINUTES)
    except MailError:  # the page must look the same either way
        log.exception("could not send the password reset mail")


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(RATE_LIMIT, methods=["POST"], error_message=RATE_MESSAGE)
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
    user_id, fingerprint = data.get("uid"), data.get("pw")
    if not isinstance(user_id, int) or not isinstance(fingerprint, str):
        return None, "invalid"
    user = session().get(User, user_id)
    if user is None or not user.active:
        return None, "invalid"
    if not hmac.compare_digest(password_fingerprint(user.password_hash), fingerprint):
        return None, "used"
    return user, None


def _refused(problem: str):
    return render_template("auth/reset.html", state=problem), (400 if problem == "invalid" else 410)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(RATE_LIMIT, methods=["POST"], error_message=RATE_MESSAGE)
def reset_password(token: str):
    user, problem = _user_for(token)
    if user is None:
        return _refused(problem or "invalid")
    form = ResetForm()
    if form.validate_on_submit():
        db = session()
        with db.no_autoflush:
            old_hash = user.password_hash
            user.set_password(form.password.data)
            # Only one request may use the link: the row changes only while the password is still the one the link
            # was made for.
            same_password = User.password_hash.is_(None) if old_hash is None else User.password_hash == old_hash
            changed = rowcount(
                db.execute(
                    update(User)
                    .where(User.id == user.id, same_password)
                    .values(password_hash=user.password_hash)
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
        login_user(user)
        flash("Your password is changed and you are signed in.", "success")
        return redirect(home_for(user))
    return render_template("auth/reset.html", state="form", form=form, email=user.email, min_length=MIN_PASSWORD), (
        400 if form.errors else 200
    )
