"""`assessment validate` (no database, no Docker) and `assessment sync`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def _default_problems_dir() -> Path:
    from assessment.config import Settings

    return Settings.from_env(secret_key="unused").problems_dir


def _print_issues(issues, err: bool = False) -> None:
    for issue in issues:
        label = "" if issue.is_error else "warning: "
        click.echo(f"{issue.path}: {label}{issue.message}", err=err)


@click.command("validate")
@click.argument("problems_dir", required=False, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (positions, errors, warnings).")
@click.option("--no-input-validators", is_flag=True, help="Do not run the input validators on the test data.")
def validate_command(problems_dir: Path | None, as_json: bool, no_input_validators: bool) -> None:
    """Check every position, problem package and essay prompt under PROBLEMS_DIR (default: the configured
    problems folder) and run every input validator on every test input. PROBLEMS_DIR may also be one position
    folder (with a position.yaml; or its coding/ or essays/ folder) or one problem package (with a problem.yaml).
    Exit status 1 on any error."""
    from assessment.problems.validate import problem_line, validate_tree

    root = problems_dir or _default_problems_dir()
    try:
        report = validate_tree(root, run_input_validators=not no_input_validators)
    except Exception as exc:  # noqa: BLE001 - an operator command never shows a traceback
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "positions": [],
                        "errors": [{"path": str(root), "message": f"validation failed: {type(exc).__name__}: {exc}"}],
                        "warnings": [],
                    }
                )
            )
        else:
            click.echo(f"{root}: validation failed: {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, default=str))
    else:
        _print_issues(report.warnings)
        _print_issues(report.errors)
        for position in report.tree.positions:
            click.echo(
                f"ok  {position.slug}: {position.config.title} — {len(position.problems)} problem(s), "
                f"{len(position.essays)} essay prompt(s)"
            )
            for package in position.problems:
                click.echo(problem_line(package))
        if report.package is not None:
            click.echo(f"ok  {report.package.name}: {report.package.title}")
            click.echo(problem_line(report.package))
        click.echo(report.summary())
    sys.exit(0 if report.ok else 1)


@click.command("sync")
@click.argument("problems_dir", required=False, type=click.Path(path_type=Path))
@click.option("--no-input-validators", is_flag=True, help="Do not run the input validators before syncing.")
@click.option("--verbose", "-v", is_flag=True, help="List every change.")
def sync_command(problems_dir: Path | None, no_input_validators: bool, verbose: bool) -> None:
    """Load PROBLEMS_DIR (default: the configured problems folder) into the database. A tree with any error
    changes nothing."""
    from assessment.problems.sync import sync_from_dir

    from ._app import app

    try:
        flask_app = app()
        settings = flask_app.extensions["assessment.settings"]
        root = problems_dir or settings.problems_dir
        with flask_app.app_context():
            from assessment.extensions import session

            report = sync_from_dir(session(), root, settings.snapshot_dir, run_input_validators=not no_input_validators)
    except Exception as exc:  # noqa: BLE001
        click.echo(f"sync failed, nothing was changed: {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)
    if report.errors:
        _print_issues(report.errors, err=True)
        click.echo(
            f"{len(report.errors)} error(s): nothing was changed. Fix them (see `assessment validate`) and "
            "run the sync again.",
            err=True,
        )
        sys.exit(1)
    if verbose:
        for line in report.changes:
            click.echo(f"  {line}")
    click.echo(report.summary())


def register(main: click.Group) -> None:
    main.add_command(validate_command)
    main.add_command(sync_command)
