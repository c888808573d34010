"""API tokens for administrators: create one (scopes, lifetime) and see it once, list, revoke. The same as
`assessment api-token ...`. Also the system health page, which shows the details the public endpoint withholds."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import select

from ..accounts.api_tokens import MAX_DAYS, TokenRequestError, create_token, revoke_token
from ..extensions import session, settings
from ..judging.health import health_report
from ..models import ApiToken, TokenScope, utcnow
from ..web.roles import admin_required
from .blueprint import bp


def _page(status: int = 200, **extra):
    tokens = session().scalars(select(ApiToken).order_by(ApiToken.revoked_at.is_not(None), ApiToken.id.desc())).all()
    return render_template(
        "admin/api_tokens.html",
        tokens=tokens,
        now=utcnow(),
        scopes=list(TokenScope),
        default_days=settings().api_token_days,
        max_days=MAX_DAYS,
        **extra,
    ), status


@bp.route("/api-tokens")
@admin_required
def api_tokens():
    return _page()


@bp.route("/api-tokens", methods=["POST"])
@admin_required
def api_token_create():
    try:
        days = int(request.form.get("days") or settings().api_token_days)
    except ValueError:
        days = 0
    try:
        row, secret = create_token(
            session(), request.form.get("name", ""), request.form.getlist("scopes"), days, current_user
        )
    except TokenRequestError as exc:
        session().rollback()
        return _page(400, error=str(exc), form=request.form)
    # The secret is in this response only (never stored, never in a redirect or a flash message).
    return _page(new_token=secret, new_row=row)


@bp.route("/api-tokens/<int:token_id>/revoke", methods=["POST"])
@admin_required
def api_token_revoke(token_id: int):
    db = session()
    row = db.get(ApiToken, token_id)
    if row is None:
        abort(404)
    revoke_token(db, row, current_user)
    flash(gettext("Token “%(name)s” is revoked; requests with it are refused from now on.", name=row.name), "success")
    return redirect(url_for("admin.api_tokens"))


@bp.route("/health")
@admin_required
def health():
    report = health_report(session(), settings())
    return render_template("admin/health.html", report=report), 200 if report["status"] == "ok" else 503
