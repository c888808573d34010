"""Kattis / ICPC problem packages (legacy, 2023-07-draft and 2025-09): load, check and hash.

`load_package(path)` returns a ProblemPackage or raises PackageError listing every error with the file and the fix.
problem.yaml is read by the module of its format version (`formats/`); the statement (`statements`), the test data
and scoring rules (`testdata`) and the programs (`programs`) are read here with that version's folder names. With
`strict=True` (used by `assessment validate` and `assessment sync`) a package must also have an input validator and
an accepted submission, as the specification requires; the judge loads snapshots without these checks.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import programs, statements, timelimit
from .formats import FormatVersion, Metadata, detect, parse_metadata
from .grading import Grading
from .issues import Collector, Issue, PackageError
from .programs import ReferenceSubmission
from .testdata import TestCase, TestDataReader
from .timelimit import derive_time_limit
from .yamlutil import YamlError, load_file

NAME_RE = re.compile(r"^[a-z0-9]+$")
DEFAULT_MEMORY_MB = 256
DEFAULT_OUTPUT_MB = 8
DEFAULT_VALIDATOR_WORDS = {"case_sensitive", "space_change_sensitive"}
DEFAULT_VALIDATOR_NUMERIC = {"float_tolerance", "float_absolute_tolerance", "float_relative_tolerance"}

# Files that matter for judging and display (hashed and snapshotted); everything else is authoring material.
SNAPSHOT_TOP = {
    "problem.yaml",
    timelimit.TIMELIMIT_FILE,
    timelimit.DOMJUDGE_INI,
    "statement",
    "problem_statement",
    "data",
    "input_validators",
    "input_format_validators",
    "answer_validators",
    "answer_format_validators",
    "output_validator",
    "output_validators",
    "include",
    "attachments",
}

__all__ = ["ProblemPackage", "TestCase", "derive_time_limit", "hash_files", "load_package", "package_files"]


@dataclass
class ProblemPackage:
    path: Path
    name: str  # folder name
    title: str
    format_version: str  # "legacy" | "2023-07-draft" | "2025-09"
    time_limit_s: float
    time_limit_source: str  # "problem.yaml" | ".timelimit" | "domjudge-problem.ini" | "default"
    memory_mb: int
    output_limit_mb: int
    validator: str  # "default" | "custom"
    output_validator_path: Path | None
    statement_md: str  # Markdown (or HTML for statement_format "html"); "" for PDF and none
    statement_path: Path | None
    samples: list[TestCase]
    secret: list[TestCase]
    secret_groups: list[str]
    submissions: list[ReferenceSubmission]
    input_validators: list[Path]
    metadata: Metadata
    warnings: list[Issue] = field(default_factory=list)
    uuid: str | None = None
    problem_type: str = "pass-fail"  # e.g. "scoring", "interactive", "interactive multi-pass"
    ac_to_time_limit: float = timelimit.DEFAULT_AC_TO_TIME_LIMIT
    time_resolution: float = timelimit.DEFAULT_TIME_RESOLUTION_S
    time_limit_to_tle: float = 1.5
    statement_language: str = "en"
    statement_format: str = "markdown"  # "markdown" | "html" | "pdf" | "none"
    invalid_inputs: list[Path] = field(default_factory=list)
    answer_validators: list[Path] = field(default_factory=list)
    grading: Grading | None = None  # scoring problems: how points are computed
    sample_interactions: list[Path] = field(default_factory=list)
    samples_only: bool = False  # no secret data: judged on the samples
    # the statement in other languages: {language: {"title", "format", "text", "file"}}
    statement_translations: dict[str, dict[str, str]] = field(default_factory=dict)

    def tests(self) -> list[TestCase]:
        """Samples then secret tests, in judging order."""
        return list(self.samples) + list(self.secret)

    def content_hash(self) -> str:
        """sha256 over every file relevant to judging and display (see SNAPSHOT_TOP)."""
        return hash_files(self.path)

    @property
    def interactive(self) -> bool:
        return self.metadata.is_interactive

    @property
    def multi_pass(self) -> bool:
        return self.metadata.is_multi_pass

    @property
    def scoring(self) -> bool:
        return self.metadata.is_scoring

    @property
    def passes(self) -> int:
        """How many times the program may run on one test (1 unless multi-pass)."""
        return self.metadata.validation_passes if self.multi_pass else 1

    @property
    def has_statement(self) -> bool:
        return self.statement_format != "none"

    @property
    def statement_file(self) -> str:
        """The statement file relative to the package (what the test page serves for a PDF), or ""."""
        if self.statement_path is None:
            return ""
        return self.statement_path.relative_to(self.path).as_posix()

    @property
    def max_points(self) -> float | None:
        return self.grading.max_points if self.grading is not None else None

    @property
    def code_limit_kb(self) -> int | None:
        return self.metadata.code_kb


# -- hashing ---------------------------------------------------------------------------------------------------------
def _snapshotted(name: str) -> bool:
    return name in SNAPSHOT_TOP or statements.STATEMENT_RE.match(name) is not None


def package_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(relative posix path, absolute path) of every snapshotted file, sorted; symlinks leaving the package are
    skipped."""
    root = Path(root)
    real_root = os.path.realpath(root)

    def inside(p: str | Path) -> bool:
        real = os.path.realpath(p)
        return real == real_root or real.startswith(real_root + os.sep)

    found: list[tuple[str, Path]] = []
    for entry in sorted(root.iterdir()) if root.is_dir() else []:
        if not _snapshotted(entry.name):
            continue
        if entry.is_file():
            if inside(entry):
                found.append((entry.name, entry))
            continue
        for dirpath, dirnames, filenames in os.walk(entry, followlinks=True):
            if not inside(dirpath):
                dirnames[:] = []
                continue
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
            for filename in sorted(filenames):
                if filename.startswith(".") or filename.endswith(".pyc"):
                    continue
                full = Path(dirpath) / filename
                if not inside(full) or not full.is_file():
                    continue
                found.append((full.relative_to(root).as_posix(), full))
    found.sort()
    return iter(found)


