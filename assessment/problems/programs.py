"""Programs in a package: input and answer validators, the output validator and the reference submissions.

Folder names of every format version are read: `input_validators/` (also legacy `input_format_validators/`),
`answer_validators/` (also `answer_format_validators/`), `output_validator/` (2023-07-draft, 2025-09: the program
itself, or one program folder inside it) and `output_validators/<name>/` (legacy); a name that belongs to another
version than the package's is read with a warning. A validator is a Python, C or C++ file, or a folder with such
sources or with `build`/`run` scripts. Checktestdata (`.ctd`) and VIVA (`.viva`) input validators cannot run here:
they are listed with a warning and skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from . import checks
from .formats import FormatVersion, Metadata
from .issues import Collector
from .yamlutil import YamlError, load_file

SUBMISSIONS_YAML_KEYS = {
    "language",
    "entrypoint",
    "authors",
    "model_solution",
    "permitted",
    "required",
    "score",
    "message",
    "use_for_time_limit",
}
SPEC_VERDICTS = frozenset({"AC", "WA", "TLE", "RTE"})
VALIDATOR_SOURCE_EXT = {".py", ".c", ".cpp", ".cc", ".cxx"}
IGNORED_FILES = {".h", ".hpp", ".md", ".txt", ".rst", ".pdf", ".json", ".yaml", ".yml", ".desc", ".hint"}
UNRUNNABLE_VALIDATORS = {".ctd": "Checktestdata", ".viva": "VIVA"}
INPUT_VALIDATOR_DIRS = ("input_validators", "input_format_validators")
ANSWER_VALIDATOR_DIRS = ("answer_validators", "answer_format_validators")
OUTPUT_VALIDATOR_DIRS = ("output_validator", "output_validators")
# The verdict list a contest judge's test submissions carry (also under @EXPECTED_SCORE@ when it is not a number).
EXPECTED_RESULTS_RE = re.compile(r"@EXPECTED_(?:RESULTS|SCORE)@:[ \t]*([A-Za-z_][A-Za-z_, \t-]*)")
DOMJUDGE_RESULTS = {
    "CORRECT": "AC",
    "ACCEPTED": "AC",
    "WRONG-ANSWER": "WA",
    "WRONG_ANSWER": "WA",
    "NO-OUTPUT": "WA",
    "NO_OUTPUT": "WA",
    "TIMELIMIT": "TLE",
    "TIME_LIMIT_EXCEEDED": "TLE",
    "RUN-ERROR": "RTE",
    "RUN_TIME_ERROR": "RTE",
    "COMPILER-ERROR": "CE",
    "COMPILER_ERROR": "CE",
    "OUTPUT-LIMIT": "OLE",
    "OUTPUT_LIMIT": "OLE",
    "MEMORY-LIMIT": "MLE",
}


@dataclass(frozen=True)
class Expectation:
    """What the judge must say about a reference submission (from its folder, submissions.yaml or an annotation).

    Verdicts are compared the way the specification counts them: a memory-limit verdict is a run-time error, except
    in the platform's own `memory_limit_exceeded` folder."""

    label: str  # shown in `assessment verify`
    permitted: frozenset[str] | None = None  # every test's verdict is one of these (None: anything)
    required: frozenset[str] | None = None  # at least one test has one of these (None: no requirement)
    exact: frozenset[str] | None = None  # the overall verdict (first failing test) is one of these
    partially_accepted: bool = False  # legacy scoring: graded verdict AC, points below the maximum
    score: tuple[float, float] | None = None  # submissions.yaml `score`: points within [low, high]
    checked: bool = True  # False: listed by the package as "check manually"

    @property
    def accepted(self) -> bool:
        """Must be accepted on every test (its times bound the time limit from below)."""
        if self.exact is not None:
            return self.exact == frozenset({"AC"})
        return self.permitted == frozenset({"AC"}) and not self.partially_accepted


