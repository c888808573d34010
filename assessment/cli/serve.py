from __future__ import annotations

import logging
import os
import secrets
import sys

import click
from sqlalchemy import func, select

from .embedded_server import LISTEN_BACKLOG, raise_open_file_limit

log = logging.getLogger("assessment.serve")


def ensure_first_admin(app) -> None:
    """On the very first start, create an admin so the platform is ready to sign in to."""
    from assessment.extensions import session
    from assessment.models import Role, User, audit, utcnow

    with app.app_context():
        db = session()
        if db.scalar(select(func.count()).select_from(User).where(User.role == Role.ADMIN)):
            return
        settings = app.extensions["assessment.settings"]
        email = settings.admin_email
        password = settings.admin_password or secrets.token_urlsafe(12)
        user = User(email=email, name="Administrator", role=Role.ADMIN, email_confirmed_at=utcnow())
        user.set_password(password)
        db.add(user)
        db.flush()
        audit(db, "user.create_admin", target=user, source="first start")
        db.commit()
        path = app.extensions["assessment.settings"].instance_path / "first-admin.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(f"email: {email}\npassword: {password}\n")
        click.echo(f"Created the first administrator: {email} / {password} (also in {path})")


def sync_content(app) -> bool:
    """Load problems/ into the database; a tree with errors changes nothing and is reported."""
    from assessment.problems.sync import sync_from_dir

    settings = app.extensions["assessment.settings"]
    with app.app_context():
        from assessment.extensions import session

        report = sync_from_dir(session(), settings.problems_dir, settings.snapshot_dir)
    if report.errors:
        for issue in report.errors:
            click.echo(f"{issue.path}: {issue.message}", err=True)
        click.echo(
            "problems/ has errors: nothing was loaded; fix them and restart (or run `assessment validate`).", err=True
        )
        return False
    click.echo(report.summary())
    return True


@click.command("run")
@click.option("--host", default=None, help="Address to listen on (default: ASSESSMENT_HOST, 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default: ASSESSMENT_PORT, 5000).")
@click.option(
    "--processes",
    default=None,
    type=click.IntRange(min=1),
    help="Web processes (default: ASSESSMENT_WEB_PROCESSES, the number of cores).",
)
@click.option(
    "--threads", default=None, type=int, help="Request threads per web process (default: ASSESSMENT_WEB_THREADS, 4)."
)
@click.option("--no-sync", is_flag=True, help="Do not load problems/ on start.")
@click.option("--no-judge", is_flag=True, help="Do not start the judge process (use `assessment worker` elsewhere).")
def run(
    host: str | None, port: int | None, processes: int | None, threads: int | None, no_sync: bool, no_judge: bool
) -> None:
    """Start the platform: web processes, a judge process, content sync, migrations."""
    from assessment.config import Settings

    from .processes import prepare_metrics_folder, serve

    # --host/--port are settings like ASSESSMENT_HOST/ASSESSMENT_PORT (the web and judge processes read them from
    # the environment): links in emails follow them too, unless ASSESSMENT_BASE_URL says where the platform is.
    if host:
        os.environ["ASSESSMENT_HOST"] = host
    if port:
        os.environ["ASSESSMENT_PORT"] = str(port)
    cleanup = prepare_metrics_folder()  # before the metrics library is first imported (create_app)
    try:
        settings = Settings.from_env()
        if not prepare(settings, sync=not no_sync):
            sys.exit(1)
        raise_open_file_limit()  # the children inherit it
        code = serve(
            settings.host,
            settings.port,
            processes or settings.web_processes,
            threads or settings.web_threads,
            not no_judge,
            LISTEN_BACKLOG,
        )
    finally:
        cleanup()
    sys.exit(code)


def prepare(settings, sync: bool) -> bool:
    """What happens once before serving: migrations (create_app), the first administrator, the content sync."""
    from assessment import create_app

    app = create_app(settings, start_workers=False)
    try:
        ensure_first_admin(app)
        return not sync or sync_content(app)
    finally:
        app.extensions["assessment.db"].dispose()  # the web and judge processes open their own connections


def register(main: click.Group) -> None:
    main.add_command(run)
