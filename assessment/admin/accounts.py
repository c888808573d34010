"""Every account, for administrators: deactivate and reactivate, change a staff member's role, sign someone out
everywhere. Deactivating, changing a role and signing out end all of that person's sessions and remember-me cookies
at their next request (assessment.web.sessions). Nobody can demote or deactivate themselves, so an administrator
always remains. Every action is audited."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import func, or_, select

from ..extensions import session
from ..models import STAFF_ROLES, Role, User, audit
from ..web.links import safe_next
from ..web.roles import admin_required
from ..web.sessions import end_all_sessions
from .blueprint import bp

PAGE_SIZE = 100


def _account(user_id: int) -> User:
    user = session().get(User, user_id)
    if user is None:
        abort(404)
    return user


def _back():
    return redirect(safe_next(request.form.get("next")) or url_for("admin.accounts"))


@bp.route("/accounts")
@admin_required
def accounts():
    db = session()
    query_text = request.args.get("q", "").strip()[:200]
    role = request.args.get("role", "")
    role_filter = Role(role) if role in {r.value for r in Role} else None
    page = max(1, request.args.get("page", 1, type=int) or 1)
    query = select(User)
    if query_text:
        like = f"%{query_text.lower()}%"
        query = query.where(or_(func.lower(User.email).like(like), func.lower(User.name).like(like)))
    if role_filter is not None:
        query = query.where(User.role == role_filter)
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.scalars(query.order_by(User.role, User.email).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    return render_template(
        "admin/accounts.html",
        rows=rows,
        q=query_text,
        role=role,
        roles=list(Role),
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        total=total,
        staff_roles=STAFF_ROLES,
    )


@bp.route("/accounts/<int:user_id>/deactivate", methods=["POST"])
@admin_required
def account_deactivate(user_id: int):
    db = session()
    user = _account(user_id)
    if user.id == current_user.id:
        flash(gettext("You cannot deactivate your own account; ask another administrator."), "error")
        return _back()
    if user.active:
        user.active = False  # raises the session generation: signed out everywhere at the next request
        audit(db, "user.deactivate", actor=current_user, target=user, email=user.email)
        db.commit()
    flash(
        gettext(
            "%(email)s is deactivated and signed out everywhere; they cannot sign in until reactivated.",
            email=user.email,
        ),
        "success",
    )
    return _back()


@bp.route("/accounts/<int:user_id>/reactivate", methods=["POST"])
@admin_required
def account_reactivate(user_id: int):
    db = session()
    user = _account(user_id)
    if not user.active:
        user.active = True
        audit(db, "user.reactivate", actor=current_user, target=user, email=user.email)
        db.commit()
    flash(gettext("%(email)s can sign in again.", email=user.email), "success")
    return _back()


@bp.route("/accounts/<int:user_id>/role", methods=["POST"])
@admin_required
def account_role(user_id: int):
    db = session()
    user = _account(user_id)
    value = request.form.get("role", "")
    role = Role(value) if value in {r.value for r in STAFF_ROLES} else None
    if user.id == current_user.id:
        flash(gettext("You cannot change your own role; ask another administrator."), "error")
    elif user.role not in STAFF_ROLES or role is None:
        flash(
            gettext(
                "Only staff accounts change roles, between reviewer and administrator. Candidates keep their own "
                "accounts; create a separate staff account instead."
            ),
            "error",
        )
    elif role != user.role:
        old = user.role
        user.role = role  # raises the session generation: signed out everywhere at the next request
        audit(db, "user.role_change", actor=current_user, target=user, email=user.email, old_role=old, new_role=role)
        db.commit()
        if role == Role.ADMIN:
            message = gettext(
                "%(email)s is now an administrator and was signed out everywhere; the new role applies from their "
                "next sign-in.",
                email=user.email,
            )
        else:
            message = gettext(
                "%(email)s is now a reviewer and was signed out everywhere; the new role applies from their next "
                "sign-in.",
                email=user.email,
            )
        flash(message, "success")
    return _back()


@bp.route("/accounts/<int:user_id>/sign-out", methods=["POST"])
@admin_required
def account_sign_out(user_id: int):
    db = session()
    user = _account(user_id)
    end_all_sessions(user)
    audit(db, "user.sign_out_everywhere", actor=current_user, target=user, email=user.email)
    db.commit()
    flash(gettext("%(email)s is signed out on every device.", email=user.email), "success")
    return _back()
