"""What every format version of problem.yaml boils down to (`Metadata`), and the key checks they share.

Each format version has its own module (legacy, 2023-07-draft, 2025-09) that reads its own keys and returns one
`Metadata`, as the reference tool keeps metadata per format version and converts it to one internal model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from .. import checks, timelimit
from ..issues import Collector

LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
CONSTANT_RE = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
LICENSES = frozenset({"unknown", "public domain", "cc0", "cc by", "cc by-sa", "educational", "permission"})
RESOURCE_LIMIT_KEYS = (
    "code",
    "compilation_time",
    "compilation_memory",
    "validation_time",
    "validation_memory",
    "validation_output",
)
DEFAULT_VALIDATION_PASSES = 2
MODERN_LIMIT_KEYS = {
    "time_multipliers",
    "time_limit",
    "time_resolution",
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


class FormatVersion(StrEnum):
    """The problem package format versions the platform reads."""

    LEGACY = "legacy"
    DRAFT_2023_07 = "2023-07-draft"
    V2025_09 = "2025-09"


class ProblemType(StrEnum):
    PASS_FAIL = "pass-fail"
    SCORING = "scoring"
    MULTI_PASS = "multi-pass"
    INTERACTIVE = "interactive"
    SUBMIT_ANSWER = "submit-answer"


@dataclass(frozen=True)
class Layout:
    """Folder and file names of one format version (the others are accepted with a warning)."""

    statement_dir: str  # "problem_statement" (legacy) | "statement"
    output_validator_dir: str  # "output_validators" (legacy: one folder per program) | "output_validator"
    test_data_config: str  # "testdata.yaml" | "test_group.yaml"
    statement_needs_language: bool  # problem.md (no language code) allowed only in legacy


@dataclass
class Metadata:
    """problem.yaml of any format version, in one shape."""

    version: FormatVersion
    layout: Layout
    names: dict[str, str] | None = None  # language -> title
    names_given_per_language: bool = False  # `name` was a map (must match the statement languages)
    uuid: str | None = None
    types: frozenset[ProblemType] = frozenset({ProblemType.PASS_FAIL})
    constants: dict[str, int | float | str] = field(default_factory=dict)
    time_limit_s: float | None = None
    memory_mb: int | None = None
    output_mb: int | None = None
    code_kb: int | None = None
    ac_to_time_limit: float = timelimit.DEFAULT_AC_TO_TIME_LIMIT
    time_limit_to_tle: float = 1.5
    time_resolution_s: float = timelimit.DEFAULT_TIME_RESOLUTION_S
    validation_passes: int = DEFAULT_VALIDATION_PASSES
    custom_validation: bool | None = None  # legacy `validation: custom ...` (None: decided by the folders)
    validator_flags: tuple[str, ...] = ()  # legacy `validator_flags`, before every test's own flags
    custom_score: bool = False  # legacy `validation: custom score`: the validator writes score.txt

    @property
    def is_scoring(self) -> bool:
        return ProblemType.SCORING in self.types

    @property
    def is_interactive(self) -> bool:
        return ProblemType.INTERACTIVE in self.types

    @property
    def is_multi_pass(self) -> bool:
        return ProblemType.MULTI_PASS in self.types

    @property
    def type_label(self) -> str:
        """e.g. "pass-fail", "scoring", "interactive multi-pass" (stable order)."""
        order = [t for t in ProblemType if t in self.types]
        shown = [t.value for t in order if t is not ProblemType.PASS_FAIL] or [ProblemType.PASS_FAIL.value]
        return " ".join(shown)


def names(c: Collector, file: Path, value: Any, *, required: bool) -> dict[str, str] | None:
    """`name`: one title (English) or a map of language code to title."""
    if value is None:
        if required:
            c.error(file, "`name` is missing; add `name: <problem title>`")
        return None
    if isinstance(value, str):
        if not value.strip():
            c.error(file, "`name` is empty; give the problem a title")
            return None
        return {"en": value.strip()}
    if isinstance(value, dict) and value:
        out: dict[str, str] = {}
        for lang, title in value.items():
            if not isinstance(lang, str) or not LANGUAGE_RE.match(lang):
                c.error(file, f"`name` key {lang!r} is not a language code such as en or pt-BR")
            elif not isinstance(title, str) or not title.strip():
                c.error(file, f"`name.{lang}` must be a non-empty string")
            else:
                out[lang] = title.strip()
        return out or None
    c.error(file, "`name` must be a string (the English title) or a map of language code to title")
    return None


def uuid(c: Collector, file: Path, value: Any, *, required: bool) -> str | None:
    found = checks.string(c, file, "uuid", value, required=required)
    if found and not checks.UUID_RE.match(found):
        c.warn(
            file,
            f"`uuid` {found!r} does not look like a UUID; generate one with "
            "`python3 -c 'import uuid; print(uuid.uuid4())'`",
        )
    return found


def license_(c: Collector, file: Path, value: Any) -> None:
    if value is not None and value not in LICENSES:
        c.error(file, f"unknown license {value!r}; use one of {', '.join(sorted(LICENSES))}")


def constants(c: Collector, file: Path, value: Any) -> dict[str, int | float | str]:
    found: dict[str, int | float | str] = {}
    for key, item in (checks.mapping(c, file, "constants", value) or {}).items():
        if not isinstance(key, str) or not CONSTANT_RE.match(key):
            c.error(file, f"constant name {key!r} must match [a-zA-Z_][a-zA-Z0-9_]*")
        elif not isinstance(item, (int, float, str)) or isinstance(item, bool):
            c.error(file, f"constant `{key}` must be an integer, number or string")
        else:
            found[key] = item
    return found


def problem_types(c: Collector, file: Path, value: Any, allowed: frozenset[ProblemType]) -> frozenset[ProblemType]:
    """`type`: one name or a list of names from `allowed`, without incompatible pairs."""
    raw = value if isinstance(value, list) else [value]
    if not raw or not all(isinstance(t, str) for t in raw):
        c.error(file, "`type` must be a string such as pass-fail (or a list of strings)")
        return frozenset({ProblemType.PASS_FAIL})
    found: set[ProblemType] = set()
    for item in raw:
        try:
            kind = ProblemType(item)
        except ValueError:
            kind = None
        if kind is None or kind not in allowed:
            c.error(file, f"unknown problem type {item!r}; use {', '.join(sorted(t.value for t in allowed))}")
            continue
        if kind in found:
            c.error(file, f"`type` lists {item!r} twice")
        found.add(kind)
    if ProblemType.SUBMIT_ANSWER in found:
        c.error(
            file,
            "submit-answer problems (the candidate uploads answers, not a program) are not supported; "
            "use pass-fail or scoring",
        )
        found.discard(ProblemType.SUBMIT_ANSWER)
    if {ProblemType.PASS_FAIL, ProblemType.SCORING} <= found:
        c.error(file, "`type` cannot be both pass-fail and scoring; keep one")
        found.discard(ProblemType.PASS_FAIL)
    if ProblemType.SCORING not in found:
        found.add(ProblemType.PASS_FAIL)
    return frozenset(found)


def read_limits(
    c: Collector, file: Path, data: dict[str, Any], known: set[str], *, warn_unknown: bool, metadata: Metadata
) -> dict[str, Any]:
    """The `limits` keys every version shares; returns the raw map for the version-specific ones."""
    limits = checks.mapping(c, file, "limits", data.get("limits")) or {}
    checks.unknown_keys(c, file, "limits", limits, known, warn=warn_unknown)
    metadata.time_limit_s = checks.number(
        c, file, "limits.time_limit", limits.get("time_limit"), minimum=0, exclusive_min=True
    )
    metadata.memory_mb = checks.integer(c, file, "limits.memory", limits.get("memory"), minimum=1)
    metadata.output_mb = checks.integer(c, file, "limits.output", limits.get("output"), minimum=1)
    for key in RESOURCE_LIMIT_KEYS:
        value = checks.integer(c, file, f"limits.{key}", limits.get(key), minimum=1)
        if key == "code":
            metadata.code_kb = value
    passes = checks.integer(c, file, "limits.validation_passes", limits.get("validation_passes"), minimum=2)
    if passes is not None:
        metadata.validation_passes = passes
    return limits


def time_multipliers(c: Collector, file: Path, limits: dict[str, Any], metadata: Metadata) -> None:
    """2023-07-draft and 2025-09: `limits.time_multipliers` and `limits.time_resolution`."""
    resolution = checks.number(
        c, file, "limits.time_resolution", limits.get("time_resolution"), minimum=0, exclusive_min=True
    )
    if resolution is not None:
        metadata.time_resolution_s = resolution
    multipliers = checks.mapping(c, file, "limits.time_multipliers", limits.get("time_multipliers")) or {}
    checks.unknown_keys(c, file, "limits.time_multipliers", multipliers, {"ac_to_time_limit", "time_limit_to_tle"})
    ac = checks.number(
        c, file, "limits.time_multipliers.ac_to_time_limit", multipliers.get("ac_to_time_limit"), minimum=1
    )
    tle = checks.number(
        c, file, "limits.time_multipliers.time_limit_to_tle", multipliers.get("time_limit_to_tle"), minimum=1
    )
    if ac is not None:
        metadata.ac_to_time_limit = ac
    if tle is not None:
        metadata.time_limit_to_tle = tle


def modern_extras(c: Collector, file: Path, data: dict[str, Any]) -> None:
    """Keys 2023-07-draft and 2025-09 share that the platform checks but does not use."""
    languages = data.get("languages")
    if languages is not None and not (
        isinstance(languages, str)
        or (isinstance(languages, list) and languages and all(isinstance(x, str) for x in languages))
    ):
        c.error(file, "`languages` must be `all` or a list of language codes")
    if data.get("allow_file_writing") not in (None, False, True):
        c.error(file, "`allow_file_writing` must be true or false")
    elif data.get("allow_file_writing"):
        c.warn(
            file,
            "`allow_file_writing: true`: submissions here run in a read-only working directory with a "
            "private writable /tmp; a program that writes files next to itself fails",
        )
    keywords = data.get("keywords")
    if keywords is not None and not (isinstance(keywords, list) and all(isinstance(k, str) for k in keywords)):
        c.error(file, "`keywords` must be a list of strings")


def read_modern(c: Collector, file: Path, data: dict[str, Any], metadata: Metadata, keys: set[str]) -> dict[str, Any]:
    """The problem.yaml keys 2023-07-draft and 2025-09 share; returns the `limits` map for version-specific keys."""
    hint = (
        "; legacy keys such as validation/validator_flags belong to packages without problem_format_version"
        if {"validation", "validator_flags"} & set(data)
        else ""
    )
    checks.unknown_keys(c, file, "problem.yaml", data, keys, hint=hint)
    metadata.types = problem_types(c, file, data.get("type", "pass-fail"), frozenset(ProblemType))
    metadata.names = names(c, file, data.get("name"), required=True)
    metadata.names_given_per_language = True
    metadata.uuid = uuid(c, file, data.get("uuid"), required=True)
    license_(c, file, data.get("license"))
    metadata.constants = constants(c, file, data.get("constants"))
    modern_extras(c, file, data)
    limits = read_limits(c, file, data, MODERN_LIMIT_KEYS, warn_unknown=False, metadata=metadata)
    time_multipliers(c, file, limits, metadata)
    return limits
