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
        existing = db.scalar(select(User).where(User.email == email))
        created = existing is None
        user = existing if existing is not None else User(email=email, name=name)
        if created:
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
    from assessment.models.checks import require_valid_stored_values

    database = Database(Settings.from_env().database_url)
    upgrade(database)
    click.echo(f"database at revision {current_revision(database)}")
    require_valid_stored_values(database)


@db_group.command("check")
def db_check() -> None:
    """Check that every stored role, verdict, decision, submission kind and state is one the platform knows."""
    from assessment.config import Settings
    from assessment.db import Database
    from assessment.models.checks import invalid_stored_values

    problems = invalid_stored_values(Database(Settings.from_env().database_url))
    for line in problems:
        click.echo(line, err=True)
    if problems:
        click.echo("Correct those rows (or add the value to its enum in assessment/enums.py).", err=True)
        sys.exit(1)
    click.echo("every stored value is known")


def register(main: click.Group) -> None:
    main.add_command(create_admin)
    main.add_command(db_group)
