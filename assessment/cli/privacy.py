"""`assessment purge`: the retention rule for CVs and drafts of decided applications (assessment.privacy.retention).
A dry run unless `--apply` is given."""

from __future__ import annotations

import json
import sys

import click

from ._app import app


@click.command("purge")
@click.option("--apply", "apply_", is_flag=True, help="Remove what is listed (without it, nothing changes).")
@click.option("--days", type=click.IntRange(min=1), help="Retention in days (default: ASSESSMENT_RETENTION_DAYS).")
@click.option("--json", "as_json", is_flag=True, help="Print the plan (and the result) as JSON.")
def purge(apply_: bool, days: int | None, as_json: bool) -> None:
    """Purge CVs and drafts of applications decided (rejected, offered, withdrawn) more than N days ago."""
    flask_app = app()
    settings = flask_app.extensions["assessment.settings"]
    days = days or settings.retention_days
    if not days:
        click.echo(
            "error: no retention period: set ASSESSMENT_RETENTION_DAYS (for example 365) or pass --days N.", err=True
        )
        sys.exit(2)
    with flask_app.app_context():
        from assessment.extensions import session
        from assessment.privacy import retention

        db = session()
        items = retention.plan(db, days)
        purged = retention.apply(db, items, settings.cv_dir, days) if apply_ else 0
    if as_json:
        click.echo(
            json.dumps(
                {"retention_days": days, "applied": apply_, "purged": purged, "items": [i.as_dict() for i in items]},
                indent=2,
            )
        )
        return
    verb = "purged" if apply_ else "would purge"
    for item in items:
        parts = (
            (["CV"] if item.cv else [])
            + ([f"{item.code_drafts} code draft(s)"] if item.code_drafts else [])
            + ([f"{item.essay_drafts} essay draft(s)"] if item.essay_drafts else [])
        )
        click.echo(
            f"application {item.application_id} ({item.position}, {item.decided} {item.decided_at:%Y-%m-%d}): "
            f"{verb} {', '.join(parts)}"
        )
    if apply_:
        click.echo(f"{purged} application(s) purged (retention {days} days).")
    else:
        click.echo(f"{len(items)} application(s) to purge (retention {days} days). Dry run: add --apply to purge them.")


def register(main: click.Group) -> None:
    main.add_command(purge)