def _spec(label: str, permitted: set[str] | None, required: set[str] | None) -> Expectation:
    return Expectation(label, frozenset(permitted) if permitted else None, frozenset(required) if required else None)


# Folder meanings: the 2025-09 default directories, legacy `partially_accepted`, the platform's exact-verdict
# folders, common folders of other tools (`slow_accepted`: correct answers, may exceed the time limit) and the
# folders a widely used contest judge exports.
FOLDERS: dict[str, Expectation] = {
    "accepted": _spec("AC", {"AC"}, None),
    "wrong_answer": _spec("WA", {"AC", "WA"}, {"WA"}),
    "time_limit_exceeded": _spec("TLE", {"AC", "TLE"}, {"TLE"}),
    "run_time_error": _spec("RTE", {"AC", "RTE"}, {"RTE"}),
    "rejected": _spec("any rejection", None, {"WA", "TLE", "RTE"}),
    "brute_force": _spec("TLE or RTE (never WA)", {"AC", "TLE", "RTE"}, {"TLE", "RTE"}),
    "slow_accepted": _spec("AC or TLE (correct, possibly slow)", {"AC", "TLE"}, None),
    "partially_accepted": Expectation("accepted with less than full points", partially_accepted=True),
    "memory_limit_exceeded": Expectation("MLE", exact=frozenset({"MLE"})),
    "output_limit_exceeded": Expectation("OLE", exact=frozenset({"OLE"})),
    "output_limit": Expectation("OLE", exact=frozenset({"OLE"})),
    "compiler_error": Expectation("CE", exact=frozenset({"CE"})),
    "compile_error": Expectation("CE", exact=frozenset({"CE"})),
    "no_output": _spec("WA", {"AC", "WA"}, {"WA"}),
    "check_manually": Expectation("checked by hand", checked=False),
}
ANY = Expectation("any verdict (the folder sets no expectation)")


@dataclass(frozen=True)
class ReferenceSubmission:
    path: Path  # a file, or a folder of files (multi-file submission)
    folder: str  # the folder under submissions/
    expectation: Expectation
    language: str | None = None  # submissions.yaml `language` (None: from the file extensions)
    entrypoint: str | None = None  # submissions.yaml `entrypoint` / submissions.json `entry_point`

    @property
    def is_folder(self) -> bool:
        return self.path.is_dir()


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


def _validator_folder(package: Path, c: Collector, names: tuple[str, ...], own: tuple[str, ...]) -> Path | None:
    """The first of `names` that exists; a name outside `own` (this format version's names) gets a warning."""
    present = [package / name for name in names if (package / name).is_dir()]
    if len(present) > 1:
        c.warn(present[1], f"both {present[0].name}/ and {present[1].name}/ exist; only {present[0].name}/ is used")
    if present and present[0].name not in own:
        c.warn(present[0], f"{present[0].name}/ is read as {own[0]}/ (the folder name of another format version)")
    return present[0] if present else None


def _validator_programs(folder: Path, c: Collector, what: str) -> list[Path]:
    found: list[Path] = []
    for entry in _visible(folder):
        if (entry.is_file() and entry.suffix in IGNORED_FILES) or entry.name.upper().startswith("README"):
            continue
        if entry.suffix in UNRUNNABLE_VALIDATORS:
            c.warn(
                entry,
                f"{UNRUNNABLE_VALIDATORS[entry.suffix]} ({entry.suffix}) {what}s cannot run on this "
                "platform; it is skipped (the other validators still run). Add a Python, C or C++ "
                "validator (exit 42 when valid, 43 otherwise) to check these inputs",
            )
            continue
        if program_kind(entry) is None:
            c.error(
                entry,
                f"not a runnable {what}: use a .py, .c or .cpp file, or a folder with __main__.py, "
                "C/C++ sources or build/run scripts",
            )
            continue
        found.append(entry)
    return found


