"""Test data under data/: cases, test groups, and the output/input validator arguments each case inherits."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import checks
from .issues import Collector
from .yamlutil import YamlError, load_file

FILE_NAME_RE = re.compile(r"^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,254}$")
TEST_GROUP_KEYS = {"max_score", "score_aggregation", "static_validation_score", "require_pass", "args",
                   "input_validator_args", "static_validator_args", "output_validator_args", "input_visualizer_args",
                   "output_visualizer_args", "full_feedback"}
SCORING_ONLY_KEYS = {"max_score", "score_aggregation", "require_pass"}
TEST_CASE_KEYS = {"args", "input_validator_args", "output_validator_args", "input_visualizer_args",
                  "output_visualizer_args", "full_feedback", "hint", "description"}
LEGACY_TESTDATA_KEYS = {"on_reject", "grading", "grader_flags", "input_validator_flags", "output_validator_flags",
                        "accept_score", "reject_score", "range"}
KNOWN_DATA_DIRS = {"sample", "secret", "invalid_input", "invalid_output", "valid_output", "invalid_answer"}


@dataclass(frozen=True)
class TestCase:
    name: str                          # path under data/ without extension, e.g. "sample/01", "secret/group1/03"
    group: str                         # "sample", "secret", or "secret/<group>"
    input_path: Path
    answer_path: Path
    validator_args: tuple[str, ...] = ()   # effective output validator arguments
    is_sample: bool = False
    input_validator_args: tuple = ()   # () | ("*", args...) flattened; see `input_args_for`

    def input_args_for(self, validator_name: str) -> tuple[str, ...]:
        """Arguments for the input validator named `validator_name` (program base name)."""
        spec = self.input_validator_args
        if not spec:
            return ()
        kind, value = spec
        if kind == "all":
            return value
        return dict(value).get(validator_name, ())


@dataclass
class Settings:
    """Inheritable per-directory settings."""

    output_args: tuple[str, ...] = ()
    input_args: tuple = ()
    source: Path | None = None


@dataclass
class TestData:
    samples: list[TestCase] = field(default_factory=list)
    secret: list[TestCase] = field(default_factory=list)
    secret_groups: list[str] = field(default_factory=list)
    invalid_inputs: list[Path] = field(default_factory=list)


def _sort_key(name: str) -> tuple[str, ...]:
    return tuple(name.split("/"))


class TestDataReader:
    def __init__(self, package: Path, c: Collector, *, legacy: bool, base_output_args: tuple[str, ...],
                 pass_fail: bool, check_args) -> None:
        self.package = package
        self.data = package / "data"
        self.c = c
        self.legacy = legacy
        self.base_output_args = base_output_args
        self.pass_fail = pass_fail
        self.check_args = check_args  # callable(file, args) -> None (validates default-validator flags)

    # -- configuration files ---------------------------------------------------------------------------------------
    def _read_yaml(self, file: Path) -> dict | None:
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

    def _input_args(self, file: Path, key: str, value) -> tuple:
        if value is None:
            return ()
        if isinstance(value, dict):
            items = []
            for name, args in value.items():
                parsed = checks.words(self.c, file, f"{key}.{name}", args)
                if parsed is not None:
                    items.append((str(name), parsed))
            return ("by_name", tuple(items))
        parsed = checks.words(self.c, file, key, value)
        return ("all", parsed) if parsed else ()

    def _group_settings(self, directory: Path, inherited: Settings, *, top: str) -> Settings:
        if self.legacy:
            file = directory / "testdata.yaml"
            if not file.is_file():
                return inherited
            data = self._read_yaml(file)
            if data is None:
                return inherited
            checks.unknown_keys(self.c, file, "testdata.yaml", data, LEGACY_TESTDATA_KEYS, warn=True)
            flags = data.get("output_validator_flags")
            if isinstance(flags, dict):
                flags = flags.get("flags")
            out = checks.words(self.c, file, "output_validator_flags", flags) or ()
            in_flags = data.get("input_validator_flags")
            if isinstance(in_flags, dict) and "name" in in_flags:
                in_args = ("by_name", ((str(in_flags["name"]), tuple(str(in_flags.get("flags", "")).split())),))
            else:
                in_args = self._input_args(file, "input_validator_flags", in_flags)
            args = tuple(self.base_output_args) + tuple(out)
            if out:
                self.check_args(file, args)
            # legacy: the closest testdata.yaml replaces its ancestors'
            return Settings(args, in_args, file)
        file = directory / "test_group.yaml"
        if (directory / "testdata.yaml").is_file():
            self.c.error(directory / "testdata.yaml", "testdata.yaml is the legacy name; rename it to test_group.yaml "
                                                     "(problem_format_version 2025-09)")
        if not file.is_file():
            return inherited
        data = self._read_yaml(file)
        if data is None:
            return inherited
        checks.unknown_keys(self.c, file, "test_group.yaml", data, TEST_GROUP_KEYS)
        if self.pass_fail:
            for key in sorted(SCORING_ONLY_KEYS & set(data)):
                self.c.error(file, f"`{key}` is only allowed for scoring problems; remove it (this problem is pass-fail)")
        if top == "sample":
            for key in sorted(SCORING_ONLY_KEYS & set(data)):
                self.c.error(file, f"`{key}` is not permitted in data/sample; remove it")
        settings = Settings(inherited.output_args, inherited.input_args, inherited.source)
        if "output_validator_args" in data:
            args = checks.words(self.c, file, "output_validator_args", data["output_validator_args"])
            if args is not None:
                settings.output_args = args
                settings.source = file
                self.check_args(file, args)
        if "input_validator_args" in data:
            settings.input_args = self._input_args(file, "input_validator_args", data["input_validator_args"])
        if data.get("args"):
            self.c.error(file, "`args` (command-line arguments for submissions) is not supported here; remove it")
        return settings

    def _case_settings(self, case_yaml: Path, inherited: Settings) -> Settings:
        if self.legacy or not case_yaml.is_file():
            return inherited
        data = self._read_yaml(case_yaml)
        if data is None:
            return inherited
        checks.unknown_keys(self.c, case_yaml, "a test case .yaml", data, TEST_CASE_KEYS)
        settings = Settings(inherited.output_args, inherited.input_args, inherited.source)
        if "output_validator_args" in data:
            args = checks.words(self.c, case_yaml, "output_validator_args", data["output_validator_args"])
            if args is not None:
                settings.output_args = args
                self.check_args(case_yaml, args)
        if "input_validator_args" in data:
            settings.input_args = self._input_args(case_yaml, "input_validator_args", data["input_validator_args"])
        if data.get("args"):
            self.c.error(case_yaml, "`args` (command-line arguments for submissions) is not supported; remove it")
        return settings

    # -- scanning --------------------------------------------------------------------------------------------------
    def _scan(self, directory: Path) -> tuple[dict[str, Path], dict[str, Path], list[Path]]:
        """.in and .ans files below `directory` by base name (relative to data/), and sub-directories."""
        ins: dict[str, Path] = {}
        anss: dict[str, Path] = {}
        subdirs: list[Path] = []

        def walk(folder: Path) -> None:
            for entry in sorted(folder.iterdir()):
                if entry.name.startswith((".", "-")) or entry.name == "__pycache__":
                    continue
                if not FILE_NAME_RE.match(entry.name):
                    if entry.suffix in (".in", ".ans"):
                        self.c.warn(entry, "this file name has characters other than letters, digits, `_`, `.`, `-` "
                                           "and is ignored; rename it")
                    continue
                if entry.is_dir():
                    if entry.name.endswith(".files"):
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

        walk(directory)
        return ins, anss, subdirs

    def _pair(self, ins: dict[str, Path], anss: dict[str, Path]) -> list[str]:
        names = []
        for base in sorted(set(ins) | set(anss), key=_sort_key):
            if base in ins and base not in anss:
                missing = ins[base].with_suffix(".ans")
                self.c.error(ins[base], f"test input without an answer: add {self._rel(missing)} "
                                        f"(or remove {self._rel(ins[base])})")
            elif base in anss and base not in ins:
                missing = anss[base].with_suffix(".in")
                self.c.error(anss[base], f"answer file without a test input: add {self._rel(missing)} "
                                         f"(or remove {self._rel(anss[base])})")
            else:
                names.append(base)
        return names

    def _rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.package).as_posix()
        except ValueError:
            return str(path)

    def _settings_for(self, name: str, root: Settings, cache: dict[str, Settings]) -> Settings:
        """Walk from data/ to the case's folder applying each folder's configuration."""
        parts = name.split("/")[:-1]
        settings = root
        for depth in range(1, len(parts) + 1):
            key = "/".join(parts[:depth])
            if key not in cache:
                folder = self.data.joinpath(*parts[:depth])
                if not self.legacy and depth > 2:
                    cache[key] = settings
                    if (folder / "test_group.yaml").is_file():
                        self.c.error(folder / "test_group.yaml", "test groups cannot be nested: only data/sample, "
                                     "data/secret and data/secret/<group> may have a test_group.yaml; move it up")
                else:
                    cache[key] = self._group_settings(folder, settings, top=parts[0])
            settings = cache[key]
        case_yaml = self.data / (name + ".yaml")
        return self._case_settings(case_yaml, settings)

    def read(self) -> TestData:
        result = TestData()
        if not self.data.is_dir():
            self.c.error(self.package / "data", "the package has no data/ folder; add data/secret/ with .in/.ans files")
            return result
        for entry in sorted(self.data.iterdir()):
            if entry.is_dir() and not entry.name.startswith(".") and entry.name not in KNOWN_DATA_DIRS:
                self.c.warn(entry, "unknown folder under data/ (only sample/ and secret/ are judged); it is ignored")
        root_settings = Settings(tuple(self.base_output_args), (), None)
        if self.legacy:
            root_settings = self._group_settings(self.data, root_settings, top="")
        elif (self.data / "test_group.yaml").is_file():
            root_settings = self._group_settings(self.data, root_settings, top="")
        cache: dict[str, Settings] = {}

        def build(name: str, ins, anss, group: str, is_sample: bool) -> TestCase:
            settings = self._settings_for(name, root_settings, cache)
            return TestCase(name=name, group=group, input_path=ins[name], answer_path=anss[name],
                            validator_args=tuple(settings.output_args), is_sample=is_sample,
                            input_validator_args=settings.input_args)

        sample_dir = self.data / "sample"
        if sample_dir.is_dir():
            ins, anss, subdirs = self._scan(sample_dir)
            if subdirs and not self.legacy:
                for sub in subdirs:
                    if any(p.suffix == ".in" for p in sub.rglob("*.in")):
                        self.c.error(sub, "data/sample must not contain test groups; move these cases into data/sample/")
            for name in self._pair(ins, anss):
                result.samples.append(build(name, ins, anss, "sample", True))
        else:
            self.c.warn(sample_dir, "no sample tests: candidates will see no example; add data/sample/1.in and 1.ans")

        secret_dir = self.data / "secret"
        if not secret_dir.is_dir():
            self.c.error(secret_dir, "no secret test data; add data/secret/ with .in/.ans files "
                                     "(or test groups data/secret/<group>/)")
            return result
        ins, anss, subdirs = self._scan(secret_dir)
        names = self._pair(ins, anss)
        direct = [n for n in names if n.count("/") == 1]
        grouped = [n for n in names if n.count("/") > 1]
        if direct and grouped and not self.legacy:
            self.c.error(secret_dir, "data/secret has both test cases and test groups; move the cases "
                                     f"({', '.join(sorted(direct)[:3])}...) into a group folder, or the groups' cases "
                                     "up into data/secret/")
        for name in names:
            group = "secret" if name.count("/") == 1 else "secret/" + name.split("/")[1]
            result.secret.append(build(name, ins, anss, group, False))
        result.secret.sort(key=lambda case: _sort_key(case.name))
        groups: list[str] = []
        for case in result.secret:
            if case.group not in groups:
                groups.append(case.group)
        result.secret_groups = groups or ["secret"]
        if not result.secret and not any(i.is_error and "without" in i.message for i in self.c.issues):
            self.c.error(secret_dir, "no secret test data; add at least one .in/.ans pair under data/secret/")
        for sub in subdirs:
            if not any(c.group == "secret/" + sub.name for c in result.secret) and not (
                    self.legacy and any(c.name.startswith(f"secret/{sub.name}/") for c in result.secret)):
                self.c.error(sub, "this test group has no test cases; add .in/.ans pairs or remove the folder")

        invalid = self.data / "invalid_input"
        if invalid.is_dir():
            result.invalid_inputs = sorted(invalid.rglob("*.in"), key=lambda p: _sort_key(p.relative_to(invalid).as_posix()))
        return result
