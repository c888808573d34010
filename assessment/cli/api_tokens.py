"""`assessment api-token create|list|revoke`: bearer tokens for the JSON API, with scopes and an expiry. The token is
shown once; only its sha256 is stored. The admin page (Administration → API tokens) does the same."""

from __future__ import annotations

import sys

import click
from sqlalchemy import select

from ..enums import TokenScope
from ._app import app


@click.group("api-token")
def api_token() -> None:
    """Bearer tokens for the JSON API (GET /api/v1/positions/<slug>/board, /api/v1/health details)."""


@api_token.command("create")
@click.option("--name", required=True, help="What the token is for, e.g. the ATS's name.")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    default=(TokenScope.BOARD_READ.value,),
    show_default=True,
    help="; ".join(f"{scope.value}: {scope.label.lower()}" for scope in TokenScope) + " (repeatable).",
)
@click.option(
    "--expires-in-days",
    "days",
    type=int,
    default=None,
    help="Lifetime in days, 1..730 (default: ASSESSMENT_API_TOKEN_DAYS, 90).",
)
def create(name: str, scopes: tuple[str, ...], days: int | None) -> None:
    """Create a token and print it (it is not shown again)."""
    from assessment.accounts.api_tokens import TokenRequestError, create_token

    flask_app = app()
    with flask_app.app_context():
        from assessment.extensions import session, settings

        try:
            row, secret = create_token(session(), name, list(scopes), days or settings().api_token_days)
        except TokenRequestError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        click.echo(
            f"token {row.id} ({row.name}, scopes {' '.join(row.scopes)}, expires {row.expires_at:%Y-%m-%d} "
            "UTC) created. Copy it now, it is not shown again:"
        )
        click.echo(secret)


@api_token.command("list")
def list_tokens() -> None:
    """List tokens (id, name, scopes, created, expires, last used, state)."""
    from assessment.models import ApiToken, utcnow

    with app().app_context():
        from assessment.extensions import session

        rows = session().scalars(select(ApiToken).order_by(ApiToken.id)).all()
        if not rows:
            click.echo("no API tokens")
        now = utcnow()
        for row in rows:
            state = str(row.state(now))
            if row.revoked_at is not None:
                state = f"{state} {row.revoked_at:%Y-%m-%d %H:%M}"
            used = f"{row.last_used_at:%Y-%m-%d %H:%M}" if row.last_used_at else "never"
            click.echo(
                f"{row.id}\t{row.name}\t{','.join(row.scopes)}\tcreated {row.created_at:%Y-%m-%d %H:%M}\t"
                f"expires {row.expires_at:%Y-%m-%d %H:%M}\tlast used {used}\t{state}"
            )


@api_token.command("revoke")
@click.argument("token_id", type=int)
def revoke(token_id: int) -> None:
    """Revoke a token by id (see `assessment api-token list`)."""
    from assessment.accounts.api_tokens import revoke_token
    from assessment.models import ApiToken

    with app().app_context():
        from assessment.extensions import session

        db = session()
        row = db.get(ApiToken, token_id)
        if row is None:
            click.echo(f"error: no API token with id {token_id}; see `assessment api-token list`.", err=True)
            sys.exit(2)
        revoke_token(db, row)
        click.echo(f"token {row.id} ({row.name}) revoked")


def register(main: click.Group) -> None:
    main.add_command(api_token)
