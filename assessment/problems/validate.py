"""`assessment validate`: load the whole tree and run every input validator on every test input.

Input validators are the problem author's trusted code: they run on the host (python3, or compiled with gcc/g++
into a temporary folder) with a timeout, in parallel. Exit code 42 means valid; anything else is an error naming the
.in file and the validator.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .issues import Issue
from .kattis import ProblemPackage
from .programs import program_kind
from .tree import Tree, load_tree

VALIDATOR_TIMEOUT_S = 60.0
COMPILE_TIMEOUT_S = 120.0
VALID = 42


@dataclass
class ValidationReport:
    tree: Tree
    issues: list[Issue] = field(default_factory=list)
    validator_runs: int = 0

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict:
        positions = []
        for position in self.tree.positions:
            positions.append({
                "slug": position.slug,
                "title": position.config.title,
                "path": _rel(position.path, self.tree.root),
                "parts": list(position.config.parts),
                "coding_problems": [{
                    "name": p.name, "title": p.title, "format_version": p.format_version,
                    "time_limit": p.time_limit_s, "memory_mb": p.memory_mb, "samples": len(p.samples),
                    "secret": len(p.secret), "groups": list(p.secret_groups),
                } for p in position.problems],
                "essay_prompts": [{
                    "slug": e.slug, "title": e.title, "min_words": e.min_words, "max_words": e.max_words,
                    "criteria": len(e.criteria),
                } for e in position.essays],
            })
        return {
            "positions": positions,
            "errors": [{"path": i.path, "message": i.message} for i in self.errors],
            "warnings": [{"path": i.path, "message": i.message} for i in self.warnings],
        }

    def summary(self) -> str:
        problems = sum(len(p.problems) for p in self.tree.positions)
        essays = sum(len(p.essays) for p in self.tree.positions)
        return (f"{len(self.tree.positions)} position(s), {problems} coding problem(s), {essays} essay prompt(s); "
                f"{self.validator_runs} input validator run(s); {len(self.errors)} error(s), "
                f"{len(self.warnings)} warning(s)")


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
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=COMPILE_TIMEOUT_S)
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
        sources = [path] if path.is_file() else sorted(
            p for p in path.rglob("*") if p.suffix in ((".c",) if kind == "c" else (".cpp", ".cc", ".cxx")))
        validator.argv, validator.error = _compile(sources, kind, workdir)
        validator.cwd = path if path.is_dir() else path.parent
    elif kind == "run":
        copy = workdir / "program"
        shutil.copytree(path, copy)
        if (copy / "build").is_file():
            try:
                result = subprocess.run(["sh", "./build"], cwd=copy, capture_output=True, text=True,
                                        timeout=COMPILE_TIMEOUT_S)
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
            validator.argv, validator.cwd = [str(copy / "run")], copy
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
        stdin_file = open(input_path, "rb")
    except OSError as exc:
        return None, f"cannot read the test input ({exc.strerror or exc})"
    try:
        with stdin_file as stdin:
            result = subprocess.run([*validator.argv, *args], stdin=stdin, capture_output=True,
                                    timeout=VALIDATOR_TIMEOUT_S, cwd=validator.cwd)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {VALIDATOR_TIMEOUT_S:g} s"
    except OSError as exc:
        return None, f"could not be started: {exc}"
    tail = (result.stderr or result.stdout or b"").decode("utf-8", "replace").strip().splitlines()
    return result.returncode, (tail[-1][:200] if tail else "")


def check_inputs(packages: list[ProblemPackage], workers: int | None = None) -> tuple[list[Issue], int]:
    """Every input validator of every package on every test input (and each invalid_input must be rejected)."""
    issues: list[Issue] = []
    runs = 0
    workers = workers or max(2, (os.cpu_count() or 2) * 2)
    with tempfile.TemporaryDirectory(prefix="assessment-validate-") as tmp:
        prepared: dict[Path, list[_Validator]] = {}
        jobs_prepare = []
        for p_index, package in enumerate(packages):
            for v_index, path in enumerate(package.input_validators):
                jobs_prepare.append((package, path, Path(tmp) / f"{p_index}-{v_index}"))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            ready = list(pool.map(lambda job: (job[0], prepare_validator(job[1], job[2])), jobs_prepare))
        for package, validator in ready:
            if validator.error:
                issues.append(Issue(str(validator.source), f"input validator {validator.error}"))
            else:
                prepared.setdefault(package.path, []).append(validator)

        jobs = []
        for package in packages:
            for validator in prepared.get(package.path, []):
                for case in package.tests():
                    jobs.append(("case", package, validator, case.input_path, case.input_args_for(validator.name)))
        jobs.sort(key=lambda job: _size(job[3]), reverse=True)   # big inputs first: the pool finishes together
        invalid_jobs = []
        for package in packages:
            validators = prepared.get(package.path, [])
            for path in package.invalid_inputs:
                invalid_jobs.append((package, path, validators))

        def one(job):
            _, package, validator, input_path, args = job
            code, message = _run(validator, input_path, args)
            return job, code, message

        def one_invalid(job):
            package, path, validators = job
            results = [_run(v, path, ())[0] for v in validators]
            return job, results

        totals: dict[int, int] = {}
        failures: dict[int, list] = {}
        with ThreadPoolExecutor(max_workers=workers) as pool:
            case_results = pool.map(one, jobs)
            invalid_results = pool.map(one_invalid, invalid_jobs)
            for job, code, message in case_results:
                runs += 1
                validator = job[2]
                totals[id(validator)] = totals.get(id(validator), 0) + 1
                if code != VALID:
                    failures.setdefault(id(validator), []).append((job, code, message))
            for job, results in invalid_results:
                runs += len(results)
                package, path, validators = job
                if validators and all(code == VALID for code in results):
                    issues.append(Issue(str(path), "this invalid_input file is accepted by every input validator; "
                                                   "make a validator reject it (or remove the file)"))
        for key, failed in failures.items():
            failed.sort(key=lambda item: str(item[0][3]))
            _, package, validator, _, _ = failed[0][0]
            name = _rel(validator.source, package.path)
            if len(failed) == totals[key] and len(failed) > 2:
                _, code, message = failed[0]
                how = f"exit code {code}" if code is not None else message
                detail = f": {message}" if message and code is not None else ""
                issues.append(Issue(str(validator.source), f"input validator {name} rejects all {len(failed)} test "
                                    f"inputs (first: {failed[0][0][3].name}, {how}{detail}); the validator is "
                                    "probably broken: it must exit 42 for a valid input"))
                continue
            for (_, _, _, input_path, _), code, message in failed:
                how = f"exit code {code}" if code is not None else message
                detail = f" ({message})" if message and code is not None else ""
                issues.append(Issue(str(input_path), f"rejected by input validator {name}: {how}{detail}; fix this "
                                    "test input or the validator (a valid input makes the validator exit 42)"))
    return issues, runs


def validate_tree(problems_dir: Path, run_input_validators: bool = True) -> ValidationReport:
    """Load `problems_dir` strictly and (optionally) run every input validator; never raises for content errors."""
    root = Path(problems_dir)
    tree = load_tree(root, strict=True)
    report = ValidationReport(tree=tree, issues=list(tree.issues))
    if run_input_validators:
        packages = list(tree.packages)
        try:
            issues, runs = check_inputs(packages)
        except Exception as exc:  # noqa: BLE001
            issues, runs = [Issue(str(root), f"running the input validators failed ({type(exc).__name__}: {exc})")], 0
        report.issues.extend(issue.relative_to(root) for issue in issues)
        report.validator_runs = runs
    return report
