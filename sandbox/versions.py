"""The table of languages as data (for `assessment languages`, the API and the docs), with the version of each
language found in the built runner image (/opt/judge/versions.json, written when the image was built)."""

from __future__ import annotations

import io
import json
import tarfile
import threading
from typing import Any

from .build import VERSIONS_FILE
from .container import runner_image
from .docker_client import SandboxUnavailable, client_or_unavailable
from .languages import LANGUAGES, Language

_lock = threading.Lock()
_cache: dict[str, dict[str, str]] = {}


def image_versions() -> dict[str, str]:
    """{language id: version line} from the current runner image; SandboxUnavailable without an engine or image."""
    client = client_or_unavailable()
    image = runner_image(client)
    with _lock:
        if image in _cache:
            return dict(_cache[image])
    container = client.api.create_container(image, command=["true"], network_disabled=True)
    try:
        stream, _ = client.api.get_archive(container["Id"], VERSIONS_FILE)
        data = b"".join(stream)
    finally:
        client.api.remove_container(container["Id"], force=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        member = archive.extractfile(archive.getmembers()[0])
        found = json.loads(member.read().decode("utf-8")) if member else {}
    versions = {str(k): str(v) for k, v in found.items()}
    with _lock:
        _cache[image] = versions
    return dict(versions)


def describe(language: Language, version: str | None) -> dict[str, Any]:
    """One row of the table as JSON-friendly data (the shape of `assessment languages --json` and the API)."""
    return {
        "id": language.id,
        "name": language.name,
        "version": version,
        "package_format_code": language.kattis or None,
        "other_names": list(language.aliases),
        "extensions": list(language.extensions),
        "detected_by_extension": language.detect,
        "libraries": list(language.libraries),
        "entry_point": language.entry_rule,
        "compile": " ".join(language.compile) if language.compile else None,
        "run": " ".join(language.run),
        "compile_limits": {
            "memory_mb_at_least": language.compile_memory_mb or None,
            "time_s_at_least": language.compile_time_s or None,
        },
        "extra_threads": language.threads,
        "debian_packages": list(language.packages),
        "editor_mode": language.codemirror,
    }


def table(with_versions: bool = True) -> tuple[list[dict[str, Any]], str | None]:
    """(rows, why versions are missing or None)."""
    versions: dict[str, str] = {}
    problem = None
    if with_versions:
        try:
            versions = image_versions()
        except SandboxUnavailable as exc:
            problem = str(exc)
    return [describe(lang, versions.get(lang.id)) for lang in LANGUAGES.values()], problem


def markdown_table(rows: list[dict[str, Any]]) -> str:
    """The docs' language table (README.md, sandbox/README.md)."""
    lines = [
        "| language | id | version in the image | files | entry point of a folder | compile limits at least |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        name = row["name"] + (f" — libraries: {', '.join(row['libraries'])}" if row["libraries"] else "")
        files = " ".join(f"`{e}`" for e in row["extensions"]) + ("" if row["detected_by_extension"] else " (by name)")
        limits = row["compile_limits"]
        compile_limits = (
            ", ".join(
                x
                for x in (
                    f"{limits['memory_mb_at_least']} MB" if limits["memory_mb_at_least"] else "",
                    f"{limits['time_s_at_least']:g} s" if limits["time_s_at_least"] else "",
                )
                if x
            )
            or "-"
        )
        lines.append(
            f"| {name} | `{row['id']}` | {row['version'] or '?'} | {files} | {row['entry_point']} | {compile_limits} |"
        )
    return "\n".join(lines)
