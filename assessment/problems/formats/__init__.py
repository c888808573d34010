"""problem.yaml per format version: `detect` names the version, `parse_metadata` reads it into one `Metadata`.

Adding a format version is one new module with `LAYOUT` and `parse`, and one line in `PARSERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..issues import Collector
from . import draft2023, legacy, v2025
from .common import FormatVersion, Layout, Metadata, ProblemType

Parser = Callable[[Collector, Path, dict[str, Any]], Metadata]

PARSERS: dict[FormatVersion, Parser] = {
    FormatVersion.LEGACY: legacy.parse,
    FormatVersion.DRAFT_2023_07: draft2023.parse,
    FormatVersion.V2025_09: v2025.parse,
}
LAYOUTS: dict[FormatVersion, Layout] = {
    FormatVersion.LEGACY: legacy.LAYOUT,
    FormatVersion.DRAFT_2023_07: draft2023.LAYOUT,
    FormatVersion.V2025_09: v2025.LAYOUT,
}
# Spellings of `problem_format_version` that mean each version.
ALIASES: dict[str, FormatVersion] = {
    "legacy": FormatVersion.LEGACY,
    "legacy-icpc": FormatVersion.LEGACY,
    "2023-07-draft": FormatVersion.DRAFT_2023_07,
    "2023-07": FormatVersion.DRAFT_2023_07,
    "2025-09": FormatVersion.V2025_09,
}


def detect(value: Any) -> FormatVersion | None:
    """The version `problem_format_version: value` names (None when unknown); a missing key means legacy."""
    if value is None:
        return FormatVersion.LEGACY
    return ALIASES.get(str(value).strip())


def parse_metadata(version: FormatVersion, c: Collector, file: Path, data: dict[str, Any]) -> Metadata:
    return PARSERS[version](c, file, data)


__all__ = [
    "ALIASES",
    "LAYOUTS",
    "PARSERS",
    "FormatVersion",
    "Layout",
    "Metadata",
    "ProblemType",
    "detect",
    "parse_metadata",
]
