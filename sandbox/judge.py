"""judge(request) -> JudgeReport: compile once and run every test in ONE sandbox container, check outputs on the host.

    report = judge(JudgeRequest(source, "python", tests, Limits(time_s=2, memory_mb=256), ValidatorSpec("default")))

SandboxUnavailable (Docker down, runner image missing or stale) is raised instead of a report so the caller can keep
the submission queued; every other problem of the judge itself ends as a JE report, never as the candidate's fault.
"""

from __future__ import annotations

import concurrent.futures
import math
import signal as signals
from pathlib import Path
from typing import Callable

from .checkers.custom import CustomValidator, ValidatorSetupError
from .checkers.default import check as default_check, parse_flags
from .container import HARNESS_OVERHEAD_MB, WORK_MB, HarnessError, Sandbox, _engine_down
from .docker_client import SandboxUnavailable
from .languages import LANGUAGES, Language
from .spec import JudgeReport, JudgeRequest, Limits, TestOutcome, TestSpec, ValidatorSpec

__all__ = [
    "judge",
    "SandboxUnavailable",
    "JudgeRequest",
    "JudgeReport",
    "TestSpec",
    "Limits",
    "ValidatorSpec",
    "TestOutcome",
]

MiB = 1 << 20
COMPILE_OUTPUT_MAX = 8192
PIPELINE_INPUT_MAX = 64 * 1024  # queue the next test early only when its input is at most this big
COMPILED_FILE_MAX = 128 * MiB  # largest file a compiler may write (the executable)
STDERR_TAIL = 2000
Progress = Callable[[str, int, int], None]


def _signal_name(number: int) -> str:
    try:
        return signals.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _text(data: bytes, limit: int) -> str:
    text = data.decode("utf-8", "replace")
    return text if len(text) <= limit else text[:limit] + f"\n... ({len(text) - limit} more characters)"


def wall_limit(time_s: float) -> float:
    return time_s * 2 + 1


def _tmp_mb(tests: list[TestSpec], limits: Limits) -> int:
    biggest = max((t.input_path.stat().st_size for t in tests), default=0)
    answers = max((t.answer_path.stat().st_size for t in tests if t.answer_path), default=0)
    need = biggest + answers + 2 * limits.output_kb * 1024
    return max(64, math.ceil(need / MiB) + 32)


def classify(result: dict, limits: Limits, language: Language) -> tuple[str, str]:
    """(verdict, message) from the harness's run report, before looking at the output."""
    cap = limits.output_kb * 1024
    sig = result.get("signal") or 0
    name = _signal_name(sig) if sig else None
    stderr = result.get("stderr", b"").decode("utf-8", "replace")
    if result.get("stdout_size", 0) > cap or result.get("stderr_size", 0) > cap or name == "SIGXFSZ":
        return "OLE", f"output limit of {limits.output_kb} KB exceeded"
    runtime_oom = (sig or result.get("code")) and any(m in stderr for m in language.oom_markers)
    if result.get("oom_kill") or runtime_oom:
        return "MLE", f"memory limit of {limits.memory_mb} MB exceeded"
    if result.get("cpu_ms", 0) > limits.time_s * 1000 or name == "SIGXCPU":
        return "TLE", f"CPU time limit of {limits.time_s:g} s exceeded"
    if result.get("wall_timeout"):
        return "TLE", f"wall-clock limit of {wall_limit(limits.time_s):g} s exceeded (waiting or sleeping)"
    if result.get("maxrss_kb", 0) > limits.memory_mb * 1024:
        return "MLE", f"memory limit of {limits.memory_mb} MB exceeded"
    if sig:
        return "RTE", f"killed by {name}"
    if result.get("code", 0) != 0:
        return "RTE", f"exit code {result.get('code')}"
    return "", ""


def judge(request: JudgeRequest, progress: Progress | None = None) -> JudgeReport:
    language = LANGUAGES.get(request.language)
    if language is None:
        return JudgeReport("JE", judge_error=f"unknown language {request.language!r}")
    try:
        tmp_mb = _tmp_mb(request.tests, request.limits)
    except OSError as exc:
        return JudgeReport("JE", judge_error=f"cannot read the test data: {exc}")
    validator_future = None
    pool = None
    if request.validator.kind == "custom":
        if request.validator.path is None:
            return JudgeReport("JE", judge_error="custom output validator without a path")
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="validator")
        validator_future = pool.submit(CustomValidator, request.validator.path, tmp_mb)
    elif request.validator.kind != "default":
        return JudgeReport("JE", judge_error=f"unknown validator kind {request.validator.kind!r}")
    try:
        return _judge_in(request, language, tmp_mb, validator_future, progress)
    finally:
        if validator_future is not None:
            try:
                validator = validator_future.result()
            except BaseException:  # noqa: BLE001 - already reported by _judge_in
                validator = None
            if validator is not None:
                validator.close()
            pool.shutdown(wait=False)


