"""Sign-in and sign-out for every role."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from ..extensions import limiter, session
from ..models import User, utcnow
from ..web.links import home_for, safe_next
from .blueprint import bp
from .forms import LoginForm


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute; 100 per hour", methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        db = session()
        user = db.scalar(select(User).where(User.email == form.email.data.strip().lower()))
        if user is None or not user.check_password(form.password.data) or not user.active:
            flash("That email and password do not match an account.", "error")
        elif user.email_confirmed_at is None:
            flash("Please confirm your email address first: follow the link we sent you.", "error")
        else:
            user.last_login_at = utcnow()
            db.commit()
            login_user(user, remember=bool(form.remember.data))
            return redirect(safe_next(request.args.get("next")) or home_for(user))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    flash("You are signed out.", "info")
    return redirect(url_for("public.index"))
