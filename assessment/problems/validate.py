"""`assessment validate`: load a problems tree, one position folder or one package, and run every input validator on
every test input (and every answer validator on every answer).

Input and answer validators are the problem author's trusted code: they run on the host (python3, or compiled with
gcc/g++, or the package's build/run scripts, in a temporary folder) with a timeout, in parallel. Exit code 42 means
valid; anything else is an error naming the file and the validator. Answer validators run as
`validator <test input> < answer`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .issues import Issue, PackageError
from .kattis import ProblemPackage, load_package
from .programs import program_kind
from .tree import Tree, load_tree

VALIDATOR_TIMEOUT_S = 60.0
COMPILE_TIMEOUT_S = 120.0
VALID = 42


def problem_summary(p: ProblemPackage) -> dict[str, Any]:
    """What `validate --json` says about one problem."""
    return {
        "name": p.name,
        "title": p.title,
        "format_version": p.format_version,
        "time_limit": p.time_limit_s,
        "memory_mb": p.memory_mb,
        "samples": len(p.samples),
        "secret": len(p.secret),
        "groups": list(p.secret_groups),
        "time_limit_source": p.time_limit_source,
        "type": p.problem_type,
        "statement": p.statement_format,
        "max_points": p.max_points,
    }


def problem_line(p: ProblemPackage) -> str:
    """One line per problem for the text report: kind, limits and where the time limit came from."""
    source = {"default": "the default; run `assessment verify` to derive one"}.get(
        p.time_limit_source, p.time_limit_source
    )
    tests = f"{len(p.samples)} sample(s), {len(p.secret)} secret" + (
        f" in {len(p.secret_groups)} groups" if len(p.secret_groups) > 1 else ""
    )
    points = f", {p.max_points:g} points" if p.max_points is not None else ""
    return (
        f"    {p.name}: {p.format_version}, {p.problem_type}{points}, statement {p.statement_format}, time limit "
        f"{p.time_limit_s:g} s (from {source}), memory {p.memory_mb} MiB, {tests}"
    )


@dataclass
class ValidationReport:
    tree: Tree
    issues: list[Issue] = field(default_factory=list)
    validator_runs: int = 0
    package: ProblemPackage | None = None  # validating one package folder

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        positions = []
        for position in self.tree.positions:
            positions.append(
                {
                    "slug": position.slug,
                    "title": position.config.title,
                    "path": _rel(position.path, self.tree.root),
                    "parts": list(position.config.parts),
                    "coding_problems": [problem_summary(p) for p in position.problems],
                    "essay_prompts": [
                        {
                            "slug": e.slug,
                            "title": e.title,
                            "min_words": e.min_words,
                            "max_words": e.max_words,
                            "criteria": len(e.criteria),
                        }
                        for e in position.essays
                    ],
                }
            )
        data: dict[str, Any] = {
            "positions": positions,
            "errors": [{"path": i.path, "message": i.message} for i in self.errors],
            "warnings": [{"path": i.path, "message": i.message} for i in self.warnings],
        }
        if self.package is not None:
            data["package"] = problem_summary(self.package)
        return data

    def summary(self) -> str:
        if self.package is not None:
            return (
                f"1 coding problem; {self.validator_runs} validator run(s); {len(self.errors)} error(s), "
                f"{len(self.warnings)} warning(s)"
            )
        problems = sum(len(p.problems) for p in self.tree.positions)
        essays = sum(len(p.essays) for p in self.tree.positions)
        return (
            f"{len(self.tree.positions)} position(s), {problems} coding problem(s), {essays} essay prompt(s); "
            f"{self.validator_runs} validator run(s); {len(self.errors)} error(s), "
            f"{len(self.warnings)} warning(s)"
        )


def _rel(path: Path, root: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(root).resolve()))
    except (ValueError, OSError):
        return str(path)


@dataclass
class _Validator:
    name: str
    source: Path
    argv: list[str] | None = None
    cwd: Path | None = None
    error: str | None = None


def _compile(sources: list[Path], kind: str, workdir: Path) -> tuple[list[str] | None, str | None]:
    out = workdir / "validator"
    if kind == "cpp":
        cmd = ["g++", "-O2", "-std=gnu++17", "-o", str(out), *map(str, sources)]
    else:
        cmd = ["gcc", "-O2", "-std=gnu17", "-o", str(out), *map(str, sources), "-lm"]
    if shutil.which(cmd[0]) is None:
        return None, f"{cmd[0]} is not installed; install it to compile this validator"
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=COMPILE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        return None, "compilation timed out"
    if result.returncode != 0:
        return None, "does not compile: " + (result.stderr.strip().splitlines() or ["?"])[-1][:300]
    return [str(out)], None


def prepare_validator(path: Path, workdir: Path) -> _Validator:
    """Make `path` runnable: an argv (and working directory), or an error explaining why not."""
    name = path.stem if path.is_file() else path.name
    validator = _Validator(name=name, source=path)
    path = Path(path).resolve()
    kind = program_kind(path)
    workdir.mkdir(parents=True, exist_ok=True)
    if kind == "python":
        if path.is_file():
            validator.argv, validator.cwd = ["python3", "-B", str(path)], path.parent
        elif (path / "__main__.py").is_file():
            validator.argv, validator.cwd = ["python3", "-B", str(path)], path
        else:
            files = sorted(p for p in path.glob("*.py"))
            entry = next((p for p in files if p.name in ("validate.py", "validator.py", "main.py")), None)
            entry = entry or (files[0] if len(files) == 1 else None)
            if entry is None:
                validator.error = "cannot tell which Python file to run; add __main__.py or name it validate.py"
            else:
                validator.argv, validator.cwd = ["python3", "-B", str(entry)], path
    elif kind in ("c", "cpp"):
        sources = (
            [path]
            if path.is_file()
            else sorted(p for p in path.rglob("*") if p.suffix in ((".c",) if kind == "c" else (".cpp", ".cc", ".cxx")))
        )
        validator.argv, validator.error = _compile(sources, kind, workdir)
        validator.cwd = path if path.is_dir() else path.parent
    elif kind == "run":
        copy = workdir / "program"
        shutil.copytree(path, copy)
        if (copy / "build").is_file():
            try:
                result = subprocess.run(
                    ["sh", "./build"], cwd=copy, capture_output=True, text=True, timeout=COMPILE_TIMEOUT_S, check=False
                )
            except subprocess.TimeoutExpired:
                validator.error = "the build script timed out"
                return validator
            if result.returncode != 0:
                validator.error = "the build script failed: " + (result.stderr.strip()[-300:] or "no output")
                return validator
        if not (copy / "run").is_file():
            validator.error = "no `run` file after building"
        else:
            os.chmod(copy / "run", 0o755)
            head = (copy / "run").read_bytes()[:4]
            direct = head.startswith((b"#!", b"\x7fELF"))
            validator.argv, validator.cwd = ([str(copy / "run")] if direct else ["sh", str(copy / "run")]), copy
    else:
        validator.error = "not a runnable program (use .py, .c or .cpp)"
    return validator


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _run(validator: _Validator, input_path: Path, args: tuple[str, ...]) -> tuple[int | None, str]:
    try:
        stdin = input_path.open("rb")
    except OSError as exc:
        return None, f"cannot read the test input ({exc.strerror or exc})"
    try:
        with stdin:
            result = subprocess.run(
                [*(validator.argv or []), *args],
                stdin=stdin,
                capture_output=True,
                timeout=VALIDATOR_TIMEOUT_S,
                cwd=validator.cwd,
                check=False,
            )
    except subprocess.TimeoutExpired:
        return None, f"timed out after {VALIDATOR_TIMEOUT_S:g} s"
    except OSError as exc:
        return None, f"could not be started: {exc}"
    tail = (result.stderr or result.stdout or b"").decode("utf-8", "replace").strip().splitlines()
    return result.returncode, (tail[-1][:200] if tail else "")


@dataclass(frozen=True)
class _Job:
    package: ProblemPackage
    validator: _Validator
    file: Path  # fed on stdin: a test input, or an answer
    args: tuple[str, ...]  # command-line arguments
    kind: str  # "input" | "answer"


def _prepare_all(
    packages: list[ProblemPackage], tmp: Path, workers: int, issues: list[Issue]
) -> dict[tuple[Path, str], list[_Validator]]:
    jobs: list[tuple[ProblemPackage, str, Path, Path]] = []
    for p_index, package in enumerate(packages):
        for kind, paths in (("input", package.input_validators), ("answer", package.answer_validators)):
            for v_index, path in enumerate(paths):
                jobs.append((package, kind, path, tmp / f"{p_index}-{kind}-{v_index}"))
    prepared: dict[tuple[Path, str], list[_Validator]] = {}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        ready = list(pool.map(lambda job: (job[0], job[1], prepare_validator(job[2], job[3])), jobs))
    for package, kind, validator in ready:
        if validator.error:
            issues.append(Issue(str(validator.source), f"{kind} validator {validator.error}"))
        else:
            prepared.setdefault((package.path, kind), []).append(validator)
    return prepared


def check_inputs(packages: list[ProblemPackage], workers: int | None = None) -> tuple[list[Issue], int]:
    """Every input validator of every package on every test input (each invalid_input must be rejected), and every
    answer validator on every answer."""
    issues: list[Issue] = []
    runs = 0
    workers = workers or max(2, (os.cpu_count() or 2) * 2)
    with tempfile.TemporaryDirectory(prefix="assessment-validate-") as tmp:
        prepared = _prepare_all(packages, Path(tmp), workers, issues)
        jobs: list[_Job] = []
        for package in packages:
            for validator in prepared.get((package.path, "input"), []):
                for case in package.tests():
                    jobs.append(_Job(package, validator, case.input_path, case.input_args_for(validator.name), "input"))
            for validator in prepared.get((package.path, "answer"), []):
                for case in package.tests():
                    jobs.append(_Job(package, validator, case.answer_path, (str(case.input_path),), "answer"))
        jobs.sort(key=lambda job: _size(job.file), reverse=True)  # big files first: the pool finishes together
        invalid_jobs = [
            (package, path, prepared.get((package.path, "input"), []))
            for package in packages
            for path in package.invalid_inputs
        ]

        def one(job: _Job) -> tuple[_Job, int | None, str]:
            code, message = _run(job.validator, job.file, job.args)
            return job, code, message

        def one_invalid(
            job: tuple[ProblemPackage, Path, list[_Validator]],
        ) -> tuple[Path, list[_Validator], list[int | None]]:
            _, path, validators = job
            return path, validators, [_run(v, path, ())[0] for v in validators]

        totals: dict[int, int] = {}
        failures: dict[int, list[tuple[_Job, int | None, str]]] = {}
        with ThreadPoolExecutor(max_workers=workers) as pool:
            case_results = pool.map(one, jobs)
            invalid_results = pool.map(one_invalid, invalid_jobs)
            for job, code, message in case_results:
                runs += 1
                totals[id(job.validator)] = totals.get(id(job.validator), 0) + 1
                if code != VALID:
                    failures.setdefault(id(job.validator), []).append((job, code, message))
            for path, validators, results in invalid_results:
                runs += len(results)
                if validators and all(code == VALID for code in results):
                    issues.append(
                        Issue(
                            str(path),
                            "this invalid_input file is accepted by every input validator; "
                            "make a validator reject it (or remove the file)",
                        )
                    )
        for key, failed in failures.items():
            failed.sort(key=lambda item: str(item[0].file))
            first = failed[0][0]
            name = _rel(first.validator.source, first.package.path)
            what = "test inputs" if first.kind == "input" else "answers"
            if len(failed) == totals[key] and len(failed) > 2:
                _, code, message = failed[0]
                how = f"exit code {code}" if code is not None else message
                detail = f": {message}" if message and code is not None else ""
                issues.append(
                    Issue(
                        str(first.validator.source),
                        f"{first.kind} validator {name} rejects all "
                        f"{len(failed)} {what} (first: {first.file.name}, {how}{detail}); the validator "
                        "is probably broken: it must exit 42 for a valid file",
                    )
                )
                continue
            for job, code, message in failed:
                how = f"exit code {code}" if code is not None else message
                detail = f" ({message})" if message and code is not None else ""
                thing = "test input" if job.kind == "input" else "answer"
                issues.append(
                    Issue(
                        str(job.file),
                        f"rejected by {job.kind} validator {name}: {how}{detail}; fix this "
                        f"{thing} or the validator (a valid file makes the validator exit 42)",
                    )
                )
    return issues, runs


def validate_tree(problems_dir: Path, run_input_validators: bool = True) -> ValidationReport:
    """Validate `problems_dir`: a tree of position folders, one position folder (it has a position.yaml; given its
    coding/ or essays/ folder, that position) or one problem package (it has a problem.yaml). Loads strictly and (optionally) runs every input and answer validator;
    never raises for content errors."""
    root = Path(problems_dir)
    package: ProblemPackage | None = None
    if (root / "problem.yaml").is_file():
        tree = Tree(root=root.parent)
        try:
            package = load_package(root, strict=True)
            tree.issues = [issue.relative_to(root.parent) for issue in package.warnings]
            tree.packages.append(package)
        except PackageError as exc:
            tree.issues = [issue.relative_to(root.parent) for issue in exc.issues]
        base = root.parent
    elif (root / "position.yaml").is_file() or (root.resolve().parent / "position.yaml").is_file():
        # a position folder, or its coding/ or essays/ folder: that whole position is validated
        folder = root.resolve() if (root / "position.yaml").is_file() else root.resolve().parent
        base = folder.parent
        tree = load_tree(base, strict=True, only=folder.name)
    else:
        base = root
        tree = load_tree(root, strict=True)
    report = ValidationReport(tree=tree, issues=list(tree.issues), package=package)
    if run_input_validators:
        packages = list(tree.packages)
        try:
            issues, runs = check_inputs(packages)
        except Exception as exc:  # noqa: BLE001
            issues, runs = [Issue(str(root), f"running the validators failed ({type(exc).__name__}: {exc})")], 0
        report.issues.extend(issue.relative_to(base) for issue in issues)
        report.validator_runs = runs
    return report
