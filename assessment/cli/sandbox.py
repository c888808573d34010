"""`assessment sandbox build|clean`: the runner images and leftover containers."""

from __future__ import annotations

import sys

import click


@click.group("sandbox")
def sandbox_group() -> None:
    """Manage the code-running sandbox (Docker images and containers)."""


@sandbox_group.command("build")
@click.option(
    "--offline/--no-offline",
    default=None,
    help="Build without network access (default: decided by the sandbox from what is available).",
)
@click.option("--force", is_flag=True, help="Rebuild even when the images are up to date.")
def build(offline: bool | None, force: bool) -> None:
    """Build the runner images (quick when nothing changed)."""
    from sandbox.build import build_images
    from sandbox.prerequisites import MissingPrerequisite

    try:
        build_images(offline=offline, force=force, log=click.echo)
    except MissingPrerequisite as exc:  # what this machine lacks, with the command that installs it
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - build failures are explained by the sandbox; no traceback for the operator
        click.echo(f"Error: building the sandbox images failed: {exc}", err=True)
        sys.exit(1)


@sandbox_group.command("clean")
def clean() -> None:
    """Remove sandbox containers left behind (e.g. by a judge that was killed)."""
    from sandbox.janitor import clean as clean_containers
    from sandbox.prerequisites import MissingPrerequisite, engine

    try:
        engine()
        removed = clean_containers()
    except MissingPrerequisite as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - reported in one line, no traceback for the operator
        click.echo(f"Error: cleaning the sandbox failed: {exc}", err=True)
        sys.exit(1)
    click.echo(f"Removed {removed} leftover sandbox container(s).")


def register(main: click.Group) -> None:
    main.add_command(sandbox_group)
