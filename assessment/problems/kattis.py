"""Kattis problem packages (formats 2025-09 and legacy): load, check and hash.

`load_package(path)` returns a ProblemPackage or raises PackageError listing every error with the file and the fix.
With `strict=True` (used by `assessment validate` and `assessment sync`) a package must also have an input validator
and an accepted submission, as the specification requires; the judge loads snapshots without these checks.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import checks, programs, statement as statements, timelimit
from .issues import Collector, Issue, PackageError
from .testdata import TestCase, TestDataReader
from .timelimit import derive_time_limit  # noqa: F401  (public API: the judge's verify command calls it)
from .yamlutil import YamlError, load_file

NAME_RE = re.compile(r"^[a-z0-9]+$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
STATEMENT_RE = re.compile(r"^problem(?:\.([a-zA-Z]{2,3}(?:-[A-Z]{2})?))?\.(md|tex|pdf)$")
MODERN = "2025-09"
LEGACY = "legacy"
DEFAULT_MEMORY_MB = 256
DEFAULT_OUTPUT_MB = 8

MODERN_KEYS = {"problem_format_version", "type", "name", "uuid", "version", "credits", "source", "license",
               "rights_owner", "embargo_until", "limits", "keywords", "languages", "allow_file_writing", "constants"}
MODERN_LIMIT_KEYS = {"time_multipliers", "time_limit", "time_resolution", "memory", "output", "code",
                     "compilation_time", "compilation_memory", "validation_time", "validation_memory",
                     "validation_output", "validation_passes"}
LEGACY_KEYS = {"problem_format_version", "type", "name", "uuid", "author", "source", "source_url", "license",
               "rights_owner", "limits", "validation", "validator_flags", "grading", "keywords"}
LEGACY_LIMIT_KEYS = {"time_multiplier", "time_safety_margin", "time_limit", "memory", "output", "code",
                     "compilation_time", "compilation_memory", "validation_time", "validation_memory",
                     "validation_output"}
PROBLEM_TYPES = {"pass-fail", "scoring", "multi-pass", "interactive", "submit-answer"}
UNSUPPORTED_TYPES = {"multi-pass", "interactive", "submit-answer"}
LICENSES = {"unknown", "public domain", "cc0", "cc by", "cc by-sa", "educational", "permission"}
DEFAULT_VALIDATOR_WORDS = {"case_sensitive", "space_change_sensitive"}
DEFAULT_VALIDATOR_NUMERIC = {"float_tolerance", "float_absolute_tolerance", "float_relative_tolerance"}

# Files that matter for judging and display (hashed and snapshotted); everything else is authoring material.
SNAPSHOT_TOP = {"problem.yaml", ".timelimit", "statement", "problem_statement", "data", "input_validators",
                "input_format_validators", "output_validator", "output_validators", "include", "attachments"}

__all__ = ["TestCase", "ProblemPackage", "load_package", "derive_time_limit", "package_files", "hash_files"]


@dataclass
class ProblemPackage:
    path: Path
    name: str                               # folder name
    title: str
    format_version: str                     # "2025-09" | "legacy"
    time_limit_s: float
    time_limit_source: str                  # "problem.yaml" | ".timelimit" | "default"
    memory_mb: int
    output_limit_mb: int
    validator: str                          # "default" | "custom"
    output_validator_path: Path | None
    statement_md: str
    statement_path: Path
    samples: list[TestCase]
    secret: list[TestCase]
    secret_groups: list[str]
    submissions: dict[str, list[Path]]      # expected verdict -> files
    input_validators: list[Path]
    warnings: list[Issue] = field(default_factory=list)
    uuid: str | None = None
    problem_type: str = "pass-fail"
    ac_to_time_limit: float = timelimit.DEFAULT_AC_TO_TIME_LIMIT
    time_resolution: float = timelimit.DEFAULT_TIME_RESOLUTION_S
    time_limit_to_tle: float = 1.5
    statement_language: str = "en"
    invalid_inputs: list[Path] = field(default_factory=list)

    def tests(self) -> list[TestCase]:
        """Samples then secret tests, in judging order."""
        return list(self.samples) + list(self.secret)

    def content_hash(self) -> str:
        """sha256 over every file relevant to judging and display (see SNAPSHOT_TOP)."""
        return hash_files(self.path)


# -- hashing ---------------------------------------------------------------------------------------------------------
def package_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(relative posix path, absolute path) of every snapshotted file, sorted; symlinks leaving the package are
    skipped."""
    root = Path(root)
    real_root = os.path.realpath(root)

    def inside(p: str) -> bool:
        real = os.path.realpath(p)
        return real == real_root or real.startswith(real_root + os.sep)
    found: list[tuple[str, Path]] = []
    for entry in sorted(root.iterdir()) if root.is_dir() else []:
        if entry.name not in SNAPSHOT_TOP:
            continue
        if entry.is_file():
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
def _check_default_flags(c: Collector, file: Path, args: tuple[str, ...]) -> None:
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
                c.error(file, "give at most one float tolerance: float_tolerance, or float_absolute_tolerance and/or "
                              "float_relative_tolerance, each once")
                return
            seen.add(word)
            i += 1
        else:
            c.error(file, f"unknown default output validator flag {word!r}; use case_sensitive, "
                          "space_change_sensitive, float_tolerance ε, float_absolute_tolerance ε or "
                          "float_relative_tolerance ε (or add a custom output_validator/)")
            return
        i += 1


