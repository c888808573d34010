"""Sign-in and sign-out for every role. Signing in starts a new session and signing out ends every session of the
account (web/sessions.py). A sign-in does the same password-hash work whether or not the address has an account."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import session
from ..models import User, utcnow
from ..web.limits import sign_in_limits
from ..web.links import home_for, safe_next
from ..web.sessions import sign_in, sign_out
from .blueprint import bp
from .forms import LoginForm

# Checked instead of a real hash when the email has no account (or no password yet), so that a sign-in costs the same
# work whether or not the address is registered: the answer's timing does not tell who has an account.
_DUMMY_HASH = generate_password_hash("no account has this password")


def verify_password(user: User | None, given: str) -> bool:
    """`given` is the user's password; exactly one hash check is done either way."""
    stored = user.password_hash if user is not None and user.password_hash else None
    matches = check_password_hash(stored or _DUMMY_HASH, given)
    return matches and stored is not None


@bp.route("/login", methods=["GET", "POST"])
@sign_in_limits
def login():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        db = session()
        user = db.scalar(select(User).where(User.email == form.email.data.strip().lower()))
        if not verify_password(user, form.password.data) or user is None or not user.active:
            flash(gettext("That email and password do not match an account."), "error")
        elif user.email_confirmed_at is None:
            flash(gettext("Please confirm your email address first: follow the link we sent you."), "error")
        else:
            user.last_login_at = utcnow()
            db.commit()
            sign_in(user, remember=bool(form.remember.data))
            return redirect(safe_next(request.args.get("next")) or home_for(user))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    sign_out()
    flash(gettext("You are signed out, on this device and everywhere else."), "info")
    return redirect(url_for("public.index"))
