"""problem.yaml in the 2023-07-draft format (`problem_format_version: 2023-07-draft`), as the reference tool reads
it: the 2025-09 keys (plus `embargo-until`), with the test data configuration in `testdata.yaml`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..issues import Collector
from . import common
from .common import FormatVersion, Layout, Metadata

LAYOUT = Layout(
    statement_dir="statement",
    output_validator_dir="output_validator",
    test_data_config="testdata.yaml",
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
    "embargo-until",
    "limits",
    "keywords",
    "languages",
    "allow_file_writing",
    "constants",
}


def parse(c: Collector, file: Path, data: dict[str, Any]) -> Metadata:
    metadata = Metadata(version=FormatVersion.DRAFT_2023_07, layout=LAYOUT)
    limits = common.read_modern(c, file, data, metadata, KEYS)
    if "validation_passes" in limits and not metadata.is_multi_pass:
        c.warn(file, "`limits.validation_passes` only applies to multi-pass problems; it is ignored")
    return metadata
