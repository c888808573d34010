"""problem.yaml in the legacy format (no `problem_format_version`, or `legacy` / `legacy-icpc`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import checks, timelimit
from ..issues import Collector
from . import common
from .common import FormatVersion, Layout, Metadata, ProblemType

LAYOUT = Layout(
    statement_dir="problem_statement",
    output_validator_dir="output_validators",
    test_data_config="testdata.yaml",
    statement_needs_language=False,
)
KEYS = {
    "problem_format_version",
    "type",
    "name",
    "uuid",
    "author",
    "source",
    "source_url",
    "license",
    "rights_owner",
    "limits",
    "validation",
    "validator_flags",
    "grading",
    "keywords",
}
LIMIT_KEYS = {
    "time_multiplier",
    "time_safety_margin",
    "time_limit",
    "memory",
    "output",
    "code",
    "compilation_time",
    "compilation_memory",
    "validation_time",
    "validation_memory",
    "validation_output",
    "validation_passes",
}
GRADING_KEYS = {"objective", "show_test_data_groups", "accept_score", "reject_score", "range", "on_reject"}
VALIDATION_WORDS = {"score", "interactive", "multi-pass"}


def parse(c: Collector, file: Path, data: dict[str, Any]) -> Metadata:
    metadata = Metadata(version=FormatVersion.LEGACY, layout=LAYOUT)
    checks.unknown_keys(c, file, "problem.yaml (legacy)", data, KEYS, warn=True)
    types = common.problem_types(
        c, file, data.get("type", "pass-fail"), frozenset({ProblemType.PASS_FAIL, ProblemType.SCORING})
    )
    metadata.names = common.names(c, file, data.get("name"), required=False)
    metadata.names_given_per_language = isinstance(data.get("name"), dict)
    metadata.uuid = common.uuid(c, file, data.get("uuid"), required=False)
    common.license_(c, file, data.get("license"))

    limits = common.read_limits(c, file, data, LIMIT_KEYS, warn_unknown=True, metadata=metadata)
    multiplier = checks.number(c, file, "limits.time_multiplier", limits.get("time_multiplier"), minimum=1)
    margin = checks.number(c, file, "limits.time_safety_margin", limits.get("time_safety_margin"), minimum=1)
    metadata.ac_to_time_limit = multiplier if multiplier is not None else timelimit.LEGACY_TIME_MULTIPLIER
    metadata.time_limit_to_tle = margin if margin is not None else timelimit.LEGACY_TIME_SAFETY_MARGIN

    types = _validation(c, file, data.get("validation", "default"), types, metadata)
    metadata.validator_flags = checks.words(c, file, "validator_flags", data.get("validator_flags")) or ()
    grading = checks.mapping(c, file, "grading", data.get("grading")) or {}
    checks.unknown_keys(c, file, "grading", grading, GRADING_KEYS, warn=True)
    if grading and ProblemType.SCORING not in types:
        c.warn(file, "`grading` only applies to scoring problems; it is ignored")
    if grading.get("objective", "max") != "max":
        c.error(
            file,
            "`grading.objective: min` (lower scores are better) is not supported; candidates are ranked "
            "by the highest score",
        )
    metadata.types = types
    return metadata


def _validation(
    c: Collector, file: Path, value: Any, types: frozenset[ProblemType], metadata: Metadata
) -> frozenset[ProblemType]:
    """`validation: default | custom [score] [interactive] [multi-pass]`."""
    if not isinstance(value, str) or not value.split():
        c.error(
            file, "`validation` must be `default` or `custom` (optionally followed by score, interactive, multi-pass)"
        )
        return types
    first, *words = value.split()
    if first not in ("default", "custom"):
        c.error(file, f"`validation` must start with default or custom, found {first!r}")
        return types
    metadata.custom_validation = first == "custom"
    unknown = [w for w in words if w not in VALIDATION_WORDS]
    if unknown:
        c.error(
            file,
            f"unexpected words in `validation`: {' '.join(unknown)}; after `custom` use score, "
            "interactive and/or multi-pass",
        )
    if first == "default" and words:
        c.error(
            file,
            f"`validation: default {' '.join(words)}`: score, interactive and multi-pass need a custom "
            "output validator; use `validation: custom ...`",
        )
        return types
    found = set(types)
    if "interactive" in words:
        found.add(ProblemType.INTERACTIVE)
    if "multi-pass" in words:
        found.add(ProblemType.MULTI_PASS)
    if "score" in words:
        if ProblemType.SCORING not in types:
            c.error(file, "`validation: custom score` is only for scoring problems; add `type: scoring`")
        metadata.custom_score = True
    return frozenset(found)
