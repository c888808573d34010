"""Custom output validators and interactors (Kattis interface), run SANDBOXED in their own container, never on the
host.

    validator input_file answer_file feedback_dir [args] < team_output        (interactive: > team_input)
    exit 42: accepted, 43: wrong answer, anything else: the validator failed (a judge error)

The validator's folder (a `build`/`run` script pair, Python, C or C++ sources) is copied into a separate container,
built once, and run once per test (or per pass) with that test's input, the judge's answer and the team's output.
Every file it writes to feedback_dir is read back: judgemessage.txt / teammessage.txt (messages), score.txt (the
test's score), nextpass.in (multi-pass). The feedback folder persists between the passes of one test.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass, field
from pathlib import Path

from ..container import HARNESS_OVERHEAD_MB, WORK_MB, Reply, Sandbox, SandboxConfig
from ..pool import acquire, discard

MiB = 1 << 20
MAX_FILES_BYTES = 16 * MiB
VALIDATOR_TIME_S = 30.0
VALIDATOR_MEMORY_MB = 1024
ACCEPT, REJECT = 42, 43
WORKDIR = "/work/validator"
VDIR = "/tmp/v"
FEEDBACK = f"{VDIR}/feedback"
FEEDBACK_MAX = 64 * MiB
PY_ENTRY_NAMES = (
    "validate.py",
    "validator.py",
    "output_validator.py",
    "interactor.py",
    "main.py",
    "check.py",
    "checker.py",
)


class ValidatorSetupError(Exception):
    """The validator folder cannot be used (no sources, ambiguous entry point, does not compile)."""


@dataclass
class ValidatorProgram:
    files: dict[str, bytes]  # relative path -> content
    compile_argv: list[str] | None
    run_argv: list[str]


@dataclass
class Check:
    """What the validator said about one run: verdict AC/WA/JE, the message, and every feedback file it left."""

    verdict: str
    message: str
    feedback: dict[str, bytes] = field(default_factory=dict)
    exit_code: int | None = None
    signal: int = 0
    cpu_ms: int = 0
    wall_ms: int = 0


def load_program(path: Path) -> ValidatorProgram:
    path = Path(path)
    if path.is_file():
        files = {path.name: path.read_bytes()}
    elif path.is_dir():
        files, total = {}, 0
        for f in sorted(path.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts:
                data = f.read_bytes()
                total += len(data)
                if total > MAX_FILES_BYTES:
                    raise ValidatorSetupError(f"{path}: the output validator folder is larger than 16 MiB")
                files[f.relative_to(path).as_posix()] = data
    else:
        raise ValidatorSetupError(f"{path}: the output validator is missing (expected a folder with its sources)")
    names = list(files)
    if "build" in names or "run" in names:
        # The package format's build/run scripts: `build` (if present) runs first, then `run` is the program.
        if "run" not in names and "build" not in names:
            raise ValidatorSetupError(f"{path}: a `build` script needs a `run` script beside it")
        build = ["/bin/sh", "-c", "chmod +x ./build 2>/dev/null; ./build"] if "build" in names else None
        return ValidatorProgram(files, build, ["./run"])
    py = [n for n in names if n.endswith(".py")]
    cpp = [n for n in names if n.endswith((".cpp", ".cc", ".cxx"))]
    c = [n for n in names if n.endswith(".c")]
    if cpp or (c and not py):
        sources = cpp or c
        compiler = ["g++", "-O2", "-std=gnu++17"] if cpp else ["gcc", "-O2", "-std=gnu17"]
        return ValidatorProgram(
            files, [*compiler, "-o", "validator", *sources, *([] if cpp else ["-lm"])], ["./validator"]
        )
    if py:
        top = [n for n in py if "/" not in n]
        if "__main__.py" in top:
            return ValidatorProgram(files, ["python3", "-m", "py_compile", *top], ["python3", "-B", "__main__.py"])
        entry = next((n for n in PY_ENTRY_NAMES if n in top), None)
        if entry is None and len(top) == 1:
            entry = top[0]
        if entry is None:
            mains = [n for n in top if b"__main__" in files[n]]
            entry = mains[0] if len(mains) == 1 else None
        if entry is None:
            raise ValidatorSetupError(
                f"{path}: cannot tell which Python file is the output validator; name it validate.py"
            )
        return ValidatorProgram(files, ["python3", "-m", "py_compile", entry], ["python3", "-B", entry])
    raise ValidatorSetupError(f"{path}: no Python, C or C++ source in the output validator folder")


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


class CustomValidator:
    """A started validator container; `check()` judges one run's output, `start_interactive()` runs it as the
    interactor of one run."""

    def __init__(self, path: Path, io_mb: int, cpuset: str = "", runtime: str = "", yields: bool = True):
        self.path = Path(path)
        self.program = load_program(self.path)
        tmp_mb = io_mb + 64
        config = SandboxConfig(
            "validator",
            VALIDATOR_MEMORY_MB + HARNESS_OVERHEAD_MB + tmp_mb + WORK_MB + 64,
            tmp_mb,
            64,
            WORK_MB,
            128,
            cpuset,
            runtime,
            yields=yields,
        )
        self.sandbox: Sandbox = acquire(config)
        try:
            self.sandbox.write_files(
                {f"{WORKDIR}/{name}": data for name, data in self.program.files.items()}, mode=0o755
            )
            self.sandbox.own()
            if self.program.compile_argv:
                result = self.sandbox.run(
                    self.program.compile_argv,
                    time_s=60,
                    wall_s=90,
                    output_bytes=MiB,
                    file_bytes=128 * MiB,
                    cwd=WORKDIR,
                    stderr_max=8192,
                    stderr_tail=False,
                )
                if result["signal"] or result["code"] != 0 or result["wall_timeout"] or result["cpu_timeout"]:
                    text = (result["stderr"] + result["stdout"]).decode("utf-8", "replace")[:4000]
                    raise ValidatorSetupError(f"{self.path}: the output validator does not compile:\n{text}")
            self.sandbox.seal()
        except BaseException:
            discard(self.sandbox)
            raise

    def _command(self, args: tuple[str, ...]) -> list[str]:
        return [*self.program.run_argv, f"{VDIR}/input", f"{VDIR}/answer", FEEDBACK + "/", *args]

    def _files(self, input_data: bytes, answer: bytes, feedback: dict[str, bytes] | None) -> dict[str, bytes]:
        files = {f"{VDIR}/input": input_data, f"{VDIR}/answer": answer}
        for name, data in (feedback or {}).items():
            files[f"{FEEDBACK}/{name}"] = data
        return files

    def check(
        self,
        input_data: bytes,
        answer: bytes,
        team_output: bytes,
        args: tuple[str, ...] = (),
        feedback: dict[str, bytes] | None = None,
    ) -> Check:
        result = self.sandbox.run(
            self._command(args),
            stdin=team_output,
            time_s=VALIDATOR_TIME_S,
            wall_s=VALIDATOR_TIME_S * 2,
            output_bytes=MiB,
            cwd=WORKDIR,
            files=self._files(input_data, answer, feedback),
            mkdirs=[FEEDBACK],
            collect=[FEEDBACK],
        )
        return self.interpret(result)

    def start_interactive(
        self,
        input_data: bytes,
        answer: bytes,
        args: tuple[str, ...],
        wall_s: float,
        feedback: dict[str, bytes] | None = None,
    ) -> None:
        """Start the interactor of one run; its output is relayed to the program (see judge._interact)."""
        self.sandbox.send_run(
            self._command(args),
            time_s=VALIDATOR_TIME_S,
            wall_s=wall_s,
            output_bytes=MiB,
            cwd=WORKDIR,
            files=self._files(input_data, answer, feedback),
            mkdirs=[FEEDBACK],
            collect=[FEEDBACK],
            interactive=True,
        )

    @staticmethod
    def interpret(result: Reply) -> Check:
        """Check from the validator's run report: exit code, judge/team message and feedback files."""
        prefix = FEEDBACK + "/"
        feedback = {p[len(prefix) :]: d for p, d in result["collected"].items() if p.startswith(prefix)}
        message = feedback.get("judgemessage.txt") or feedback.get("teammessage.txt") or b""
        text = message.decode("utf-8", "replace").strip()[:2000]
        sig = int(result.get("signal") or 0)
        code = result.get("code")
        base = {
            "feedback": feedback,
            "exit_code": None if sig else code,
            "signal": sig,
            "cpu_ms": int(result.get("cpu_ms", 0)),
            "wall_ms": int(result.get("wall_ms", 0)),
        }
        if not sig and code == ACCEPT and not result.get("wall_timeout"):
            return Check("AC", text, **base)  # type: ignore[arg-type]
        if not sig and code == REJECT and not result.get("wall_timeout"):
            return Check("WA", text or "wrong answer (output validator)", **base)  # type: ignore[arg-type]
        if result.get("wall_timeout") or result.get("cpu_timeout"):
            how = f"ran longer than its limit ({VALIDATOR_TIME_S:.0f} s of CPU time)"
        elif sig:
            how = f"was killed by {signal_name(sig)}"
        else:
            how = f"exited with code {code}"
        err = result["stderr"].decode("utf-8", "replace").strip()[-1500:]
        return Check("JE", f"the output validator {how} (expected 42 or 43)" + (f": {err}" if err else ""), **base)  # type: ignore[arg-type]

    def close(self) -> None:
        discard(self.sandbox)
