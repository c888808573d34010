"""Public pages: the list of open positions."""

from __future__ import annotations

from flask import Blueprint, Flask, abort, render_template
from sqlalchemy import select

from ..extensions import session
from ..models import Position, utcnow

bp = Blueprint("public", __name__)


def open_positions():
    return (
        session()
        .scalars(select(Position).where(Position.retired_at.is_(None)).order_by(Position.sort_order, Position.title))
        .all()
    )


@bp.route("/")
def index():
    return render_template("public/index.html", positions=open_positions(), now=utcnow())


@bp.route("/positions/<slug>")
def position(slug: str):
    item = session().scalar(select(Position).where(Position.slug == slug, Position.retired_at.is_(None)))
    if item is None:
        abort(404)
    return render_template("public/position.html", position=item, now=utcnow())


def register(app: Flask) -> None:
    app.register_blueprint(bp)
