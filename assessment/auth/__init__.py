"""Sign-in, sign-out and the signed-in user's own password, for every role (registration lives with the candidate
pages). Sessions are checked on every request (auth/sessions.py); limits are in auth/limits.py."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import session
from ..models import User, utcnow
from .forms import LoginForm
from .limits import sign_in_limits
from .sessions import sign_in, sign_out

bp = Blueprint("auth", __name__)

# Checked instead of a real hash when the email has no account (or no password yet), so that a sign-in costs the same
# work whether or not the address is registered: the answer's timing does not tell who has an account.
_DUMMY_HASH = generate_password_hash("no account has this password")


def verify_password(user: User | None, given: str) -> bool:
    """`given` is the user's password; exactly one hash check is done either way."""
    stored = user.password_hash if user is not None and user.password_hash else None
    matches = check_password_hash(stored or _DUMMY_HASH, given)
    return matches and stored is not None


def home_for(user) -> str:
    if user.role == "admin":
        return url_for("admin.dashboard")
    if user.role == "reviewer":
        return url_for("review.home") if "review.home" in current_app.view_functions else url_for("public.index")
    if "candidate.dashboard" in current_app.view_functions:
        return url_for("candidate.dashboard")
    return url_for("public.index")


def _safe_next(target: str | None) -> str | None:
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
@sign_in_limits
def login():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        db = session()
        user = db.scalar(select(User).where(User.email == form.email.data.strip().lower()))
        if not verify_password(user, form.password.data) or not user.active:
            flash("That email and password do not match an account.", "error")
        elif user.email_confirmed_at is None:
            flash("Please confirm your email address first: follow the link we sent you.", "error")
        else:
            user.last_login_at = utcnow()
            db.commit()
            sign_in(user, remember=bool(form.remember.data))
            return redirect(_safe_next(request.args.get("next")) or home_for(user))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    sign_out()
    flash("You are signed out, on this device and everywhere else.", "info")
    return redirect(url_for("public.index"))


from . import account, password  # noqa: E402,F401  (register the account and password reset routes on bp)