def _statement(package: Path, c: Collector, *, legacy: bool, names: dict[str, str] | None, constants: dict,
               yaml_file: Path, titles: dict[str, str] | None = None) -> tuple[str, Path, str, str | None]:
    """(markdown, statement file, language, name from LaTeX)."""
    folder = package / ("problem_statement" if legacy else "statement")
    other = package / ("statement" if legacy else "problem_statement")
    if not folder.is_dir():
        hint = f" ({other.name}/ is the {'2025-09' if legacy else 'legacy'} name; rename it)" if other.is_dir() else ""
        c.error(folder, f"no problem statement; add {folder.name}/problem.en.md{hint}")
        return "", folder / "problem.en.md", "en", None
    by_language: dict[str, dict[str, Path]] = {}
    for entry in sorted(folder.iterdir()):
        m = STATEMENT_RE.match(entry.name)
        if not m or not entry.is_file():
            continue
        language = m.group(1) or "en"
        if m.group(1) is None and not legacy:
            c.error(entry, f"statement files need a language code; rename it to problem.en.{m.group(2)}")
            continue
        if not LANGUAGE_RE.match(language):
            c.error(entry, f"{language!r} is not an ISO 639 language code (e.g. en, pt-BR); rename the file")
            continue
        by_language.setdefault(language, {})[m.group(2)] = entry
    if not by_language:
        c.error(folder, f"no problem statement; add {folder.name}/problem.en.md (Markdown"
                        f"{' or LaTeX .tex' if legacy else ''})")
        return "", folder / "problem.en.md", "en", None
    if names is not None and set(names) != set(by_language):
        c.error(yaml_file, f"`name` has languages {sorted(names)} but {folder.name}/ has statements for "
                           f"{sorted(by_language)}; give one name per statement language (e.g. `name: {{en: ...}}` "
                           f"for problem.en.md)")
    language = "en" if "en" in by_language else sorted(by_language)[0]
    if language != "en":
        c.warn(folder, f"no English statement; showing the {language!r} one")
    files = by_language[language]
    if "md" in files:
        path = files["md"]
        text = _read_text(path, c)
        if text is None:
            return "", path, language, None
        first, _, rest = text.lstrip().partition("\n")
        if first.startswith("# "):
            heading = first[2:].strip().strip("#").strip()
            titles_seen = {t.casefold() for t in (titles or names or {}).values()}
            if heading.casefold() in titles_seen:
                text = rest  # the platform shows the name itself; drop the duplicate
                c.warn(path, "the statement starts with the problem name as a heading; it is not shown twice, but "
                             "remove the line (statements must not include the name)")
            else:
                c.warn(path, "the statement starts with a level-1 heading; the platform shows the problem name "
                             "itself, so remove the title line")
        if not re.search(r"(?im)^#+\s*input\b", text) or not re.search(r"(?im)^#+\s*output\b", text):
            c.warn(path, "the statement has no `## Input` and `## Output` sections; add them")
        return statements.markdown_statement(text, constants), path, language, None
    if "tex" in files:
        path = files["tex"]
        text = _read_text(path, c)
        if text is None:
            return "", path, language, None
        result = statements.latex_to_markdown(text, constants)
        if result.unsupported:
            c.warn(path, "LaTeX commands without a Markdown equivalent (their text is kept): "
                         + ", ".join(result.unsupported[:12]))
        return result.markdown, path, language, result.problem_name
    path = files["pdf"]
    c.error(path, f"PDF statements cannot be shown in the browser; add {folder.name}/problem.{language}.md")
    return "", path, language, None