def input_validators(package: Path, c: Collector, metadata: Metadata) -> list[Path]:
    """The input validators; none is a warning (the specification requires one, but packages exported by contest
    judges often have none): the test data is then not checked by `assessment validate`."""
    own = INPUT_VALIDATOR_DIRS if metadata.version is FormatVersion.LEGACY else ("input_validators",)
    folder = _validator_folder(package, c, INPUT_VALIDATOR_DIRS, own)
    found = _validator_programs(folder, c, "input validator") if folder else []
    if not found:
        skipped = folder is not None and any(p.suffix in UNRUNNABLE_VALIDATORS for p in folder.iterdir())
        c.warn(
            folder or package / "input_validators",
            ("no input validator this platform can run" if skipped else "no input validator")
            + ": `assessment validate` cannot check the test inputs; add input_validators/validate.py that reads "
            "one input on stdin and exits 42 when it is valid, 43 otherwise",
        )
    return found


def answer_validators(package: Path, c: Collector) -> list[Path]:
    folder = _validator_folder(package, c, ANSWER_VALIDATOR_DIRS, ANSWER_VALIDATOR_DIRS)
    return _validator_programs(folder, c, "answer validator") if folder else []


def output_validator(package: Path, c: Collector, metadata: Metadata) -> Path | None:
    """The custom output validator (interactor for interactive problems), or None for the default validator."""
    own = metadata.layout.output_validator_dir
    present = [package / name for name in OUTPUT_VALIDATOR_DIRS if (package / name).exists()]
    custom = metadata.custom_validation
    needs_custom = metadata.is_interactive or metadata.is_multi_pass or metadata.custom_score
    if custom is False:
        for folder in present:
            if folder.is_dir() and _visible(folder):
                c.warn(
                    folder,
                    f"{folder.name}/ is ignored because problem.yaml has `validation: default`; set "
                    "`validation: custom` to use it",
                )
        return None
    if not present:
        if custom or needs_custom:
            what = "interactive" if metadata.is_interactive else "multi-pass" if metadata.is_multi_pass else "custom"
            where = f"{own}/<name>/validate.py" if own == "output_validators" else f"{own}/validate.py"
            c.error(
                package / "problem.yaml",
                f"a {what} problem needs an output validator; add it as {where} "
                "(or a C/C++ program), or use `validation: default`",
            )
        return None
    folder = present[0]
    if len(present) > 1:
        c.warn(present[1], f"both {present[0].name}/ and {present[1].name}/ exist; only {present[0].name}/ is used")
    if folder.name != own:
        c.warn(
            folder,
            f"{folder.name}/ is the output validator folder of another format version ({own}/ for "
            f"{metadata.version.value}); it is read, but rename it",
        )
    if folder.is_file():
        c.error(folder, f"{folder.name}/ must be a folder holding the validator program")
        return None
    loose = [
        p
        for p in _visible(folder)
        if (p.is_file() and p.suffix in VALIDATOR_SOURCE_EXT | {""}) or p.name in ("build", "run")
    ]
    programs = [p for p in _visible(folder) if p.is_dir() and program_kind(p) is not None]
    if folder.name == "output_validators" or (not loose and programs):
        # one folder (or file) per program inside, as legacy packages (and some 2023-07-draft ones) have it
        candidates = [p for p in _visible(folder) if program_kind(p) is not None]
        if not candidates:
            c.error(folder, f"no output validator program found; add {folder.name}/<name>/validate.py")
            return None
        if len(candidates) > 1:
            c.error(
                folder,
                f"only one output validator is supported, found {len(candidates)} "
                f"({', '.join(p.name for p in candidates)}); keep one",
            )
            return None
        return candidates[0]
    if program_kind(folder) is None:
        c.error(
            folder,
            f"{folder.name}/ must hold the validator's Python, C or C++ source (e.g. {folder.name}/"
            "validate.py) or build/run scripts",
        )
        return None
    return folder


