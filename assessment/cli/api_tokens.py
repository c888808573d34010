"""`assessment api-token create|list|revoke`: bearer tokens for the export API. The token is shown once; only
its sha256 is stored."""

from __future__ import annotations

import secrets
import sys

import click
from sqlalchemy import select

from ._app import app


@click.group("api-token")
def api_token() -> None:
    """Bearer tokens for GET /api/v1/positions/<slug>/board."""


@api_token.command("create")
@click.option("--name", required=True, help="What the token is for, e.g. the ATS's name.")
def create(name: str) -> None:
    """Create a token and print it (it is not shown again)."""
    from assessment.api.v1.board import hash_token
    from assessment.models import ApiToken, audit

    token = "asm_" + secrets.token_urlsafe(32)
    with app().app_context():
        from assessment.extensions import session

        db = session()
        row = ApiToken(name=name.strip()[:200], token_hash=hash_token(token))
        db.add(row)
        db.flush()
        audit(db, "api_token.create", target=row, name=row.name)
        db.commit()
        click.echo(f"token {row.id} ({row.name}) created. Copy it now, it is not shown again:")
        click.echo(token)


@api_token.command("list")
def list_tokens() -> None:
    """List tokens (id, name, created, last used, revoked)."""
    from assessment.models import ApiToken

    with app().app_context():
        from assessment.extensions import session

        rows = session().scalars(select(ApiToken).order_by(ApiToken.id)).all()
        if not rows:
            click.echo("no API tokens")
        for row in rows:
            state = f"revoked {row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else "active"
            used = f"{row.last_used_at:%Y-%m-%d %H:%M}" if row.last_used_at else "never"
            click.echo(f"{row.id}\t{row.name}\tcreated {row.created_at:%Y-%m-%d %H:%M}\tlast used {used}\t{state}")


@api_token.command("revoke")
@click.argument("token_id", type=int)
def revoke(token_id: int) -> None:
    """Revoke a token by id (see `assessment api-token list`)."""
    from assessment.models import ApiToken, audit, utcnow

    with app().app_context():
        from assessment.extensions import session

        db = session()
        row = db.get(ApiToken, token_id)
        if row is None:
            click.echo(f"error: no API token with id {token_id}; see `assessment api-token list`.", err=True)
            sys.exit(2)
        if row.revoked_at is None:
            row.revoked_at = utcnow()
            audit(db, "api_token.revoke", target=row)
            db.commit()
        click.echo(f"token {row.id} ({row.name}) revoked")


def register(main: click.Group) -> None:
    main.add_command(api_token)
