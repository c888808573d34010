"""problem.yaml in the 2025-09 format (`problem_format_version: 2025-09`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..issues import Collector
from . import common
from .common import FormatVersion, Layout, Metadata

LAYOUT = Layout(
    statement_dir="statement",
    output_validator_dir="output_validator",
    test_data_config="test_group.yaml",
    statement_needs_language=True,
)
KEYS = {
    "problem_format_version",
    "type",
    "name",
    "uuid",
    "version",
    "credits",
    "source",
    "license",
    "rights_owner",
    "embargo_until",
    "limits",
    "keywords",
    "languages",
    "allow_file_writing",
    "constants",
}


def parse(c: Collector, file: Path, data: dict[str, Any]) -> Metadata:
    metadata = Metadata(version=FormatVersion.V2025_09, layout=LAYOUT)
    limits = common.read_modern(c, file, data, metadata, KEYS)
    if "validation_passes" in limits and not metadata.is_multi_pass:
        c.error(
            file,
            "`limits.validation_passes` is only allowed for multi-pass problems; remove it or add multi-pass to `type`",
        )
    return metadata
