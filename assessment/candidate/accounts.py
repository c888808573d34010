"""Candidate accounts: self-service pre-registration with email confirmation, and accepting an invitation.

Registration never reveals whether an address already has an account: the page says the same thing either way, and an
existing account receives a "you already have an account" email instead of a confirmation link. Confirmation and
invitation links are signed and expire (assessment.tokens); no account row exists until the link is used."""

from __future__ import annotations

import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from ..applications.links import absolute
from ..extensions import session
from ..mail import MailError, send_mail
from ..mail.message import single_line as one_line
from ..models import Invitation, Role, User, audit, utcnow
from ..tokens import CONFIRM_EMAIL, INVITATION, TokenError, make_token, read_token
from ..web.i18n import current_language
from ..web.limits import form_limits
from ..web.links import home_for, safe_next
from ..web.sessions import sign_in
from .blueprint import bp

log = logging.getLogger("assessment.accounts")

MIN_PASSWORD = 10


class RegisterForm(FlaskForm):
    name = StringField(
        lazy_gettext("Full name"), validators=[DataRequired(lazy_gettext("Enter your name.")), Length(max=200)]
    )
    email = EmailField(
        lazy_gettext("Email"),
        validators=[
            DataRequired(lazy_gettext("Enter your email address.")),
            Email(lazy_gettext("Enter a valid email address."), check_deliverability=False),
            Length(max=320),
        ],
    )


class PasswordForm(FlaskForm):
    password = PasswordField(
        lazy_gettext("Password"),
        validators=[
            DataRequired(lazy_gettext("Choose a password.")),
            Length(
                min=MIN_PASSWORD,
                max=200,
                message=lazy_gettext("Use at least %(num)d characters.", num=MIN_PASSWORD),
            ),
        ],
    )
    confirm = PasswordField(
        lazy_gettext("Repeat the password"),
        validators=[
            DataRequired(lazy_gettext("Repeat the password.")),
            EqualTo("password", message=lazy_gettext("The two passwords differ.")),
        ],
    )


def deliver(to: str, subject: object, template: str, **context) -> bool:
    """Send, logging (not raising) a mail server failure: the page a visitor sees must not depend on it. The mail
    is in the language of this page (the visitor's) unless `locale` names the recipient's."""
    try:
        send_mail(to, subject, template, **context)
        return True
    except MailError:
        log.exception("could not send mail", extra={"template": template})
        return False


def find_user(email: str) -> User | None:
    return session().scalar(select(User).where(User.email == email.strip().lower()))


def create_or_activate(email: str, name: str, password: str) -> User | None:
    """The candidate account for a confirmed address (None if another request created it first)."""
    db = session()
    user = find_user(email)
    if user is None:
        # The account starts in the language of the page it was made on (the candidate's browser); the profile changes it.
        user = User(
            email=email.strip().lower(),
            name=one_line(name)[:200] or email,
            role=Role.CANDIDATE,
            locale=current_language(),
        )
        db.add(user)
    elif user.password_hash or user.role != Role.CANDIDATE:
        return None
    user.set_password(password)
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    user.last_login_at = utcnow()
    try:
        db.flush()
    except IntegrityError:
        db.rollback()
        return None
    audit(db, "account.created", actor=user, target=user)
    return user


# ------------------------------------------------------------------------------------------- registration


