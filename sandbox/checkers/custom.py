"""Custom output validators (Kattis interface), run SANDBOXED in their own container, never on the host.

    validator input judge_answer feedback_dir [args] < team_output
    exit 42: accepted, 43: wrong answer, anything else: the validator failed (a judge error)

The validator's folder (Python, C or C++ sources) is copied into a separate container, compiled once, and run once per
test with that test's input, the judge's answer and the team's output.  feedback_dir/judgemessage.txt and
teammessage.txt are read back.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass
from pathlib import Path

from ..container import HARNESS_OVERHEAD_MB, WORK_MB, Sandbox

MiB = 1 << 20
MAX_FILES_BYTES = 16 * MiB
VALIDATOR_TIME_S = 30.0
VALIDATOR_MEMORY_MB = 1024
ACCEPT, REJECT = 42, 43
WORKDIR = "/work/validator"
PY_ENTRY_NAMES = ("validate.py", "validator.py", "output_validator.py", "main.py", "check.py", "checker.py")


class ValidatorSetupError(Exception):
    """The validator folder cannot be used (no sources, ambiguous entry point, does not compile)."""


@dataclass
class ValidatorProgram:
    files: dict[str, bytes]  # relative path -> content
    compile_argv: list[str] | None
    run_argv: list[str]


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


class CustomValidator:
    """A started validator container; `check()` judges one test's output."""

    def __init__(self, path: Path, tmp_mb: int):
        self.path = Path(path)
        self.program = load_program(self.path)
        self.sandbox = Sandbox("validator", VALIDATOR_MEMORY_MB + HARNESS_OVERHEAD_MB + tmp_mb + WORK_MB, tmp_mb)
        try:
            self.sandbox.write_files({f"{WORKDIR}/{name}": data for name, data in self.program.files.items()})
            if self.program.compile_argv:
                result = self.sandbox.run(
                    self.program.compile_argv,
                    time_s=60,
                    wall_s=60,
                    output_bytes=MiB,
                    file_bytes=128 * MiB,
                    cwd=WORKDIR,
                    stderr_max=8192,
                    stderr_tail=False,
                )
                if result["signal"] or result["code"] != 0 or result["wall_timeout"]:
                    text = (result["stderr"] + result["stdout"]).decode("utf-8", "replace")[:4000]
                    raise ValidatorSetupError(f"{self.path}: the output validator does not compile:\n{text}")
            self.sandbox.seal()
        except BaseException:
            self.sandbox.close()
            raise

    def check(
        self, input_data: bytes, answer: bytes, team_output: bytes, args: tuple[str, ...] = ()
    ) -> tuple[str, str]:
        """('AC' | 'WA' | 'JE', message)."""
        fb = "/tmp/v/feedback"
        result = self.sandbox.run(
            [*self.program.run_argv, "/tmp/v/input", "/tmp/v/answer", fb + "/", *args],
            stdin=team_output,
            time_s=VALIDATOR_TIME_S,
            wall_s=VALIDATOR_TIME_S,
            output_bytes=MiB,
            cwd=WORKDIR,
            files={"/tmp/v/input": input_data, "/tmp/v/answer": answer},
            mkdirs=[fb],
            collect=[f"{fb}/judgemessage.txt", f"{fb}/teammessage.txt"],
        )
        collected = result["collected"]
        message = collected.get(f"{fb}/judgemessage.txt") or collected.get(f"{fb}/teammessage.txt") or b""
        message = message.decode("utf-8", "replace").strip()[:2000]
        if not result["signal"] and result["code"] == ACCEPT:
            return "AC", message
        if not result["signal"] and result["code"] == REJECT:
            return "WA", message or "wrong answer (output validator)"
        if result["signal"]:
            how = (
                f"was killed by {signal.Signals(result['signal']).name}"
                if result["signal"] in signal.Signals._value2member_map_
                else f"got signal {result['signal']}"
            )
        else:
            how = f"exited with code {result['code']}"
        if result.get("wall_timeout"):
            how = f"ran longer than {VALIDATOR_TIME_S:.0f} s"
        err = result["stderr"].decode("utf-8", "replace").strip()[-1500:]
        return "JE", f"the output validator {how} (expected 42 or 43)" + (f": {err}" if err else "")

    def close(self) -> None:
        self.sandbox.close()
