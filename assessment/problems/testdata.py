"""Test data under data/: cases, groups, the validator arguments each case inherits, and the scoring rules.

Where each format version keeps its test data configuration:
- legacy: `testdata.yaml` in any folder, every key inherited from the nearest folder that sets it; grading keys
  `on_reject`, `grading`, `grader_flags`, `accept_score`, `reject_score`, `range`;
- 2023-07-draft: `testdata.yaml` with `output_validator_args`/`input_validator_args` (the legacy `*_flags` spellings
  and grading keys are read too, as the reference tool does) and `scoring: {score, aggregation, require-pass}`;
- 2025-09: `test_group.yaml` in data/, data/sample, data/secret and data/secret/<group> (`max_score`,
  `score_aggregation`, `require_pass`, `output_validator_args`, `input_validator_args`), and `<case>.yaml`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import checks
from .formats import FormatVersion
from .grading import CaseRule, Grading, GroupRule, maximum
from .issues import Collector
from .yamlutil import YamlError, load_file

FILE_NAME_RE = re.compile(r"^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,254}$")
TEST_GROUP_KEYS = {
    "max_score",
    "score_aggregation",
    "static_validation_score",
    "require_pass",
    "args",
    "input_validator_args",
    "static_validator_args",
    "output_validator_args",
    "input_visualizer_args",
    "output_visualizer_args",
    "full_feedback",
}
SCORING_ONLY_KEYS = {"max_score", "score_aggregation", "require_pass"}
NOT_INHERITED = {
    "max_score",
    "score_aggregation",
    "require_pass",
    "scoring",
    "static_validation",
    "static_validation_score",
}
TEST_CASE_KEYS = {
    "args",
    "input_validator_args",
    "output_validator_args",
    "input_visualizer_args",
    "output_visualizer_args",
    "full_feedback",
    "hint",
    "description",
}
LEGACY_GRADING_KEYS = {"on_reject", "grading", "grader_flags", "accept_score", "reject_score", "range"}
LEGACY_TESTDATA_KEYS = LEGACY_GRADING_KEYS | {"input_validator_flags", "output_validator_flags"}
DRAFT_TESTDATA_KEYS = LEGACY_TESTDATA_KEYS | {
    "scoring",
    "input_validator_args",
    "output_validator_args",
    "static_validation",
    "full_feedback",
    "hint",
    "description",
    "args",
}
DRAFT_SCORING_KEYS = {"score", "aggregation", "require-pass", "require_pass"}
KNOWN_DATA_DIRS = {"sample", "secret", "invalid_input", "invalid_output", "valid_output", "invalid_answer"}
SAMPLE_DISPLAY_DIRS = {"statement", "download"}  # 2023-07-draft: data/sample/statement, data/sample/download
GRADER_SCORE_FLAGS = ("sum", "avg", "min", "max")
GRADER_VERDICT_FLAGS = {
    "worst_error": "worst_error",
    "no_errors": "worst_error",
    "first_error": "first_error",
    "always_accept": "always_accept",
}
GRADER_OTHER_FLAGS = {"ignore_sample", "accept_if_any_accepted"}
DEFAULT_SECRET_MAX = 100.0


@dataclass(frozen=True)
class InputArgs:
    """Arguments for input validators: the same for all, or per validator name (the others get none)."""

    common: tuple[str, ...] = ()
    by_name: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def for_validator(self, name: str) -> tuple[str, ...]:
        if self.by_name:
            return dict(self.by_name).get(name, ())
        return self.common


@dataclass(frozen=True)
class TestCase:
    __test__ = False  # not a pytest test class
    name: str  # path under data/ without extension, e.g. "sample/01", "secret/group1/03"
    group: str  # "sample", "secret", or "secret/<group>"
    input_path: Path
    answer_path: Path
    validator_args: tuple[str, ...] = ()  # effective output validator arguments
    is_sample: bool = False
    input_args: InputArgs = InputArgs()

    def input_args_for(self, validator_name: str) -> tuple[str, ...]:
        """Arguments for the input validator named `validator_name` (program base name)."""
        return self.input_args.for_validator(validator_name)


@dataclass
class TestData:
    samples: list[TestCase] = field(default_factory=list)
    secret: list[TestCase] = field(default_factory=list)
    secret_groups: list[str] = field(default_factory=list)
    invalid_inputs: list[Path] = field(default_factory=list)
    sample_interactions: list[Path] = field(default_factory=list)  # data/sample/*.interaction (shown, not run)
    grading: Grading | None = None
    samples_only: bool = False


def _sort_key(name: str) -> tuple[str, ...]:
    return tuple(name.split("/"))


Config = dict[str, Any]


class TestDataReader:
    """Reads data/ of one package; `check_args(file, args)` checks arguments for the default output validator."""

    def __init__(
        self,
        package: Path,
        c: Collector,
        *,
        version: FormatVersion,
        base_output_args: tuple[str, ...],
        scoring: bool,
        validator_scores: bool,
        check_args: Callable[[Path, tuple[str, ...]], None],
        grading_defaults: Config | None = None,
    ) -> None:
        self.package = package
        self.data = package / "data"
        self.c = c
        self.version = version
        self.base_output_args = base_output_args
        self.scoring = scoring
        self.validator_scores = validator_scores
        self.check_args = check_args
        self.grading_defaults = grading_defaults or {}
        self.config_name = "test_group.yaml" if version is FormatVersion.V2025_09 else "testdata.yaml"
        self._raw: dict[str, Config] = {}  # folder (relative to data/, "" for data/) -> its own config
        self._effective: dict[str, Config] = {}  # folder -> config with inherited keys
        self._folder_settings: dict[str, tuple[tuple[str, ...], InputArgs]] = {}

    # -- configuration files ---------------------------------------------------------------------------------------
    def _read_yaml(self, file: Path) -> Config | None:
        try:
            data = load_file(file)
        except YamlError as exc:
            self.c.error(exc.path, exc.message if exc.line is None else f"line {exc.line}: {exc.message}")
            return None
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.c.error(file, "must be a map of `key: value` lines")
            return None
        return data

    def _own_config(self, folder: str) -> Config:
        if folder in self._raw:
            return self._raw[folder]
        directory = self.data / folder if folder else self.data
        file = directory / self.config_name
        other = directory / ("testdata.yaml" if self.config_name == "test_group.yaml" else "test_group.yaml")
        if other.is_file():
            self.c.warn(
                other,
                f"{other.name} is not read by problem_format_version {self.version.value}; rename it "
                f"to {self.config_name}",
            )
        data: Config = {}
        if file.is_file():
            data = self._read_yaml(file) or {}
            self._check_keys(file, folder, data)
        self._raw[folder] = data
        return data

    def _check_keys(self, file: Path, folder: str, data: Config) -> None:
        if self.version is FormatVersion.LEGACY:
            checks.unknown_keys(self.c, file, "testdata.yaml", data, LEGACY_TESTDATA_KEYS, warn=True)
            scoring_keys = {"accept_score", "reject_score", "range"}
        elif self.version is FormatVersion.DRAFT_2023_07:
            checks.unknown_keys(self.c, file, "testdata.yaml", data, DRAFT_TESTDATA_KEYS, warn=True)
            scoring_keys = {"accept_score", "reject_score", "range", "scoring"}
        else:
            checks.unknown_keys(self.c, file, "test_group.yaml", data, TEST_GROUP_KEYS)
            scoring_keys = SCORING_ONLY_KEYS
            top = folder.split("/")[0] if folder else ""
            if top == "sample":
                for key in sorted(SCORING_ONLY_KEYS & set(data)):
                    self.c.error(file, f"`{key}` is not permitted in data/sample; remove it")
            if folder.count("/") > 1:
                self.c.error(
                    file,
                    "test groups cannot be nested: only data/sample, data/secret and "
                    "data/secret/<group> may have a test_group.yaml; move it up",
                )
        if not self.scoring:
            for key in sorted(scoring_keys & set(data)):
                self.c.error(
                    file, f"`{key}` is only allowed for scoring problems; remove it (this problem is pass-fail)"
                )
        if data.get("args"):
            self.c.error(file, "`args` (command-line arguments for submissions) is not supported here; remove it")

    def config(self, folder: str) -> Config:
        """The configuration of `folder` (relative to data/), inherited key by key from its ancestors."""
        if folder in self._effective:
            return self._effective[folder]
        parent: Config = {}
        if folder:
            parent_name = folder.rsplit("/", 1)[0] if "/" in folder else ""
            parent = {k: v for k, v in self.config(parent_name).items() if k not in NOT_INHERITED}
        merged = dict(parent)
        merged.update(self._own_config(folder))
        self._effective[folder] = merged
        return merged

    def _output_args(self, file: Path, data: Config) -> tuple[str, ...] | None:
        """Output validator arguments this config sets (None: not set here)."""
        keys = ["output_validator_args"] if self.version is not FormatVersion.LEGACY else []
        if self.version is not FormatVersion.V2025_09:
            keys.append("output_validator_flags")
        for key in keys:
            if key in data:
                value = data[key]
                if isinstance(value, dict):
                    value = value.get("flags", "")
                return checks.words(self.c, file, key, value) or ()
        return None

    def _input_args(self, file: Path, data: Config) -> InputArgs | None:
        keys = ["input_validator_args"] if self.version is not FormatVersion.LEGACY else []
        if self.version is not FormatVersion.V2025_09:
            keys.append("input_validator_flags")
        for key in keys:
            if key not in data:
                continue
            value = data[key]
            if isinstance(value, dict) and key == "input_validator_flags" and "name" in value:
                return InputArgs(by_name=((str(value["name"]), tuple(str(value.get("flags", "")).split())),))
            if isinstance(value, dict):
                items = []
                for name, args in value.items():
                    parsed = checks.words(self.c, file, f"{key}.{name}", args)
                    if parsed is not None:
                        items.append((str(name), parsed))
                return InputArgs(by_name=tuple(items))
            return InputArgs(common=checks.words(self.c, file, key, value) or ())
        return None

    def _settings(self, folder: str) -> tuple[tuple[str, ...], InputArgs]:
        """(output validator args, input validator args) for cases in `folder`."""
        if folder in self._folder_settings:
            return self._folder_settings[folder]
        data = self.config(folder)
        source = self._source(folder, ("output_validator_args", "output_validator_flags"))
        output = self._output_args(source, data)
        args = (
            tuple(self.base_output_args) + (output or ())
            if self.version is FormatVersion.LEGACY
            else (output if output is not None else tuple(self.base_output_args))
        )
        if output:
            self.check_args(source, args)
        inputs = self._input_args(self._source(folder, ("input_validator_args", "input_validator_flags")), data)
        self._folder_settings[folder] = (args, inputs or InputArgs())
        return self._folder_settings[folder]

    def _source(self, folder: str, keys: tuple[str, ...]) -> Path:
        """The config file that sets one of `keys` for `folder` (for messages)."""
        parts = folder.split("/") if folder else []
        for depth in range(len(parts), -1, -1):
            name = "/".join(parts[:depth])
            if set(keys) & set(self._own_config(name)):
                return (self.data / name if name else self.data) / self.config_name
        return self.data / self.config_name

    def _case_settings(
        self, case_yaml: Path, output: tuple[str, ...], inputs: InputArgs
    ) -> tuple[tuple[str, ...], InputArgs]:
        if self.version is FormatVersion.LEGACY or not case_yaml.is_file():
            return output, inputs
        data = self._read_yaml(case_yaml)
        if data is None:
            return output, inputs
        checks.unknown_keys(self.c, case_yaml, "a test case .yaml", data, TEST_CASE_KEYS)
        if "output_validator_args" in data:
            args = checks.words(self.c, case_yaml, "output_validator_args", data["output_validator_args"])
            if args is not None:
                output = args
                self.check_args(case_yaml, args)
        if "input_validator_args" in data:
            inputs = self._input_args(case_yaml, {"input_validator_args": data["input_validator_args"]}) or inputs
        if data.get("args"):
            self.c.error(case_yaml, "`args` (command-line arguments for submissions) is not supported; remove it")
        return output, inputs

    # -- scanning --------------------------------------------------------------------------------------------------
    def _scan(
        self, directory: Path, *, skip: set[str] | None = None
    ) -> tuple[dict[str, Path], dict[str, Path], list[Path], list[Path]]:
        """.in, .ans and .interaction files below `directory` by base name (relative to data/), and sub-folders."""
        ins: dict[str, Path] = {}
        anss: dict[str, Path] = {}
        interactions: list[Path] = []
        subdirs: list[Path] = []

        def walk(folder: Path) -> None:
            for entry in sorted(folder.iterdir()):
                if entry.name.startswith((".", "-")) or entry.name == "__pycache__":
                    continue
                if not FILE_NAME_RE.match(entry.name):
                    if entry.suffix in (".in", ".ans"):
                        self.c.warn(
                            entry,
                            "this file name has characters other than letters, digits, `_`, `.`, `-` "
                            "and is ignored; rename it",
                        )
                    continue
                if entry.is_dir():
                    if entry.name.endswith(".files") or (folder == directory and skip and entry.name in skip):
                        continue
                    if folder == directory:
                        subdirs.append(entry)
                    walk(entry)
                    continue
                rel = entry.relative_to(self.data).as_posix()
                if entry.name.endswith(".in"):
                    ins[rel[:-3]] = entry
                elif entry.name.endswith(".ans"):
                    anss[rel[:-4]] = entry
                elif entry.name.endswith(".interaction"):
                    interactions.append(entry)

        walk(directory)
        return ins, anss, subdirs, interactions

    def _pair(self, ins: dict[str, Path], anss: dict[str, Path]) -> list[str]:
        names = []
        for base in sorted(set(ins) | set(anss), key=_sort_key):
            if base in ins and base not in anss:
                missing = ins[base].with_suffix(".ans")
                self.c.error(
                    ins[base],
                    f"test input without an answer: add {self._rel(missing)} (or remove {self._rel(ins[base])})",
                )
            elif base in anss and base not in ins:
                missing = anss[base].with_suffix(".in")
                self.c.error(
                    anss[base],
                    f"answer file without a test input: add {self._rel(missing)} (or remove {self._rel(anss[base])})",
                )
            else:
                names.append(base)
        return names

    def _rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.package).as_posix()
        except ValueError:
            return str(path)

    def _build(self, name: str, ins: dict[str, Path], anss: dict[str, Path], group: str, is_sample: bool) -> TestCase:
        folder = name.rsplit("/", 1)[0]
        output, inputs = self._settings(folder)
        output, inputs = self._case_settings(self.data / (name + ".yaml"), output, inputs)
        return TestCase(
            name=name,
            group=group,
            input_path=ins[name],
            answer_path=anss[name],
            validator_args=tuple(output),
            is_sample=is_sample,
            input_args=inputs,
        )

    def read(self) -> TestData:
        result = TestData()
        if not self.data.is_dir():
            self.c.error(self.package / "data", "the package has no data/ folder; add data/secret/ with .in/.ans files")
            return result
        for entry in sorted(self.data.iterdir()):
            if entry.is_dir() and not entry.name.startswith(".") and entry.name not in KNOWN_DATA_DIRS:
                self.c.warn(entry, "unknown folder under data/ (only sample/ and secret/ are judged); it is ignored")
        self._own_config("")

        sample_dir = self.data / "sample"
        if sample_dir.is_dir():
            skip = SAMPLE_DISPLAY_DIRS if self.version is FormatVersion.DRAFT_2023_07 else None
            ins, anss, subdirs, interactions = self._scan(sample_dir, skip=skip)
            result.sample_interactions = interactions
            if subdirs and self.version is FormatVersion.V2025_09:
                for sub in subdirs:
                    if any(sub.rglob("*.in")):
                        self.c.error(
                            sub, "data/sample must not contain test groups; move these cases into data/sample/"
                        )
            for name in self._pair(ins, anss):
                result.samples.append(self._build(name, ins, anss, "sample", True))
        else:
            self.c.warn(sample_dir, "no sample tests: candidates will see no example; add data/sample/1.in and 1.ans")

        secret_dir = self.data / "secret"
        if secret_dir.is_dir():
            self._read_secret(secret_dir, result)
        if not result.secret:
            missing_pairs = any(i.is_error and "without" in i.message for i in self.c.issues)
            if result.samples:
                result.samples_only = True
                self.c.warn(
                    secret_dir,
                    f"no secret test data: submissions are judged on the {len(result.samples)} "
                    "sample test(s) only, which candidates can see; add hidden tests under "
                    "data/secret/",
                )
            elif not missing_pairs:
                self.c.error(
                    secret_dir,
                    "no test data; add data/secret/ with .in/.ans files (or test groups data/secret/<group>/)",
                )
        result.secret_groups = [] if result.samples_only else (result.secret_groups or ["secret"])

        invalid = self.data / "invalid_input"
        if invalid.is_dir():
            result.invalid_inputs = sorted(
                invalid.rglob("*.in"), key=lambda p: _sort_key(p.relative_to(invalid).as_posix())
            )
        if self.scoring:
            result.grading = self._grading(result)
        return result

    def _read_secret(self, secret_dir: Path, result: TestData) -> None:
        ins, anss, subdirs, _ = self._scan(secret_dir)
        names = self._pair(ins, anss)
        direct = [n for n in names if n.count("/") == 1]
        grouped = [n for n in names if n.count("/") > 1]
        if direct and grouped and self.version is FormatVersion.V2025_09:
            self.c.error(
                secret_dir,
                "data/secret has both test cases and test groups; move the cases "
                f"({', '.join(sorted(direct)[:3])}...) into a group folder, or the groups' "
                "cases up into data/secret/",
            )
        for name in names:
            group = "secret" if name.count("/") == 1 else "secret/" + name.split("/")[1]
            result.secret.append(self._build(name, ins, anss, group, False))
        result.secret.sort(key=lambda case: _sort_key(case.name))
        for case in result.secret:
            if case.group not in result.secret_groups:
                result.secret_groups.append(case.group)
        for sub in subdirs:
            if not any(c.name.startswith(f"secret/{sub.name}/") for c in result.secret):
                self.c.error(sub, "this test group has no test cases; add .in/.ans pairs or remove the folder")

    # -- scoring ---------------------------------------------------------------------------------------------------
    def _grading(self, data: TestData) -> Grading | None:
        if self.version is FormatVersion.LEGACY:
            return self._grader_model(data)
        if self.version is FormatVersion.DRAFT_2023_07 and any(
            LEGACY_GRADING_KEYS & set(cfg) for cfg in self._all_configs(data)
        ):
            return self._grader_model(data)
        return self._groups_model(data)

    def _all_configs(self, data: TestData) -> list[Config]:
        folders = {""}
        for case in self._cases(data):
            parts = case.split("/")[:-1]
            folders.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
        return [self._own_config(f) for f in sorted(folders)]

    @staticmethod
    def _cases(data: TestData) -> list[str]:
        return [c.name for c in data.samples] + [c.name for c in data.secret]

    # The reference tool's default grader (legacy and 2023-07-draft grading keys).
    def _grader_model(self, data: TestData) -> Grading:
        cases = self._cases(data)

        def node(folder: str) -> GroupRule:
            cfg = dict(self.config(folder))
            for key in ("accept_score", "reject_score", "range"):
                if key in self.grading_defaults:
                    cfg[key] = self.grading_defaults[key]
            if self.grading_defaults.get("on_reject") in ("first_error", "grade"):
                cfg["on_reject"] = "break" if self.grading_defaults["on_reject"] == "first_error" else "continue"
            file = self._source(folder, tuple(LEGACY_GRADING_KEYS))
            depth = folder.count("/") + 1 if folder else 0
            children: dict[str, GroupRule | CaseRule] = {}
            accept = self._float(file, "accept_score", cfg.get("accept_score", 1.0), 1.0)
            reject = self._float(file, "reject_score", cfg.get("reject_score", 0.0), 0.0)
            for case in cases:
                parts = case.split("/")
                if "/".join(parts[:depth]) != folder or len(parts) <= depth:
                    continue
                if len(parts) == depth + 1:
                    children[parts[-1]] = CaseRule(case, accept_score=accept, reject_score=reject)
                else:
                    sub = "/".join(parts[: depth + 1])
                    if parts[depth] not in children:
                        children[parts[depth]] = node(sub)
            flags = str(cfg.get("grader_flags", "") or "").split()
            for flag in flags:
                if (
                    flag not in GRADER_SCORE_FLAGS
                    and flag not in GRADER_VERDICT_FLAGS
                    and flag not in GRADER_OTHER_FLAGS
                ):
                    self.c.warn(
                        file,
                        f"unknown grader flag {flag!r} (the default grader knows "
                        f"{', '.join(sorted([*GRADER_SCORE_FLAGS, *GRADER_VERDICT_FLAGS, *GRADER_OTHER_FLAGS]))}"
                        "); it is ignored",
                    )
            if cfg.get("grading", "default") != "default":
                self.c.warn(file, "custom graders are not supported; the default grader is used with grader_flags")
            on_reject = str(cfg.get("on_reject", "break"))
            if on_reject not in ("break", "continue"):
                self.c.error(file, f"`on_reject` must be break or continue, found {on_reject!r}")
                on_reject = "break"
            if "ignore_sample" in flags and folder:
                self.c.error(file, "`grader_flags: ignore_sample` is only allowed in data/testdata.yaml")
            _, high = self._range(file, cfg.get("range"))
            ordered = tuple(children[key] for key in sorted(children))
            return GroupRule(
                name=folder,
                items=ordered,
                aggregation=next((f for f in reversed(flags) if f in GRADER_SCORE_FLAGS), "sum"),
                max_score=high,
                on_reject=on_reject,
                verdict_mode=next(
                    (GRADER_VERDICT_FLAGS[f] for f in reversed(flags) if f in GRADER_VERDICT_FLAGS), "worst_error"
                ),
                accept_if_any_accepted="accept_if_any_accepted" in flags,
                ignore_sample="ignore_sample" in flags and not folder,
            )

        root = node("")
        top = root.max_score if root.max_score is not None else maximum(root, self.validator_scores)
        return Grading("grader", root, top, self.validator_scores)

    def _float(self, file: Path, key: str, value: Any, default: float) -> float:
        if checks.is_number(value):
            return float(value)
        self.c.error(file, f"`{key}` must be a number, found {value!r}")
        return default

    def _range(self, file: Path, value: Any) -> tuple[float, float | None]:
        """`range: A B` -> (A, B), B None when infinite."""
        if value is None:
            return -math.inf, None
        words = str(value).split()
        try:
            low, high = (float(w) for w in words)
        except ValueError:
            self.c.error(file, f"`range` must be two numbers such as `0 100`, found {value!r}")
            return -math.inf, None
        if low > high:
            self.c.error(file, f"`range` {value!r}: the minimum is above the maximum")
        return low, (high if math.isfinite(high) else None)

    # 2025-09 test groups and 2023-07-draft `scoring:` maps.
    def _groups_model(self, data: TestData) -> Grading:
        secret_cfg = self._scoring_config("secret")
        secret_file = self.data / "secret" / self.config_name
        secret_max = self._max_score(secret_file, secret_cfg.get("max"), DEFAULT_SECRET_MAX)
        secret_aggregation = self._aggregation(secret_file, secret_cfg.get("aggregation"), "sum")
        groups = [g for g in data.secret_groups if g != "secret"]
        items: list[GroupRule | CaseRule] = []
        if groups:
            explicit: dict[str, float | None] = {}
            for group in groups:
                cfg = self._scoring_config(group)
                if "max" in cfg:
                    explicit[group] = self._max_score(self.data / group / self.config_name, cfg["max"], None)
            missing = [g for g in groups if g not in explicit]
            share: float | None = None
            if secret_max is None:
                share = None
            elif self.version is FormatVersion.DRAFT_2023_07 and secret_aggregation == "sum":
                spent = sum(v for v in explicit.values() if v is not None)
                share = (secret_max - spent) / len(missing) if missing else None
                if spent > secret_max + 1e-9:
                    self.c.error(
                        secret_file, f"the groups' scores add up to {spent:g}, more than secret's {secret_max:g}"
                    )
            elif secret_aggregation == "min":
                share = secret_max
            elif missing and secret_aggregation != "pass-fail":
                self.c.error(
                    self.data / missing[0] / self.config_name,
                    f"{missing[0]} needs `max_score` (secret's maximum score is {secret_max:g}, so every "
                    "test group must say how many points it is worth)",
                )
            for group in groups:
                cfg = self._scoring_config(group)
                file = self.data / group / self.config_name
                group_max = explicit.get(group, share)
                aggregation = self._aggregation(file, cfg.get("aggregation"), "pass-fail")
                if aggregation == "pass-fail" and group_max is None and secret_max is not None:
                    group_max = 0.0
                cases = [c.name for c in data.secret if c.group == group]
                items.append(
                    GroupRule(
                        name=group,
                        items=self._case_rules(cases, aggregation, group_max),
                        aggregation=aggregation,
                        max_score=group_max,
                        require_pass=self._require_pass(file, cfg.get("require_pass"), group),
                    )
                )
        else:
            items = list(self._case_rules([c.name for c in data.secret], secret_aggregation, secret_max))
        secret = GroupRule(
            name="secret",
            items=tuple(items),
            aggregation=secret_aggregation,
            max_score=secret_max,
            require_pass=self._require_pass(secret_file, secret_cfg.get("require_pass"), "secret"),
        )
        sample = GroupRule(
            name="sample",
            items=tuple(CaseRule(c.name) for c in data.samples),
            aggregation="pass-fail",
            verdict_mode="first_error",
        )
        root = GroupRule(
            name="",
            items=(sample, secret),
            aggregation="sum",
            max_score=secret_max,
            verdict_mode="first_error",
            ignore_sample=True,
        )
        return Grading("groups", root, secret_max, True)

    def _scoring_config(self, folder: str) -> dict[str, Any]:
        """{max, aggregation, require_pass} of a folder, from `test_group.yaml` (2025-09) or `scoring:` (draft)."""
        own = self._own_config(folder)
        if self.version is FormatVersion.V2025_09:
            found = {"max": own["max_score"]} if "max_score" in own else {}
            if "score_aggregation" in own:
                found["aggregation"] = own["score_aggregation"]
            if "require_pass" in own:
                found["require_pass"] = own["require_pass"]
            return found
        scoring = own.get("scoring")
        if scoring is None:
            return {}
        file = self.data / folder / self.config_name
        if not isinstance(scoring, dict):
            self.c.error(file, "`scoring` must be a map with score, aggregation and require-pass")
            return {}
        checks.unknown_keys(self.c, file, "scoring", scoring, DRAFT_SCORING_KEYS)
        found = {"max": scoring["score"]} if "score" in scoring else {}
        if "aggregation" in scoring:
            found["aggregation"] = scoring["aggregation"]
        for key in ("require-pass", "require_pass"):
            if key in scoring:
                found["require_pass"] = scoring[key]
        return found

    def _max_score(self, file: Path, value: Any, default: float | None) -> float | None:
        if value is None:
            return default
        if value == "unbounded":
            return None
        if checks.is_number(value) and float(value) >= 0:
            return float(value)
        self.c.error(file, f"the maximum score must be a non-negative number or `unbounded`, found {value!r}")
        return default

    def _aggregation(self, file: Path, value: Any, default: str) -> str:
        if value is None:
            return default
        if value in ("pass-fail", "sum", "min"):
            return str(value)
        self.c.error(file, f"score aggregation must be pass-fail, sum or min, found {value!r}")
        return default

    def _require_pass(self, file: Path, value: Any, group: str) -> tuple[str, ...]:
        if value is None:
            return ()
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            self.c.error(file, "`require_pass` must be a group name or a list of group names")
            return ()
        for name in names:
            if name >= group:
                self.c.error(
                    file,
                    f"`require_pass` names {name!r}, which does not come before {group!r}; a group "
                    "can only require earlier groups (or sample)",
                )
        return tuple(names)

    @staticmethod
    def _case_rules(cases: list[str], aggregation: str, group_max: float | None) -> tuple[CaseRule, ...]:
        if aggregation == "pass-fail" or group_max is None or not cases:
            return tuple(CaseRule(name) for name in cases)
        each = group_max / len(cases) if aggregation == "sum" else group_max
        return tuple(CaseRule(name, max_score=each) for name in cases)
