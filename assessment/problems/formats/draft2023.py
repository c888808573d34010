"""problem.yaml in the 2023-07-draft format (`problem_format_version: 2023-07-draft`), as the reference tool reads
it: the 2025-09 keys without `test_group.yaml` (test data configuration is in `testdata.yaml`)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import checks
from ..issues import Collector
from . import common
from .common import FormatVersion, Layout, Metadata, ProblemType

LAYOUT = Layout(statement_dir="statement", output_validator_dir="output_validator", test_data_config="testdata.yaml",
                statement_needs_language=True)
KEYS = {"problem_format_version", "type", "name", "uuid", "version", "credits", "source", "license",
        "rights_owner", "embargo_until", "embargo-until", "limits", "keywords", "languages", "allow_file_writing",
        "constants"}
LIMIT_KEYS = {"time_multipliers", "time_limit", "time_resolution", "memory", "output", "code", "compilation_time",
              "compilation_memory", "validation_time", "validation_memory", "validation_output", "validation_passes"}
TYPES = frozenset(ProblemType)


def parse(c: Collector, file: Path, data: dict[str, Any]) -> Metadata:
    metadata = Metadata(version=FormatVersion.DRAFT_2023_07, layout=LAYOUT)
    hint = ("; legacy keys such as validation/validator_flags belong to packages without problem_format_version"
            if {"validation", "validator_flags"} & set(data) else "")
    checks.unknown_keys(c, file, "problem.yaml", data, KEYS, hint=hint)
    metadata.types = common.problem_types(c, file, data.get("type", "pass-fail"), TYPES)
    metadata.names = common.names(c, file, data.get("name"), required=True)
    metadata.names_given_per_language = True
    metadata.uuid = common.uuid(c, file, data.get("uuid"), required=True)
    common.license_(c, file, data.get("license"))
    metadata.constants = common.constants(c, file, data.get("constants"))
    common.modern_extras(c, file, data)
    limits = common.read_limits(c, file, data, LIMIT_KEYS, warn_unknown=False, metadata=metadata)
    common.time_multipliers(c, file, limits, metadata)
    if "validation_passes" in limits and not metadata.is_multi_pass:
        c.warn(file, "`limits.validation_passes` only applies to multi-pass problems; it is ignored")
    return metadata