def _read_text(path: Path, c: Collector) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        c.error(path, f"cannot read the file: {exc.strerror or exc}")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        c.error(path, "the file starts with a byte-order mark; save it as UTF-8 without BOM")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        c.error(path, "the file is not UTF-8; save it as UTF-8")
        return None


def _names(c: Collector, file: Path, value, *, required: bool) -> dict[str, str] | None:
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
        out = {}
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


def load_package(path: Path, *, strict: bool = False) -> ProblemPackage:
    """Load and check the package in folder `path`; raise PackageError with every error found.

    strict: also require an input validator and an accepted submission (what the spec calls a minimal package)."""
    path = Path(path)
    c = Collector()
    yaml_file = path / "problem.yaml"
    if not path.is_dir():
        raise PackageError([Issue(str(path), "not a folder; a problem package is a folder with a problem.yaml")])
    if not yaml_file.is_file():
        raise PackageError([Issue(str(yaml_file), "missing; a problem package needs a problem.yaml with "
                                                  "`problem_format_version: 2025-09`, `name` and `uuid`")])
    if not NAME_RE.match(path.name):
        suggestion = re.sub(r"[^a-z0-9]", "", path.name.lower()) or "problem"
        c.error(path, f"the package folder name must be lowercase letters and digits only (no dashes or "
                      f"underscores); rename it, e.g. to {suggestion!r}")
    try:
        data = load_file(yaml_file)
    except YamlError as exc:
        c.error(exc.path, exc.message if exc.line is None else f"line {exc.line}: {exc.message}")
        raise PackageError(c.issues) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PackageError([Issue(str(yaml_file), "must be a map of `key: value` lines (see problems/README.md)")])

    version = data.get("problem_format_version")
    if version is None or version in ("legacy", "legacy-icpc"):
        fmt = LEGACY
    elif version == MODERN:
        fmt = MODERN
    else:
        c.error(yaml_file, f"unsupported problem_format_version {version!r}; use `problem_format_version: 2025-09` "
                           "(or remove the key for the legacy format)")
        raise PackageError(c.issues)
    legacy = fmt == LEGACY

    if legacy:
        checks.unknown_keys(c, yaml_file, "problem.yaml (legacy)", data, LEGACY_KEYS, warn=True)
    else:
        checks.unknown_keys(c, yaml_file, "problem.yaml", data, MODERN_KEYS,
                            hint="; legacy keys such as validation/validator_flags belong to packages without "
                                 "problem_format_version" if {"validation", "validator_flags"} & set(data) else "")

    # type
    problem_type = "pass-fail"
    raw_type = data.get("type", "pass-fail")
    types = raw_type if isinstance(raw_type, list) else [raw_type]
    if not types or not all(isinstance(t, str) for t in types):
        c.error(yaml_file, "`type` must be a string such as pass-fail (or a list of strings)")
        types = ["pass-fail"]
    for t in types:
        if t not in PROBLEM_TYPES or (legacy and t not in ("pass-fail", "scoring")):
            c.error(yaml_file, f"unknown problem type {t!r}; use pass-fail")
        elif t in UNSUPPORTED_TYPES:
            c.error(yaml_file, f"problem type {t!r} is not supported by this platform; use pass-fail")
    if "scoring" in types:
        problem_type = "scoring"
        c.warn(yaml_file, "scoring problems are scored by this platform like pass-fail ones (share of secret "
                          "tests passed); validator scores are ignored")

    # name, uuid, misc
    names = _names(c, yaml_file, data.get("name"), required=not legacy)
    uuid = checks.string(c, yaml_file, "uuid", data.get("uuid"), required=not legacy)
    if uuid and not checks.UUID_RE.match(uuid):
        c.warn(yaml_file, f"`uuid` {uuid!r} does not look like a UUID; generate one with "
                          "`python3 -c 'import uuid; print(uuid.uuid4())'`")
    license_ = data.get("license")
    if license_ is not None and license_ not in LICENSES:
        c.error(yaml_file, f"unknown license {license_!r}; use one of {', '.join(sorted(LICENSES))}")
    constants: dict = {}
    if not legacy and data.get("constants") is not None:
        raw = checks.mapping(c, yaml_file, "constants", data.get("constants")) or {}
        for key, value in raw.items():
            if not isinstance(key, str) or not re.match(r"^[a-zA-Z_][a-zA-Z0-9_]*$", key):
                c.error(yaml_file, f"constant name {key!r} must match [a-zA-Z_][a-zA-Z0-9_]*")
            elif not isinstance(value, (int, float, str)) or isinstance(value, bool):
                c.error(yaml_file, f"constant `{key}` must be an integer, number or string")
            else:
                constants[key] = value
    if not legacy:
        languages = data.get("languages")
        if languages is not None and not (isinstance(languages, str) or (
                isinstance(languages, list) and languages and all(isinstance(x, str) for x in languages))):
            c.error(yaml_file, "`languages` must be `all` or a list of language codes")
        if data.get("allow_file_writing") not in (None, False, True):
            c.error(yaml_file, "`allow_file_writing` must be true or false")
        elif data.get("allow_file_writing"):
            c.error(yaml_file, "`allow_file_writing: true` is not supported (the sandbox is read-only); remove it")
        if data.get("keywords") is not None and not (isinstance(data["keywords"], list)
                                                     and all(isinstance(k, str) for k in data["keywords"])):
            c.error(yaml_file, "`keywords` must be a list of strings")

    # limits
    limits = checks.mapping(c, yaml_file, "limits", data.get("limits")) or {}
    checks.unknown_keys(c, yaml_file, "limits", limits, LEGACY_LIMIT_KEYS if legacy else MODERN_LIMIT_KEYS,
                        warn=legacy)
    time_limit = checks.number(c, yaml_file, "limits.time_limit", limits.get("time_limit"), minimum=0,
                               exclusive_min=True)
    memory = checks.integer(c, yaml_file, "limits.memory", limits.get("memory"), minimum=1)
    output = checks.integer(c, yaml_file, "limits.output", limits.get("output"), minimum=1)
    for key in ("code", "compilation_time", "compilation_memory", "validation_time", "validation_memory",
                "validation_output"):
        checks.integer(c, yaml_file, f"limits.{key}", limits.get(key), minimum=1)
    ac_to_time_limit = timelimit.DEFAULT_AC_TO_TIME_LIMIT
    resolution = timelimit.DEFAULT_TIME_RESOLUTION_S
    to_tle = 1.5
    if legacy:
        mult = checks.number(c, yaml_file, "limits.time_multiplier", limits.get("time_multiplier"), minimum=1)
        margin = checks.number(c, yaml_file, "limits.time_safety_margin", limits.get("time_safety_margin"), minimum=1)
        ac_to_time_limit = mult if mult is not None else timelimit.LEGACY_TIME_MULTIPLIER
        to_tle = margin if margin is not None else timelimit.LEGACY_TIME_SAFETY_MARGIN
    else:
        res = checks.number(c, yaml_file, "limits.time_resolution", limits.get("time_resolution"), minimum=0,
                            exclusive_min=True)
        resolution = res if res is not None else resolution
        multipliers = checks.mapping(c, yaml_file, "limits.time_multipliers", limits.get("time_multipliers")) or {}
        checks.unknown_keys(c, yaml_file, "limits.time_multipliers", multipliers, {"ac_to_time_limit",
                                                                                    "time_limit_to_tle"})
        ac = checks.number(c, yaml_file, "limits.time_multipliers.ac_to_time_limit",
                           multipliers.get("ac_to_time_limit"), minimum=1)
        tle = checks.number(c, yaml_file, "limits.time_multipliers.time_limit_to_tle",
                            multipliers.get("time_limit_to_tle"), minimum=1)
        ac_to_time_limit = ac if ac is not None else ac_to_time_limit
        to_tle = tle if tle is not None else to_tle
        checks.integer(c, yaml_file, "limits.validation_passes", limits.get("validation_passes"), minimum=2)

    if time_limit is not None:
        limit_s, source = time_limit, "problem.yaml"
    elif (path / timelimit.TIMELIMIT_FILE).is_file():
        try:
            limit_s, source = timelimit.read_timelimit_file(path / timelimit.TIMELIMIT_FILE), ".timelimit"
        except (ValueError, OSError, UnicodeDecodeError) as exc:
            c.error(path / timelimit.TIMELIMIT_FILE, f"{exc}; delete the file and run `assessment verify` again")
            limit_s, source = timelimit.DEFAULT_TIME_LIMIT_S, "default"
    else:
        limit_s, source = timelimit.DEFAULT_TIME_LIMIT_S, "default"
        c.warn(yaml_file, f"no time limit: using the default {timelimit.DEFAULT_TIME_LIMIT_S:g} s; run "
                          "`assessment verify` to derive one from the accepted submissions (written to .timelimit) "
                          "or set `limits.time_limit`")

    # legacy validation settings
    validation = "default"
    base_args: tuple[str, ...] = ()
    if legacy:
        raw_validation = data.get("validation", "default")
        if not isinstance(raw_validation, str) or not raw_validation.split():
            c.error(yaml_file, "`validation` must be `default` or `custom`")
        else:
            parts = raw_validation.split()
            validation = parts[0]
            if validation not in ("default", "custom"):
                c.error(yaml_file, f"`validation` must start with default or custom, found {parts[0]!r}")
                validation = "default"
            if "interactive" in parts[1:]:
                c.error(yaml_file, "interactive problems are not supported by this platform; use `validation: custom`")
            unknown = [p for p in parts[1:] if p not in ("score", "interactive")]
            if unknown or (validation == "default" and parts[1:]):
                c.error(yaml_file, f"unexpected words in `validation`: {' '.join(parts[1:])}; use `default` or "
                                   "`custom`")
        base_args = checks.words(c, yaml_file, "validator_flags", data.get("validator_flags")) or ()

    output_validator = programs.output_validator(path, c, legacy=legacy, validation=validation)
    validator_kind = "custom" if output_validator is not None else "default"

    def check_args(file: Path, args: tuple[str, ...]) -> None:
        if validator_kind == "default":
            _check_default_flags(c, file, args)

    if base_args:
        check_args(yaml_file, base_args)

    # statement and title
    statement_md, statement_path, language, latex_name = _statement(
        path, c, legacy=legacy, names=names if (not legacy or isinstance(data.get("name"), dict)) else None,
        constants=constants, yaml_file=yaml_file, titles=names)
    title = None
    if names:
        title = names.get(language) or names.get("en") or next(iter(names.values()))
    elif latex_name:
        title = latex_name
    if not title:
        if legacy and "name" not in data:
            c.error(yaml_file, "no problem name: add `name: <problem title>` (or \\problemname{...} in the LaTeX "
                               "statement)")
        title = path.name

    # test data
    reader = TestDataReader(path, c, legacy=legacy, base_output_args=base_args,
                            pass_fail=problem_type == "pass-fail", check_args=check_args)
    tests = reader.read()

    validators = programs.input_validators(path, c, legacy=legacy, strict=strict)
    submissions = programs.submissions(path, c, strict=strict)

    c.raise_if_errors()
    return ProblemPackage(
        path=path, name=path.name, title=title, format_version=fmt, time_limit_s=float(limit_s),
        time_limit_source=source, memory_mb=int(memory or DEFAULT_MEMORY_MB),
        output_limit_mb=int(output or DEFAULT_OUTPUT_MB), validator=validator_kind,
        output_validator_path=output_validator, statement_md=statement_md, statement_path=statement_path,
        samples=tests.samples, secret=tests.secret, secret_groups=tests.secret_groups, submissions=submissions,
        input_validators=validators, warnings=c.warnings, uuid=uuid, problem_type=problem_type,
        ac_to_time_limit=float(ac_to_time_limit), time_resolution=float(resolution),
        time_limit_to_tle=float(to_tle), statement_language=language, invalid_inputs=tests.invalid_inputs,
    )
