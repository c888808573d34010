from __future__ import annotations

import logging
import os
import secrets
import sys

import click
from sqlalchemy import func, select

log = logging.getLogger("assessment.serve")

# The embedded server under a crowd: every candidate's browser keeps a connection or two open (keep-alive, and a
# status poll beside an autosave), so 1,000 candidates hold well over 1,024 sockets. Waitress's default select() loop
# stops with "filedescriptor out of range" past file descriptor 1,023 (every open connection was then dropped: the
# resets seen at 700 candidates), so the server waits with poll(), which has no such limit; its listen queue holds
# a sign-in rush (the kernel caps it at net.core.somaxconn); and the process may open as many files as its hard limit
# allows, since Debian's default soft limit is 1,024.
CONNECTION_LIMIT = 4000
LISTEN_BACKLOG = 2048
OPEN_FILES_WANTED = CONNECTION_LIMIT + 512  # connections, the database and its pool, logs, the judge's sockets


def raise_open_file_limit(wanted: int = OPEN_FILES_WANTED) -> int:
    """Raise this process's soft limit on open files towards `wanted` (never above the hard limit, never lower it);
    returns the soft limit now in force."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError) as exc:
            log.warning(
                "could not raise the open-file limit", extra={"soft": soft, "wanted": target, "error": str(exc)}
            )
    return soft


def make_server(app, host: str, port: int, threads: int):
    """The embedded WSGI server (waitress), ready to `.run()`; port 0 picks a free port (`.effective_port`)."""
    from waitress import create_server

    return create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        connection_limit=CONNECTION_LIMIT,
        backlog=LISTEN_BACKLOG,
        asyncore_use_poll=True,
        channel_timeout=120,
        ident="assessment",
    )


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
@click.option("--threads", default=None, type=int, help="Request threads (default: ASSESSMENT_WEB_THREADS, 8).")
@click.option("--no-sync", is_flag=True, help="Do not load problems/ on start.")
@click.option(
    "--no-judge", is_flag=True, help="Do not start in-process judge workers (use `assessment worker` elsewhere)."
)
def run(host: str | None, port: int | None, threads: int | None, no_sync: bool, no_judge: bool) -> None:
    """Start the platform: web server, in-process judge workers, content sync, migrations."""
    from assessment import create_app
    from assessment.attempts.finalize import start_finalizer
    from assessment.background import start_background_services
    from assessment.config import Settings

    # --host/--port are settings like ASSESSMENT_HOST/ASSESSMENT_PORT: links in emails follow them too (unless
    # ASSESSMENT_BASE_URL says where the platform is reached).
    chosen: dict[str, str | int] = {key: value for key, value in (("host", host), ("port", port)) if value}
    app = create_app(Settings.from_env(None, **chosen), start_workers=False)
    settings = app.extensions["assessment.settings"]
    ensure_first_admin(app)
    if not no_sync and not sync_content(app):
        sys.exit(1)
    if no_judge:
        start_finalizer(app)
    else:
        start_background_services(app)  # the backend's judge workers (embedded) and the finaliser
    host, port = host or settings.host, port or settings.port
    raise_open_file_limit()
    server = make_server(app, host, port, threads or settings.web_threads)
    click.echo(f"Serving on http://{host}:{port}/")
    server.run()


def register(main: click.Group) -> None:
    main.add_command(run)
