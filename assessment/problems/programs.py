"""Programs in a package: input validators, the output validator and the reference submissions."""
from __future__ import annotations

from pathlib import Path

from . import checks
from .issues import Collector
from .yamlutil import YamlError, load_file

SUBMISSION_DIRS = {
    "accepted": "AC", "wrong_answer": "WA", "time_limit_exceeded": "TLE", "run_time_error": "RTE",
    "memory_limit_exceeded": "MLE", "output_limit_exceeded": "OLE", "rejected": "REJECTED", "brute_force": "REJECTED",
}
SUBMISSION_EXTENSIONS = {".py", ".c", ".cpp", ".cc", ".java", ".js"}
SUBMISSIONS_YAML_KEYS = {"language", "entrypoint", "authors", "model_solution", "permitted", "required", "score",
                         "message", "use_for_time_limit"}
VERDICT_WORDS = {"AC", "WA", "TLE", "RTE"}
VALIDATOR_SOURCE_EXT = {".py", ".c", ".cpp", ".cc", ".cxx"}
IGNORED_FILES = {".h", ".hpp", ".md", ".txt", ".rst"}


def _visible(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.iterdir()) if not p.name.startswith((".", "-")) and p.name != "__pycache__"]


def program_kind(path: Path) -> str | None:
    """How a validator program runs: "python", "c", "cpp", "run" (build/run scripts), or None if unsupported."""
    if path.is_file():
        return {".py": "python", ".c": "c", ".cpp": "cpp", ".cc": "cpp", ".cxx": "cpp"}.get(path.suffix)
    if path.is_dir():
        if (path / "run").is_file() or (path / "build").is_file():
            return "run"
        files = [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        if any(p.suffix in (".cpp", ".cc", ".cxx") for p in files):
            return "cpp"
        if any(p.suffix == ".c" for p in files):
            return "c"
        if (path / "__main__.py").is_file() or any(p.suffix == ".py" for p in files if p.parent == path):
            return "python"
    return None


def input_validators(package: Path, c: Collector, *, legacy: bool, strict: bool) -> list[Path]:
    folder = package / "input_validators"
    if legacy and not folder.is_dir() and (package / "input_format_validators").is_dir():
        folder = package / "input_format_validators"
    found: list[Path] = []
    if folder.is_dir():
        for entry in _visible(folder):
            if entry.is_file() and entry.suffix in IGNORED_FILES or entry.name.upper().startswith("README"):
                continue
            if entry.suffix in (".ctd", ".viva"):
                c.error(entry, f"{entry.suffix} input validators are not supported; write the validator in Python "
                               "(exit 42 when the input is valid, 43 otherwise)")
                continue
            if program_kind(entry) is None:
                c.error(entry, "not a runnable input validator: use a .py, .c or .cpp file, or a folder with "
                               "__main__.py, C/C++ sources or build/run scripts")
                continue
            found.append(entry)
    if not found:
        message = ("no input validator; add input_validators/validate.py that reads the input on stdin and "
                   "exits 42 when it is valid, 43 otherwise")
        (c.error if strict else c.warn)(folder, message)
    return found


def output_validator(package: Path, c: Collector, *, legacy: bool, validation: str) -> Path | None:
    """The custom output validator program, or None for the default validator."""
    if not legacy:
        folder = package / "output_validator"
        if (package / "output_validators").is_dir():
            c.error(package / "output_validators", "output_validators/ is the legacy layout; in 2025-09 the custom "
                                                   "validator's files go directly in output_validator/")
        if not folder.exists():
            return None
        if folder.is_file() or program_kind(folder) is None:
            c.error(folder, "output_validator/ must be a folder with the validator's Python, C or C++ source "
                            "(e.g. output_validator/validate.py)")
            return None
        return folder
    folder = package / "output_validators"
    if validation != "custom":
        if folder.is_dir() and _visible(folder):
            c.warn(folder, "output_validators/ is ignored because problem.yaml has `validation: default`; "
                           "set `validation: custom` to use it")
        return None
    if not folder.is_dir():
        c.error(package / "problem.yaml", "`validation: custom` needs a validator in output_validators/<name>/; add "
                                          "it or use `validation: default`")
        return None
    programs = [p for p in _visible(folder) if program_kind(p) is not None]
    if not programs:
        c.error(folder, "no output validator program found; add output_validators/<name>/validate.py")
        return None
    if len(programs) > 1:
        c.error(folder, f"only one output validator is supported, found {len(programs)} "
                        f"({', '.join(p.name for p in programs)}); keep one")
        return None
    return programs[0]


def submissions(package: Path, c: Collector, *, strict: bool) -> dict[str, list[Path]]:
    result: dict[str, list[Path]] = {}
    folder = package / "submissions"
    if folder.is_dir():
        for sub in _visible(folder):
            if sub.is_file():
                if sub.name != "submissions.yaml" and sub.suffix not in IGNORED_FILES:
                    c.warn(sub, "submissions must be inside a verdict folder such as submissions/accepted/; ignored")
                continue
            expected = SUBMISSION_DIRS.get(sub.name)
            if expected is None:
                c.warn(sub, f"unknown submissions folder; use one of {', '.join(SUBMISSION_DIRS)} (ignored)")
                continue
            for entry in _visible(sub):
                if entry.is_dir():
                    c.warn(entry, "multi-file submissions are not supported; put the program in one file (ignored)")
                    continue
                if entry.suffix not in SUBMISSION_EXTENSIONS:
                    if entry.suffix not in IGNORED_FILES:
                        c.warn(entry, "unknown language for this file extension (use .py .c .cpp .cc .java .js); "
                                      "ignored")
                    continue
                result.setdefault(expected, []).append(entry)
        yaml_file = folder / "submissions.yaml"
        if yaml_file.is_file():
            _check_submissions_yaml(yaml_file, c)
    if not result.get("AC"):
        message = "no accepted submission; add a correct solution to submissions/accepted/ (e.g. solution.py)"
        (c.error if strict else c.warn)(folder, message)
    return result


def _check_submissions_yaml(file: Path, c: Collector) -> None:
    try:
        data = load_file(file)
    except YamlError as exc:
        c.error(exc.path, exc.message if exc.line is None else f"line {exc.line}: {exc.message}")
        return
    if data is None:
        return
    if not isinstance(data, dict):
        c.error(file, "must map submission globs (e.g. `accepted/*`) to settings")
        return
    for glob, settings in data.items():
        if not isinstance(settings, dict):
            c.error(file, f"`{glob}` must map to settings such as `permitted: [AC]`")
            continue
        for key, value in settings.items():
            if key in SUBMISSIONS_YAML_KEYS:
                if key in ("permitted", "required"):
                    items = value if isinstance(value, list) else [value]
                    bad = [v for v in items if v not in VERDICT_WORDS]
                    if bad:
                        c.error(file, f"`{glob}.{key}` may only list AC, WA, TLE, RTE; found {bad}")
                continue
            if isinstance(key, str) and (key.startswith(("sample", "secret"))) and isinstance(value, dict):
                checks.unknown_keys(c, file, f"`{glob}.{key}`", value, SUBMISSIONS_YAML_KEYS)
                continue
            c.error(file, f"unknown key `{key}` under `{glob}`; allowed: {', '.join(sorted(SUBMISSIONS_YAML_KEYS))} "
                          "or a test group name such as secret/group1")