def hash_files(root: Path) -> str:
    digest = hashlib.sha256()
    for rel, full in package_files(root):
        data = full.read_bytes()
        executable = os.access(full, os.X_OK)
        digest.update(f"{rel}\0{len(data)}\0{'x' if executable else '-'}\0".encode())
        digest.update(data)
    return digest.hexdigest()


# -- loading ---------------------------------------------------------------------------------------------------------
def check_default_flags(c: Collector, file: Path, args: tuple[str, ...]) -> None:
    """Arguments for the default output validator: known flags, each tolerance once with a number."""
    i = 0
    seen: set[str] = set()
    while i < len(args):
        word = args[i]
        if word in DEFAULT_VALIDATOR_WORDS:
            pass
        elif word in DEFAULT_VALIDATOR_NUMERIC:
            if i + 1 >= len(args):
                c.error(file, f"`{word}` needs a number after it, e.g. `{word} 1e-6`")
                return
            try:
                float(args[i + 1])
            except ValueError:
                c.error(file, f"`{word}` needs a number after it, found {args[i + 1]!r}")
                return
            if word in seen or ("float_tolerance" in seen | {word} and len(seen & DEFAULT_VALIDATOR_NUMERIC) > 0):
                c.error(
                    file,
                    "give at most one float tolerance: float_tolerance, or float_absolute_tolerance and/or "
                    "float_relative_tolerance, each once",
                )
                return
            seen.add(word)
            i += 1
        else:
            c.error(
                file,
                f"unknown default output validator flag {word!r}; use case_sensitive, "
                "space_change_sensitive, float_tolerance ε, float_absolute_tolerance ε or "
                "float_relative_tolerance ε (or add a custom output validator)",
            )
            return
        i += 1