# -- reference submissions -------------------------------------------------------------------------------------------
def expected_results(path: Path) -> Expectation | None:
    """An `@EXPECTED_RESULTS@: WRONG-ANSWER, TIMELIMIT` annotation in a submission's files (as a contest judge's
    test submissions carry it): the overall verdict must be one of those listed."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        try:
            text = file.read_bytes()[:200_000].decode("utf-8", "replace")
        except OSError:
            continue
        m = EXPECTED_RESULTS_RE.search(text)
        if m:
            names = [w.strip().upper() for w in m.group(1).split(",") if w.strip()]
            if any(n == "CHECK-MANUALLY" or n.startswith("NONE-") for n in names):
                return Expectation("checked by hand", checked=False)
            verdicts = {DOMJUDGE_RESULTS.get(n, n) for n in names}
            return Expectation(" or ".join(sorted(verdicts)), exact=frozenset(verdicts))
    return None


def submissions(package: Path, c: Collector, metadata: Metadata, *, strict: bool) -> list[ReferenceSubmission]:
    folder = package / "submissions"
    found: list[ReferenceSubmission] = []
    config = _submissions_yaml(folder / "submissions.yaml", c) if folder.is_dir() else {}
    entry_points = _submissions_json(package / "submissions.json", c)
    if folder.is_dir():
        for sub in _visible(folder):
            if sub.is_file():
                if sub.name != "submissions.yaml" and sub.suffix not in IGNORED_FILES:
                    c.warn(sub, "submissions must be inside a folder such as submissions/accepted/; ignored")
                continue
            base = FOLDERS.get(sub.name)
            if sub.name == "partially_accepted" and not metadata.is_scoring:
                c.warn(
                    sub,
                    "partially_accepted/ is only meaningful for scoring problems; its submissions are "
                    "expected to be rejected",
                )
                base = FOLDERS["rejected"]
            unexplained = 0
            for entry in _visible(sub):
                if entry.is_file() and (entry.suffix in IGNORED_FILES or entry.suffix == ""):
                    continue
                rel = entry.relative_to(folder).as_posix()
                expectation = _apply_yaml(base or ANY, rel, config, folder / "submissions.yaml", c)
                annotated = expected_results(entry)
                if annotated is not None and expectation.checked:
                    expectation = annotated  # the annotation is more precise than the folder (as its judge reads it)
                if expectation is ANY:
                    unexplained += 1
                language, entrypoint = _yaml_language(rel, config)
                entrypoint = (
                    entrypoint or entry_points.get(f"submissions/{rel}/") or entry_points.get(f"submissions/{rel}")
                )
                found.append(ReferenceSubmission(entry, sub.name, expectation, language, entrypoint))
            if unexplained:
                c.warn(
                    sub,
                    f"submissions/{sub.name}/ has no meaning in the specification and no entry in "
                    f"submissions.yaml: `assessment verify` judges its {unexplained} submission(s) and accepts "
                    "any verdict (add `permitted`/`required` for it in submissions.yaml, or an "
                    "@EXPECTED_RESULTS@ line to each)",
                )
    if not any(s.expectation.accepted for s in found):
        message = "no accepted submission; add a correct solution to submissions/accepted/ (e.g. solution.py)"
        (c.error if strict else c.warn)(folder, message)
    return found


def _matches(glob: str, path: str) -> bool:
    """submissions.yaml glob against a submission path: `*` stays within a name; a folder matches what is in it."""
    patterns = [glob]
    brace = re.search(r"\{([^{}]*)\}", glob)
    if brace:
        patterns = [glob[: brace.start()] + option + glob[brace.end() :] for option in brace.group(1).split(",")]
    parts = path.split("/")
    for pattern in patterns:
        depth = pattern.count("/") + 1
        if depth <= len(parts) and _glob(pattern, "/".join(parts[:depth])):
            return True
    return False


def _glob(pattern: str, name: str) -> bool:
    return all(fnmatchcase(n, p) for p, n in zip(pattern.split("/"), name.split("/"), strict=False)) and pattern.count(
        "/"
    ) == name.count("/")


def _apply_yaml(
    base: Expectation, rel: str, config: dict[str, dict[str, Any]], file: Path, c: Collector
) -> Expectation:
    """The folder's expectation narrowed by every submissions.yaml entry matching the submission."""
    permitted, required, score = base.permitted, base.required, base.score
    for glob, settings in config.items():
        if not _matches(glob, rel):
            continue
        if "permitted" in settings:
            new = frozenset(_verdict_list(settings["permitted"]))
            permitted = new if glob in FOLDERS or permitted is None else permitted & new
        if "required" in settings:
            new = frozenset(_verdict_list(settings["required"]))
            required = new if glob in FOLDERS or required is None else required & new
        if "score" in settings:
            value = settings["score"]
            if checks.is_number(value):
                score = (float(value), float(value))
            elif isinstance(value, list) and len(value) == 2 and all(checks.is_number(v) for v in value):
                score = (float(value[0]), float(value[1]))
            else:
                c.error(file, f"`{glob}.score` must be a number or a list of two numbers")
    if (permitted, required, score) == (base.permitted, base.required, base.score):
        return base
    label = (
        base.label
        if permitted == base.permitted and required == base.required
        else (
            "verdicts "
            + "/".join(sorted(permitted or SPEC_VERDICTS))
            + (f", at least one {'/'.join(sorted(required))}" if required else "")
        )
    )
    return Expectation(label, permitted, required, base.exact, base.partially_accepted, score, base.checked)