def _judge_in(
    request: JudgeRequest, language: Language, tmp_mb: int, validator_future, progress: Progress | None
) -> JudgeReport:
    limits = request.limits
    # tmpfs pages are charged to the container's cgroup: a program filling /tmp and /work must not push the
    # container into reclaim (thrashing); MLE itself is decided by the program's peak RSS and the OOM killer.
    files_mb = tmp_mb + WORK_MB
    run_memory = limits.memory_mb + HARNESS_OVERHEAD_MB + files_mb
    compile_argv = language.compile_command(request.source)
    compile_memory = limits.compile_memory_mb + HARNESS_OVERHEAD_MB + files_mb if compile_argv else 0
    report = JudgeReport("AC")
    try:
        sandbox = Sandbox("submission", max(run_memory, compile_memory), tmp_mb)
    except SandboxUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001
        if _engine_down(exc):
            raise SandboxUnavailable(f"the Docker engine is not reachable: {exc}") from exc
        return JudgeReport("JE", judge_error=f"cannot start the sandbox: {exc}")
    try:
        source_name = language.file_name(request.source)
        sandbox.write_files({f"/work/{source_name}": request.source.encode("utf-8")})
        if compile_argv:
            if progress:
                progress("compiling", 0, 1)
            result = sandbox.run(
                list(compile_argv),
                time_s=limits.compile_time_s,
                wall_s=limits.compile_time_s,
                output_bytes=256 * 1024,
                file_bytes=COMPILED_FILE_MAX,
                stderr_max=64 * 1024,
                stderr_tail=False,
            )
            output = _text(result["stderr"] + result["stdout"], COMPILE_OUTPUT_MAX)
            report.compile_output = output
            failed = result["signal"] or result["code"] != 0 or result["wall_timeout"]
            if failed:
                if result["wall_timeout"] or result["cpu_ms"] > limits.compile_time_s * 1000:
                    why = f"compilation took longer than {limits.compile_time_s:g} s"
                elif result.get("oom_kill"):
                    why = f"compilation used more than {limits.compile_memory_mb} MB of memory"
                elif result["signal"]:
                    why = f"the compiler was killed by {_signal_name(result['signal'])}"
                else:
                    why = ""
                report.compile_output = (why + "\n" + output).strip() if why else output
                report.verdict = "CE"
                return report
            sandbox.set_memory(run_memory)
        sandbox.seal()
        validator = None
        if validator_future is not None:
            try:
                validator = validator_future.result()
            except ValidatorSetupError as exc:
                return JudgeReport("JE", report.compile_output, [], judge_error=str(exc))
        run_argv = list(language.run_command(request.source, limits.memory_mb))
        tests = request.tests
        total = len(tests)
        # Pipelining: while test i runs, test i+1 is already queued in the harness (when its input is small enough
        # not to fill the socket buffers), so the round trip and the host-side check overlap with the next run.
        inputs: dict[int, bytes] = {}

        def queue(i: int) -> None:
            inputs[i] = Path(tests[i].input_path).read_bytes()
            sandbox.send_run(
                run_argv,
                stdin=inputs[i],
                time_s=limits.time_s,
                wall_s=wall_limit(limits.time_s),
                output_bytes=limits.output_kb * 1024,
                stack_bytes=max(64, limits.memory_mb) * MiB,
            )

        queued = -1
        for index, test in enumerate(tests):
            if progress:
                progress("running", index, total)
            if queued < index:
                queue(index)
                queued = index
            if index + 1 < total and Path(tests[index + 1].input_path).stat().st_size <= PIPELINE_INPUT_MAX:
                queue(index + 1)
                queued = index + 1
            result = sandbox.receive_run(wall_limit(limits.time_s))
            outcome = _outcome(result, validator, request, language, test, inputs.pop(index))
            report.tests.append(outcome)
            if outcome.verdict == "JE":
                report.judge_error = report.judge_error or f"{test.name}: {outcome.message}"
            if request.stop_on_first_failure and outcome.verdict not in ("AC", "OK"):
                break  # a test already queued behind this one dies with the container
        if progress:
            progress("running", total, total)
        report.verdict = next(
            (t.verdict for t in report.tests if t.verdict not in ("AC", "OK")),
            "AC" if any(t.verdict == "AC" for t in report.tests) or not report.tests else "OK",
        )
        return report
    except SandboxUnavailable:
        raise
    except HarnessError as exc:
        return JudgeReport("JE", report.compile_output, report.tests, judge_error=str(exc))
    except Exception as exc:  # noqa: BLE001 - the judge's own fault, never the candidate's
        if _engine_down(exc):
            raise SandboxUnavailable(f"the Docker engine went away: {exc}") from exc
        return JudgeReport("JE", report.compile_output, report.tests, judge_error=f"{type(exc).__name__}: {exc}")
    finally:
        sandbox.close()


def _outcome(
    result: dict, validator, request: JudgeRequest, language: Language, test: TestSpec, stdin: bytes
) -> TestOutcome:
    limits = request.limits
    if not result.get("all_killed", True):
        raise HarnessError("processes of the program survived SIGKILL")
    stdout: bytes = result["stdout"]
    sig = result.get("signal") or 0
    verdict, message = classify(result, limits, language)
    if not verdict:
        if test.answer_path is None:
            verdict = "OK"
        else:
            answer = Path(test.answer_path).read_bytes()
            if validator is not None:
                verdict, message = validator.check(stdin, answer, stdout, tuple(test.validator_args))
            else:
                try:
                    flags = parse_flags(test.validator_args)
                except ValueError as exc:
                    verdict, message = "JE", f"bad output validator flags: {exc}"
                else:
                    ok, message = default_check(stdout, answer, flags)
                    verdict = "AC" if ok else "WA"
    keep = request.keep_output_bytes
    return TestOutcome(
        name=test.name,
        group=test.group,
        verdict=verdict,
        time_ms=int(result.get("cpu_ms", 0)),
        wall_ms=int(result.get("wall_ms", 0)),
        memory_kb=int(result.get("maxrss_kb", 0)),
        exit_code=None if sig else result.get("code"),
        signal=_signal_name(sig) if sig else None,
        message=message,
        output=stdout[:keep].decode("utf-8", "replace") if keep > 0 else None,
        stderr_tail=result["stderr"].decode("utf-8", "replace")[-STDERR_TAIL:],
    )
