from __future__ import annotations

import sys

import click
from sqlalchemy import select

from ._app import app


@click.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", default="Administrator", show_default=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_admin(email: str, name: str, password: str) -> None:
    """Create an administrator account (or reset an existing one's password and role)."""
    from assessment.models import Role, User, audit, utcnow

    if len(password) < 8:
        click.echo("error: the password must have at least 8 characters.", err=True)
        sys.exit(2)
    flask_app = app()
    with flask_app.app_context():
        from assessment.extensions import session

        db = session()
        email = email.strip().lower()
        user = db.scalar(select(User).where(User.email == email))
        created = user is None
        if created:
            user = User(email=email, name=name)
            db.add(user)
        user.role = Role.ADMIN
        user.email_confirmed_at = user.email_confirmed_at or utcnow()
        user.set_password(password)
        db.flush()
        audit(db, "user.create_admin" if created else "user.reset_admin", target=user)
        db.commit()
    click.echo(f"{'created' if created else 'updated'} admin {email}")


@click.group("db")
def db_group() -> None:
    """Database schema commands."""


@db_group.command("upgrade")
def db_upgrade() -> None:
    """Apply all Alembic migrations (also done automatically on start)."""
    from assessment.config import Settings
    from assessment.db import Database
    from assessment.migrate import current_revision, upgrade

    database = Database(Settings.from_env().database_url)
    upgrade(database)
    click.echo(f"database at revision {current_revision(database)}")


def register(main: click.Group) -> None:
    main.add_command(create_admin)
    main.add_command(db_group)