def _verdict_list(value: Any) -> list[str]:
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def _yaml_language(rel: str, config: dict[str, dict[str, Any]]) -> tuple[str | None, str | None]:
    language = entrypoint = None
    for glob, settings in config.items():
        if _matches(glob, rel):
            language = settings.get("language", language)
            entrypoint = settings.get("entrypoint", entrypoint)
    return (str(language) if language else None), (str(entrypoint) if entrypoint else None)


def _submissions_yaml(file: Path, c: Collector) -> dict[str, dict[str, Any]]:
    if not file.is_file():
        return {}
    try:
        data = load_file(file)
    except YamlError as exc:
        c.error(exc.path, exc.message if exc.line is None else f"line {exc.line}: {exc.message}")
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        c.error(file, "must map submission globs (e.g. `accepted/*`) to settings")
        return {}
    found: dict[str, dict[str, Any]] = {}
    for glob, settings in data.items():
        if not isinstance(settings, dict):
            c.error(file, f"`{glob}` must map to settings such as `permitted: [AC]`")
            continue
        for key, value in settings.items():
            if key in SUBMISSIONS_YAML_KEYS:
                if key in ("permitted", "required"):
                    bad = [v for v in _verdict_list(value) if v not in SPEC_VERDICTS]
                    if bad:
                        c.error(file, f"`{glob}.{key}` may only list AC, WA, TLE, RTE; found {bad}")
                continue
            if isinstance(key, str) and key.startswith(("sample", "secret")) and isinstance(value, dict):
                checks.unknown_keys(c, file, f"`{glob}.{key}`", value, SUBMISSIONS_YAML_KEYS)
                c.warn(file, f"`{glob}.{key}`: expectations per test group are checked for syntax only")
                continue
            c.error(
                file,
                f"unknown key `{key}` under `{glob}`; allowed: {', '.join(sorted(SUBMISSIONS_YAML_KEYS))} "
                "or a test group name such as secret/group1",
            )
        found[str(glob)] = settings
    return found


def _submissions_json(file: Path, c: Collector) -> dict[str, str]:
    """Entry points a contest judge's export lists in submissions.json (`{"submissions/x/": {"entry_point": ...}}`)."""
    if not file.is_file():
        return {}
    import json

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        c.warn(file, f"cannot read submissions.json ({exc}); its entry points are ignored")
        return {}
    found: dict[str, str] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, dict) and isinstance(value.get("entry_point"), str):
                found[str(key)] = value["entry_point"]
    return found