@bp.route("/register", methods=["GET", "POST"])
@form_limits("register")
def register():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = RegisterForm()
    next_url = safe_next(request.args.get("next"))
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        user = find_user(email)
        if user is not None and user.password_hash:
            deliver(
                email,
                lazy_gettext("You already have an account"),
                "account_exists",
                locale=user.locale,
                name=user.name,
                login_link=absolute("auth.login"),
            )
        else:
            name = one_line(form.name.data)
            token = make_token(CONFIRM_EMAIL, {"email": email, "name": name, "next": next_url})
            deliver(
                email,
                lazy_gettext("Confirm your email address"),
                "confirm_email",
                name=name,
                link=absolute("candidate.confirm", token=token),
                hours=CONFIRM_EMAIL.max_age_seconds // 3600,
            )
        return render_template("candidate/confirm.html", state="sent", email=email)
    status = 400 if form.errors else 200
    return render_template("candidate/register.html", form=form, next_url=next_url), status


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@form_limits("confirm")
def confirm(token: str):
    try:
        data = read_token(CONFIRM_EMAIL, token)
        email, name = str(data["email"]), str(data.get("name") or "")
    except (TokenError, KeyError) as exc:
        expired = isinstance(exc, TokenError) and exc.expired
        return render_template("candidate/confirm.html", state="expired" if expired else "invalid"), (
            410 if expired else 400
        )
    if current_user.is_authenticated:
        if current_user.email != email:
            flash(gettext("You are signed in with another account. Sign out first, then open the link again."), "info")
        return redirect(home_for(current_user))
    existing = find_user(email)
    if existing is not None and (existing.password_hash or existing.role != Role.CANDIDATE):
        flash(gettext("Your email address is already confirmed. Sign in to continue."), "info")
        return redirect(url_for("auth.login"))
    form = PasswordForm()
    if form.validate_on_submit():
        user = create_or_activate(email, name, form.password.data)
        if user is None:
            flash(gettext("Your account already exists. Sign in to continue."), "info")
            return redirect(url_for("auth.login"))
        session().commit()
        sign_in(user)
        flash(gettext("Your email address is confirmed and your account is ready."), "success")
        return redirect(safe_next(data.get("next")) or home_for(user))
    return render_template(
        "candidate/set_password.html", form=form, email=email, name=name, invitation=None, min_length=MIN_PASSWORD
    ), (400 if form.errors else 200)


# ------------------------------------------------------------------------------------------- invitations


def _invitation_for(token: str) -> tuple[Invitation | None, str | None]:
    """(invitation, None) when usable, else (None, "invalid" | "expired" | "withdrawn" | "closed")."""
    try:
        data = read_token(INVITATION, token)
    except TokenError as exc:
        return None, "expired" if exc.expired else "invalid"
    invitation = session().get(Invitation, data.get("inv"))
    if invitation is None or invitation.email != data.get("email"):
        return None, "invalid"
    if invitation.revoked_at is not None:
        return None, "withdrawn"
    if invitation.expires_at < utcnow():
        return None, "expired"
    if invitation.position.retired_at is not None:
        return None, "closed"
    return invitation, None


def _mark_accepted(invitation: Invitation, user: User) -> None:
    if invitation.accepted_at is None:
        invitation.accepted_at = utcnow()
        invitation.user_id = user.id
        audit(session(), "invitation.accepted", actor=user, target=invitation)


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@form_limits("invitation")
def invitation(token: str):
    invitation, problem = _invitation_for(token)
    if invitation is None:
        return render_template("candidate/invitation.html", state=problem), {
            "expired": 410,
            "closed": 410,
            "withdrawn": 410,
        }.get(problem or "", 400)
    apply_url = url_for("candidate.apply", slug=invitation.position.slug)
    if current_user.is_authenticated:
        if current_user.email != invitation.email:
            return render_template("candidate/invitation.html", state="other_user", invitation=invitation), 403
        _mark_accepted(invitation, current_user)
        session().commit()
        return redirect(apply_url)
    existing = find_user(invitation.email)
    if existing is not None and (existing.password_hash or existing.role != Role.CANDIDATE):
        if existing.email_confirmed_at is None:  # the invitation link proves the address
            existing.email_confirmed_at = utcnow()
            session().commit()
        flash(gettext("You already have an account. Sign in to continue with your application."), "info")
        return redirect(url_for("auth.login", next=url_for("candidate.invitation", token=token)))
    form = PasswordForm()
    if form.validate_on_submit():
        user = create_or_activate(invitation.email, invitation.name, form.password.data)
        if user is None:
            flash(gettext("Your account already exists. Sign in to continue."), "info")
            return redirect(url_for("auth.login", next=url_for("candidate.invitation", token=token)))
        _mark_accepted(invitation, user)
        session().commit()
        sign_in(user)
        flash(gettext("Your account is ready. Please complete your application."), "success")
        return redirect(apply_url)
    return render_template(
        "candidate/set_password.html",
        form=form,
        email=invitation.email,
        name=invitation.name,
        invitation=invitation,
        min_length=MIN_PASSWORD,
    ), (400 if form.errors else 200)
