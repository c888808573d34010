"""Reviewer accounts, their position assignments and, per assignment, the separate permissions to grade essays and to
decide (admins only)."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext
from flask_login import current_user
from sqlalchemy import select

from ..extensions import session, settings
from ..mail import send_mail
from ..mail.message import single_line
from ..models import STAFF_ROLES, Position, ReviewerAssignment, ReviewPermission, Role, User, audit
from ..tokens import set_password_token
from ..web.roles import admin_required
from .blueprint import bp


def _send_welcome(user: User) -> None:
    link = settings().base_url.rstrip("/") + url_for("review.set_password", token=set_password_token(user))
    send_mail(
        user.email,
        lazy_gettext("You have been added as a reviewer"),
        "reviewer_welcome",
        locale=user.locale,
        name=user.name,
        link=link,
        invited_by=current_user.name,
    )


def create_reviewer(db, email: str, name: str, actor) -> tuple[User, bool]:
    """Create a reviewer account (no password yet) and email the set-password link. Returns (user, created)."""
    try:
        email = validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise ValueError(gettext("That email address is not valid: %(problem)s", problem=exc)) from None
    name = single_line(name)
    if not name:
        raise ValueError(gettext("Enter the reviewer's name."))
    user = db.scalar(select(User).where(User.email == email))
    if user is not None:
        if user.role == Role.CANDIDATE:
            raise ValueError(
                gettext("%(email)s is a candidate account; use another address for the reviewer.", email=email)
            )
        return user, False
    user = User(email=email, name=name[:200], role=Role.REVIEWER)
    db.add(user)
    db.flush()
    audit(db, "reviewer.create", actor=actor, target=user, email=email)
    db.commit()
    _send_welcome(user)
    return user, True


@bp.route("/reviewers")
@admin_required
def reviewers():
    db = session()
    staff = db.scalars(select(User).where(User.role.in_(STAFF_ROLES)).order_by(User.role.desc(), User.name)).all()
    positions = db.scalars(
        select(Position).where(Position.retired_at.is_(None)).order_by(Position.sort_order, Position.title)
    ).all()
    return render_template("admin/reviewers.html", staff=staff, positions=positions)


@bp.route("/reviewers", methods=["POST"])
@admin_required
def reviewer_create():
    db = session()
    try:
        user, created = create_reviewer(db, request.form.get("email", ""), request.form.get("name", ""), current_user)
    except ValueError as exc:
        db.rollback()
        flash(str(exc), "error")
        return redirect(url_for("admin.reviewers"))
    if created:
        flash(gettext("Reviewer %(email)s created; a link to set a password was emailed.", email=user.email), "success")
    else:
        flash(gettext("%(email)s already has a staff account.", email=user.email), "info")
    position_id = request.form.get("position_id", type=int)
    if position_id:
        _assign(db, user, position_id)
    return redirect(url_for("admin.reviewers"))


def _staff_or_404(user_id: int) -> User:
    user = session().get(User, user_id)
    if user is None or not user.role.is_staff:
        abort(404)
    return user


def _assign(db, user: User, position_id: int) -> None:
    position = db.get(Position, position_id)
    if position is None:
        abort(404)
    exists = db.scalar(
        select(ReviewerAssignment).where(
            ReviewerAssignment.user_id == user.id, ReviewerAssignment.position_id == position.id
        )
    )
    if exists is None:
        db.add(ReviewerAssignment(user_id=user.id, position_id=position.id))
        audit(db, "reviewer.assign", actor=current_user, target=user, position=position.slug)
        db.commit()
        flash(gettext("%(name)s now reviews %(title)s.", name=user.name, title=position.title), "success")


@bp.route("/reviewers/<int:user_id>/assign", methods=["POST"])
@admin_required
def reviewer_assign(user_id: int):
    _assign(session(), _staff_or_404(user_id), request.form.get("position_id", type=int) or 0)
    return redirect(url_for("admin.reviewers"))


@bp.route("/reviewers/<int:user_id>/unassign/<int:position_id>", methods=["POST"])
@admin_required
def reviewer_unassign(user_id: int, position_id: int):
    db = session()
    user = _staff_or_404(user_id)
    assignment = db.scalar(
        select(ReviewerAssignment).where(
            ReviewerAssignment.user_id == user.id, ReviewerAssignment.position_id == position_id
        )
    )
    if assignment is not None:
        slug = assignment.position.slug
        db.delete(assignment)
        audit(db, "reviewer.unassign", actor=current_user, target=user, position=slug)
        db.commit()
        flash(gettext("%(name)s no longer reviews that position.", name=user.name), "success")
    return redirect(url_for("admin.reviewers"))


@bp.route("/reviewers/<int:user_id>/resend", methods=["POST"])
@admin_required
def reviewer_resend(user_id: int):
    user = _staff_or_404(user_id)
    _send_welcome(user)
    flash(gettext("A new set-password link was emailed to %(email)s.", email=user.email), "success")
    return redirect(url_for("admin.reviewers"))


@bp.route("/reviewers/<int:user_id>/permissions/<int:position_id>", methods=["POST"])
@admin_required
def reviewer_permissions(user_id: int, position_id: int):
    """Grading and deciding are separate permissions, set per position."""
    db = session()
    user = _staff_or_404(user_id)
    assignment = db.scalar(
        select(ReviewerAssignment).where(
            ReviewerAssignment.user_id == user.id, ReviewerAssignment.position_id == position_id
        )
    )
    if assignment is None:
        abort(404)
    new = {permission.column: bool(request.form.get(permission.column)) for permission in ReviewPermission}
    old = {permission.column: bool(getattr(assignment, permission.column)) for permission in ReviewPermission}
    if old != new:
        for column, allowed in new.items():
            setattr(assignment, column, allowed)
        audit(
            db,
            "reviewer.permissions",
            actor=current_user,
            target=user,
            position=assignment.position.slug,
            old=old,
            new=new,
        )
        db.commit()
    granted = [str(p.label) for p in ReviewPermission if new[p.column]]
    flash(
        gettext(
            "%(name)s's permissions in %(title)s: %(permissions)s.",
            name=user.name,
            title=assignment.position.title,
            permissions=", ".join(granted) if granted else gettext("reads only"),
        ),
        "success",
    )
    return redirect(url_for("admin.reviewers"))
