"""`assessment languages [--json]`: the table of languages, with the versions found in the built runner image."""

from __future__ import annotations

import json

import click


@click.command("languages")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object ({languages: [...], versions_error}).")
@click.option("--markdown", is_flag=True, help="Print the table as Markdown (the README's language table).")
def languages_command(as_json: bool, markdown: bool) -> None:
    """List the languages submissions may be written in (sandbox/languages/, one module each)."""
    from sandbox.versions import markdown_table, table

    rows, problem = table()
    if as_json:
        click.echo(json.dumps({"languages": rows, "versions_error": problem}, indent=1))
        return
    if markdown:
        click.echo(markdown_table(rows))
        return
    width = max(len(r["id"]) for r in rows)
    name_width = max(len(r["name"]) for r in rows)
    for row in rows:
        version = row["version"] or "?"
        extras = f"  libraries: {', '.join(row['libraries'])}" if row["libraries"] else ""
        click.echo(
            f"{row['id'].ljust(width)}  {row['name'].ljust(name_width)}  {' '.join(row['extensions']):<18} "
            f"{version}{extras}"
        )
    if problem:
        click.echo(f"versions unknown: {problem}", err=True)


def register(main: click.Group) -> None:
    main.add_command(languages_command)