def _read_problem_yaml(path: Path, c: Collector) -> dict[str, Any]:
    yaml_file = path / "problem.yaml"
    if not path.is_dir():
        raise PackageError([Issue(str(path), "not a folder; a problem package is a folder with a problem.yaml")])
    if not yaml_file.is_file():
        raise PackageError(
            [
                Issue(
                    str(yaml_file),
                    "missing; a problem package needs a problem.yaml with "
                    "`problem_format_version: 2025-09`, `name` and `uuid`",
                )
            ]
        )
    try:
        data = load_file(yaml_file)
    except YamlError as exc:
        c.error(exc.path, exc.message if exc.line is None else f"line {exc.line}: {exc.message}")
        raise PackageError(c.issues) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PackageError([Issue(str(yaml_file), "must be a map of `key: value` lines (see problems/README.md)")])
    return data


def _time_limit(path: Path, metadata: Metadata, c: Collector) -> tuple[float, str]:
    """(seconds, source): problem.yaml, .timelimit, domjudge-problem.ini, else the default with a warning."""
    if metadata.time_limit_s is not None:
        return metadata.time_limit_s, "problem.yaml"
    file = path / timelimit.TIMELIMIT_FILE
    if file.is_file():
        try:
            return timelimit.read_timelimit_file(file), timelimit.TIMELIMIT_FILE
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            c.error(file, f"{exc}; delete the file and run `assessment verify` again")
            return timelimit.DEFAULT_TIME_LIMIT_S, "default"
    ini = path / timelimit.DOMJUDGE_INI
    if ini.is_file():
        try:
            limit = timelimit.timelimit_from_ini(ini)
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            c.error(ini, f"{exc}; fix the line or set `limits.time_limit` in problem.yaml")
            return timelimit.DEFAULT_TIME_LIMIT_S, "default"
        if limit is not None:
            return limit, timelimit.DOMJUDGE_INI
    c.warn(
        path / "problem.yaml",
        f"no time limit: using the default {timelimit.DEFAULT_TIME_LIMIT_S:g} s; run "
        "`assessment verify` to derive one from the accepted submissions (written to "
        ".timelimit) or set `limits.time_limit`",
    )
    return timelimit.DEFAULT_TIME_LIMIT_S, "default"


def _title(path: Path, metadata: Metadata, statement: statements.Statement, c: Collector) -> str:
    names = metadata.names
    if names:
        return names.get(statement.language) or names.get("en") or next(iter(names.values()))
    if statement.latex_name:
        return statement.latex_name
    ini = path / timelimit.DOMJUDGE_INI
    if ini.is_file():
        try:
            name = timelimit.read_domjudge_ini(ini).get("name", "").strip()
        except (OSError, UnicodeDecodeError):
            name = ""
        if name:
            return name
    c.warn(
        path / "problem.yaml",
        f"no problem name: showing the folder name {path.name!r}; add `name: <problem "
        "title>` (or \\problemname{...} in a LaTeX statement)",
    )
    return path.name


def _translated_title(metadata: Metadata, statement: statements.Statement, title: str) -> str:
    """A translation's title: the name given for its language, else its LaTeX name, else the package's title."""
    names = metadata.names or {}
    return names.get(statement.language) or statement.latex_name or title


def load_package(path: Path, *, strict: bool = False) -> ProblemPackage:
    """Load and check the package in folder `path`; raise PackageError with every error found.

    strict: also require an input validator and an accepted submission (what the spec calls a minimal package), and
    a finite maximum score for scoring problems (candidates' scores are shares of it)."""
    path = Path(path)
    c = Collector()
    data = _read_problem_yaml(path, c)
    yaml_file = path / "problem.yaml"
    if not NAME_RE.match(path.name):
        suggestion = re.sub(r"[^a-z0-9]", "", path.name.lower()) or "problem"
        c.error(
            path,
            f"the package folder name must be lowercase letters and digits only (no dashes or "
            f"underscores); rename it, e.g. to {suggestion!r}",
        )
    version = detect(data.get("problem_format_version"))
    if version is None:
        c.error(
            yaml_file,
            f"unsupported problem_format_version {data.get('problem_format_version')!r}; use "
            "`problem_format_version: 2025-09` (or 2023-07-draft, or remove the key for legacy)",
        )
        raise PackageError(c.issues)
    metadata = parse_metadata(version, c, yaml_file, data)
    if version is FormatVersion.LEGACY:
        grading_defaults = (
            {
                k: v
                for k, v in (data.get("grading") or {}).items()
                if k in ("accept_score", "reject_score", "range", "on_reject")
            }
            if isinstance(data.get("grading"), dict)
            else {}
        )
    else:
        grading_defaults = {}

    time_limit_s, time_limit_source = _time_limit(path, metadata, c)
    output_validator = programs.output_validator(path, c, metadata)
    validator_kind = "custom" if output_validator is not None else "default"

    def check_args(file: Path, args: tuple[str, ...]) -> None:
        if validator_kind == "default":
            check_default_flags(c, file, args)

    if metadata.validator_flags:
        check_args(yaml_file, metadata.validator_flags)
    statement = statements.find(path, metadata, c)
    title = _title(path, metadata, statement, c)
    validator_scores = metadata.custom_score if version is FormatVersion.LEGACY else metadata.is_scoring
    reader = TestDataReader(
        path,
        c,
        version=version,
        base_output_args=metadata.validator_flags,
        scoring=metadata.is_scoring,
        validator_scores=validator_scores,
        check_args=check_args,
        grading_defaults=grading_defaults,
    )
    tests = reader.read()
    if tests.grading is not None and tests.grading.max_points is None:
        (c.error if strict else c.warn)(
            path / "data",
            "this scoring problem has no finite maximum score, so a candidate's points cannot be "
            "turned into a share: set `range: 0 100` in data/testdata.yaml (legacy, 2023-07-draft) or a "
            "bounded `max_score` for data/secret (2025-09)",
        )
    if metadata.is_interactive and metadata.is_multi_pass:
        c.warn(yaml_file, "interactive multi-pass problem: each pass runs with the validator as interactor")

    validators = programs.input_validators(path, c, metadata)
    answer_validators = programs.answer_validators(path, c)
    submissions = programs.submissions(path, c, metadata, strict=strict)

    c.raise_if_errors()
    return ProblemPackage(
        path=path,
        name=path.name,
        title=title,
        format_version=version.value,
        time_limit_s=float(time_limit_s),
        time_limit_source=time_limit_source,
        memory_mb=int(metadata.memory_mb or DEFAULT_MEMORY_MB),
        output_limit_mb=int(metadata.output_mb or DEFAULT_OUTPUT_MB),
        validator=validator_kind,
        output_validator_path=output_validator,
        statement_md=statement.text,
        statement_path=statement.path,
        samples=tests.samples,
        secret=tests.secret,
        secret_groups=tests.secret_groups,
        submissions=submissions,
        input_validators=validators,
        metadata=metadata,
        warnings=c.warnings,
        uuid=metadata.uuid,
        problem_type=metadata.type_label,
        ac_to_time_limit=float(metadata.ac_to_time_limit),
        time_resolution=float(metadata.time_resolution_s),
        time_limit_to_tle=float(metadata.time_limit_to_tle),
        statement_language=statement.language,
        statement_format=statement.format,
        invalid_inputs=tests.invalid_inputs,
        answer_validators=answer_validators,
        grading=tests.grading,
        sample_interactions=tests.sample_interactions,
        samples_only=tests.samples_only,
        statement_translations={
            language: {
                "title": _translated_title(metadata, other, title),
                "format": other.format,
                "text": other.text,
                "file": other.path.relative_to(path).as_posix() if other.path is not None else "",
            }
            for language, other in statement.translations.items()
            if other.exists
        },
    )
