"""judge(request) -> JudgeReport: compile once and run every test in ONE sandbox container, check outputs on the host.

    report = judge(JudgeRequest(source, "python", tests, Limits(time_s=2, memory_mb=256), ValidatorSpec("default")),
                   slot=0)

SandboxUnavailable (Docker down, runner image missing or stale; its kind SandboxOverloaded: the machine kept a run
waiting for a CPU until the all-seconds wall-clock limit) is raised instead of a report so the caller can keep the
submission queued; every other problem of the judge itself ends as a JE report, never as the candidate's fault.

Interactive problems (`request.interactive`): the custom output validator is the interactor; it runs in its own
sandbox and the host relays the bytes between the two sandboxes' attach streams (two pipes, each end under its own
sandbox's limits). Multi-pass problems (`request.passes` > 1): the validator may write `nextpass.in`; the program
runs again on it, up to `passes` times. Kattis semantics throughout (problemtools' judge is the reference).
"""

from __future__ import annotations

import base64
import concurrent.futures
import math
import select
import signal as signals
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import cpus
from .checkers.custom import Check, CustomValidator, ValidatorSetupError
from .checkers.default import check as default_check
from .checkers.default import parse_flags
from .container import (
    BASE_PIDS,
    HARNESS_OVERHEAD_MB,
    WORK_MB,
    HarnessError,
    Reply,
    Sandbox,
    SandboxConfig,
    _engine_down,
    decode_run,
    default_runtime,
)
from .docker_client import SandboxOverloaded, SandboxUnavailable, client_or_unavailable
from .languages import Language, Program, SubmissionError, get_language
from .pool import acquire, discard
from .spec import JudgeReport, JudgeRequest, Limits, TestOutcome, TestSpec, ValidatorSpec, Verdict

__all__ = [
    "JudgeReport",
    "JudgeRequest",
    "Limits",
    "SandboxOverloaded",
    "SandboxUnavailable",
    "TestOutcome",
    "TestSpec",
    "ValidatorSpec",
    "judge",
]

MiB = 1 << 20
COMPILE_OUTPUT_MAX = 8192
PIPELINE_INPUT_MAX = 64 * 1024  # queue the next test early only when its input is at most this big
COMPILED_FILE_MAX = 128 * MiB  # largest file a compiler may write (the executable)
SCRATCH_MB = 64  # the program's private /tmp
STDERR_TAIL = 2000
RELAY_ACK_ALL = 1 << 40  # acknowledges every byte a side sent to one that has ended
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
    """Wall-clock limit of a run: the time limit + 1 s (as contest judges allow), not counting the time the program
    waited for a CPU, so that only sleeping, waiting or being stopped can turn into a time-limit verdict this way."""
    return time_s + 1


def interactive_wall_limit(time_s: float) -> float:
    """An interactive program also waits for its interactor (on the same core, through the relay): twice as long."""
    return time_s * 2 + 1


def hard_wall_limit(time_s: float, interactive: bool = False) -> float:
    """Wall-clock limit counting every second: 3 × the limit + 2 s. Where the time a program waited for a CPU can be
    read, a run reaches it only if the machine starved it, and such a run gets no verdict (SandboxOverloaded: judged
    again later); under gVisor, where that time cannot be read, it is the only wall-clock limit. An interactive
    program's wall limit counts every second (its interactor shares the core from another container, so the
    program could make its own waiting look like the machine's): its sandboxes do not yield the CPU either."""
    if interactive:
        return interactive_wall_limit(time_s)
    return wall_limit(time_s) + time_s * 2 + 1


def _io_mb(tests: list[TestSpec], limits: Limits) -> int:
    """/judge: the current test's input, the program's stdout and stderr."""
    biggest = max((t.input_path.stat().st_size for t in tests), default=0)
    need = biggest + 2 * limits.output_kb * 1024
    return max(64, math.ceil(need / MiB) + 16)


def _answers_mb(tests: list[TestSpec]) -> int:
    biggest = max((t.input_path.stat().st_size for t in tests), default=0)
    answers = max((t.answer_path.stat().st_size for t in tests if t.answer_path), default=0)
    return math.ceil((biggest + answers) / MiB)


def memory_kb(result: Reply) -> int:
    """Peak memory of the run: the largest process, or all of the program's processes together (cgroup)."""
    return int(max(result.get("maxrss_kb", 0), result.get("sum_rss_kb", 0)))


def classify(result: Reply, limits: Limits, language: Language, interactive: bool = False) -> tuple[str, str]:
    """(verdict, message) from the harness's run report, before looking at the output.

    Output beyond the cap is discarded while the program runs on (a flood never stops it early), so a program that
    floods forever ends by the time limit (TLE) and one that ends having written more than the cap gets OLE; stderr
    is only truncated. Order: memory, time, a file written beyond the cap (SIGXFSZ), crash, then the output cap."""
    cap = limits.output_kb * 1024
    sig = result.get("signal") or 0
    name = _signal_name(sig) if sig else None
    stderr = result.get("stderr", b"").decode("utf-8", "replace")
    runtime_oom = (sig or result.get("code")) and any(m in stderr for m in language.oom_markers)
    if result.get("oom_kill") or runtime_oom or result.get("memory_exceeded"):
        return Verdict.MLE, f"memory limit of {limits.memory_mb} MB exceeded"
    if result.get("cpu_ms", 0) > limits.time_s * 1000 or result.get("cpu_timeout") or name == "SIGXCPU":
        return Verdict.TLE, f"CPU time limit of {limits.time_s:g} s exceeded"
    if result.get("wall_timeout"):
        if result.get("wall_hard_timeout"):
            limit = hard_wall_limit(limits.time_s, interactive)
        elif interactive:
            limit = interactive_wall_limit(limits.time_s)
        else:
            limit = wall_limit(limits.time_s)
        return Verdict.TLE, f"wall-clock limit of {limit:g} s exceeded"
    if memory_kb(result) > limits.memory_mb * 1024:
        return Verdict.MLE, f"memory limit of {limits.memory_mb} MB exceeded"
    if name == "SIGXFSZ":
        return Verdict.OLE, f"a file larger than the output limit of {limits.output_kb} KB was written"
    if sig:
        return Verdict.RTE, f"killed by {name}"
    if result.get("code", 0) != 0:
        return Verdict.RTE, f"exit code {result.get('code')}"
    if not interactive and result.get("stdout_size", 0) > cap:
        return Verdict.OLE, f"output limit of {limits.output_kb} KB exceeded ({result.get('stdout_size')} bytes)"
    return "", ""


def _outcome(test: TestSpec, name: str, verdict: str, message: str, result: Reply, keep: int) -> TestOutcome:
    sig = result.get("signal") or 0
    stdout: bytes = result.get("stdout", b"")
    return TestOutcome(
        name=name,
        group=test.group,
        verdict=verdict,
        time_ms=int(result.get("cpu_ms", 0)),
        wall_ms=int(result.get("wall_ms", 0)),
        memory_kb=memory_kb(result),
        exit_code=None if sig else result.get("code"),
        signal=_signal_name(sig) if sig else None,
        message=message,
        output=stdout[:keep].decode("utf-8", "replace") if keep > 0 else None,
        stderr_tail=result.get("stderr", b"").decode("utf-8", "replace")[-STDERR_TAIL:],
    )


class _Run:
    """One judging: the submission's sandbox, the validator (if custom) and the request."""

    def __init__(
        self,
        request: JudgeRequest,
        language: Language,
        program: Program,
        sandbox: Sandbox,
        validator: CustomValidator | None,
    ):
        self.request = request
        self.limits = request.limits
        self.language = language
        self.program = program
        self.sandbox = sandbox
        self.validator = validator
        self.run_argv = list(program.run)
        self.run_env = dict(language.run_env)

    def run_kwargs(self) -> dict[str, Any]:
        limits = self.limits
        interactive = self.request.interactive
        return {
            "time_s": limits.time_s,
            "wall_s": interactive_wall_limit(limits.time_s) if interactive else wall_limit(limits.time_s),
            "wall_hard_s": hard_wall_limit(limits.time_s, interactive),
            "output_bytes": limits.output_kb * 1024,
            "stack_bytes": -1,  # unlimited, as problemtools and DOMjudge run programs: the memory limit bounds it
            "env": self.run_env,
            "memory_mb": limits.memory_mb,
            "idle": self.language.idle_priority,
        }

    # -- one test, one pass -----------------------------------------------------------------------------
    def check_output(
        self, test: TestSpec, stdin: bytes, result: Reply, feedback: dict[str, bytes] | None
    ) -> tuple[str, str, Check | None]:
        """(verdict, message, the validator's Check) for a run that ended without a limit or crash verdict."""
        if test.answer_path is None:
            return Verdict.OK, "", None
        answer = Path(test.answer_path).read_bytes()
        if self.validator is not None:
            check = self.validator.check(stdin, answer, result["stdout"], tuple(test.validator_args), feedback)
            return check.verdict, check.message, check
        try:
            flags = parse_flags(test.validator_args)
        except ValueError as exc:
            return Verdict.JE, f"bad output validator flags: {exc}", None
        ok, message = default_check(result["stdout"], answer, flags)
        return (Verdict.AC if ok else Verdict.WA), message, None

    def interact(self, test: TestSpec, stdin: bytes, feedback: dict[str, bytes] | None) -> tuple[Reply, Check, bool]:
        """Run the program against the interactor; the host relays the bytes between the two sandboxes.
        Returns (program's report, interactor's Check, whether the interactor ended first). The side whose output
        closed (or whose report came) first ended first: the other side can only see that end through this relay.

        The relay never blocks: lines for a side are queued and sent as its socket takes them, while both sides are
        read all the time. Each side's harness acknowledges the bytes it wrote into its program's pipe and reads its
        program's output only while little of it is unacknowledged, so a side that floods one that does not read
        blocks on its own pipe (as with a direct pipe) and the reports and kills always get through."""
        assert self.validator is not None
        answer = Path(test.answer_path).read_bytes() if test.answer_path else b""
        kwargs = self.run_kwargs()
        program_wall = float(kwargs["wall_hard_s"])
        self.validator.start_interactive(stdin, answer, tuple(test.validator_args), program_wall + 5, feedback)
        self.sandbox.send_run(self.run_argv, interactive=True, **kwargs)
        program, interactor = self.sandbox, self.validator.sandbox
        peers = {program: interactor, interactor: program}
        reports: dict[Sandbox, Reply] = {}
        first: Sandbox | None = None
        deadline = time.monotonic() + program_wall + 60
        while len(reports) < 2:
            for side in (program, interactor):
                while side not in reports:
                    line = side.next_line()
                    if line is None:
                        break
                    peer = peers[side]
                    if "data" in line:
                        if peer not in reports:
                            peer.queue(line)
                        else:  # nobody reads it any more: acknowledged here, so the sender never waits for it
                            side.queue({"ack": len(base64.b64decode(line["data"]))})
                    elif "ack" in line:
                        if peer not in reports:
                            peer.queue(line)
                    elif "eof" in line:
                        first = first or side  # its output closed: it ended (the other side only sees EOF now)
                        if peer not in reports:
                            peer.queue(line)
                    elif line.get("started"):
                        pass
                    elif not line.get("ok", False):
                        raise HarnessError(f"harness error: {line.get('error')}")
                    else:
                        reports[side] = decode_run(line)
                        first = first or side
                        if peer not in reports:
                            # what the peer sent that this side never read is waited for no more
                            peer.queue({"ack": RELAY_ACK_ALL})
                            if side is interactor and line.get("code") != 42:
                                peer.queue({"kill": True})  # the interactor's verdict stands: stop the program
                            else:
                                peer.queue({"eof": True})
            for side in (program, interactor):
                side.flush()
            if len(reports) == 2:
                break
            left = deadline - time.monotonic()
            if left <= 0:
                raise HarnessError("an interactive run did not end within its wall-clock limit")
            waiting = [s for s in (program, interactor) if s not in reports]
            sending = [s for s in (program, interactor) if s.wants_write()]
            ready, writable, _ = select.select(
                [s.fileno() for s in waiting], [s.fileno() for s in sending], [], min(left, 5.0)
            )
            for side in sending:
                if side.fileno() in writable:
                    side.flush()
            for side in waiting:
                if side.fileno() in ready:
                    side.pump()
        for side in (program, interactor):
            side.finish()  # a harness waiting for its next command still reads (and ignores) what is left
        return reports[program], CustomValidator.interpret(reports[interactor]), first is interactor

    def run_pass(
        self, test: TestSpec, name: str, stdin: bytes, feedback: dict[str, bytes] | None, result: Reply | None = None
    ) -> tuple[TestOutcome, Check | None]:
        """One run of the program on `stdin` (result already received for pipelined tests) and its verdict."""
        keep = self.request.keep_output_bytes
        if self.request.interactive:
            result, check, validator_first = self.interact(test, stdin, feedback)
            if not result.get("all_killed", True):
                raise HarnessError("processes of the program survived SIGKILL")
            # problemtools' order: a failing interactor, or one that rejected before the program ended, decides;
            # then the program's own limits and crashes; then the interactor's verdict.
            if check.verdict == Verdict.JE or (check.verdict == Verdict.WA and validator_first):
                verdict, message = check.verdict, check.message
                result["cpu_ms"] = min(int(result.get("cpu_ms", 0)), int(self.limits.time_s * 1000))
            else:
                verdict, message = classify(result, self.limits, self.language, interactive=True)
                if not verdict:
                    verdict, message = check.verdict, check.message
            return _outcome(test, name, verdict, message, result, keep), check
        if result is None:
            result = self.sandbox.run(self.run_argv, stdin=stdin, **self.run_kwargs())
        if not result.get("all_killed", True):
            raise HarnessError("processes of the program survived SIGKILL")
        if not result.get("scratch_clean", True):
            raise HarnessError("the program's /tmp could not be emptied")
        verdict, message = classify(result, self.limits, self.language)
        found: Check | None = None
        if not verdict:
            verdict, message, found = self.check_output(test, stdin, result, feedback)
        return _outcome(test, name, verdict, message, result, keep), found

    def run_test(self, test: TestSpec, stdin: bytes, result: Reply | None = None) -> TestOutcome:
        """A whole test: one pass, or up to `passes` passes of a multi-pass problem."""
        passes = max(1, self.request.passes)
        if passes == 1:
            single, check = self.run_pass(test, test.name, stdin, None, result)
            return _with_score(single, check)
        feedback: dict[str, bytes] = {}
        done: list[TestOutcome] = []
        for number in range(1, passes + 1):
            outcome, check = self.run_pass(test, f"{test.name} (pass {number})", stdin, feedback, result)
            result = None
            outcome = _with_score(outcome, check)
            done.append(outcome)
            nextpass = check.feedback.pop("nextpass.in", None) if check is not None else None
            if outcome.verdict != Verdict.AC:
                if nextpass is not None:
                    outcome.verdict, outcome.message = (
                        Verdict.JE,
                        ("the output validator wrote nextpass.in but did not accept the pass (exit code 42)"),
                    )
                break
            if nextpass is None:
                break
            if number == passes:
                outcome.verdict = Verdict.JE
                outcome.message = f"the output validator asked for more than {passes} passes (validation_passes)"
                break
            feedback = dict(check.feedback) if check is not None else {}
            stdin = nextpass
        last = done[-1]
        return TestOutcome(
            name=test.name,
            group=test.group,
            verdict=last.verdict,
            time_ms=max(p.time_ms for p in done),
            wall_ms=sum(p.wall_ms for p in done),
            memory_kb=max(p.memory_kb for p in done),
            exit_code=last.exit_code,
            signal=last.signal,
            message=last.message,
            output=last.output,
            stderr_tail=last.stderr_tail,
            score=last.score,
            passes=done,
        )


def _with_score(outcome: TestOutcome, check: Check | None) -> TestOutcome:
    """score.txt of an accepting validator becomes the test's score; on any other verdict it is the validator's
    error (the package format says so)."""
    if check is None or "score.txt" not in check.feedback:
        return outcome
    text = check.feedback["score.txt"].decode("utf-8", "replace").strip()
    if outcome.verdict != Verdict.AC:
        if outcome.verdict == Verdict.WA and check.verdict == Verdict.WA:
            outcome.verdict, outcome.message = Verdict.JE, "the output validator wrote score.txt on a wrong answer"
        return outcome
    try:
        score = float(text)
        if not math.isfinite(score) or score < 0:
            raise ValueError
    except ValueError:
        outcome.verdict = Verdict.JE
        outcome.message = f"the output validator wrote an invalid score.txt: {text[:50]!r}"
        return outcome
    outcome.score = score
    return outcome


def judge(request: JudgeRequest, progress: Progress | None = None, slot: int | None = None) -> JudgeReport:
    """Judge `request`. `slot` is the caller's worker slot (0, 1, ...): it picks the CPU core the run is pinned to,
    so that concurrent judges never share a core."""
    try:
        language = get_language(request.language)
    except KeyError as exc:
        return JudgeReport(Verdict.JE, judge_error=str(exc.args[0]))
    limits = request.limits
    if (request.interactive or request.passes > 1) and request.validator.kind != "custom":
        what = "an interactive" if request.interactive else "a multi-pass"
        return JudgeReport(Verdict.JE, judge_error=f"{what} problem needs a custom output validator")
    try:
        program = language.prepare(request.source, request.files, limits.memory_mb, request.entrypoint)
    except SubmissionError as exc:
        return JudgeReport(Verdict.CE, compile_output=str(exc))
    try:
        io_mb = _io_mb(request.tests, limits)
        answers_mb = _answers_mb(request.tests)
    except OSError as exc:
        return JudgeReport(Verdict.JE, judge_error=f"cannot read the test data: {exc}")
    if request.validator.kind not in ("default", "custom"):
        return JudgeReport(Verdict.JE, judge_error=f"unknown validator kind {request.validator.kind!r}")
    if request.validator.kind == "custom" and request.validator.path is None:
        return JudgeReport(Verdict.JE, judge_error="custom output validator without a path")
    client = client_or_unavailable()
    try:
        core = cpus.lease(client, slot)
    except ValueError as exc:
        return JudgeReport(Verdict.JE, judge_error=str(exc))
    except Exception as exc:
        if _engine_down(exc):
            raise SandboxUnavailable(f"the Docker engine is not reachable: {exc}") from exc
        raise
    runtime = default_runtime()
    validator_future = None
    executor = None
    try:
        if request.validator.kind == "custom":
            assert request.validator.path is not None
            executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="validator")
            validator_future = executor.submit(
                CustomValidator, request.validator.path, answers_mb, str(core), runtime, not request.interactive
            )
        return _judge_in(request, language, program, io_mb, str(core), runtime, validator_future, progress)
    finally:
        if validator_future is not None:
            try:
                validator = validator_future.result()
            except BaseException:  # noqa: BLE001 - already reported by _judge_in
                validator = None
            if validator is not None:
                validator.close()
        if executor is not None:
            executor.shutdown(wait=False)
        cpus.release(core)


def _judge_in(
    request: JudgeRequest,
    language: Language,
    program: Program,
    io_mb: int,
    cpuset: str,
    runtime: str,
    validator_future: concurrent.futures.Future[CustomValidator] | None,
    progress: Progress | None,
) -> JudgeReport:
    limits = request.limits
    # tmpfs pages are charged to the container's cgroup: a program filling /tmp, /work and /judge must not push the
    # container into reclaim (thrashing); MLE itself is decided by the program's peak memory and the OOM killer.
    files_mb = SCRATCH_MB + io_mb + WORK_MB
    run_memory = limits.memory_mb + HARNESS_OVERHEAD_MB + files_mb
    compile_memory = 0
    if program.compile and not language.compile_is_check:
        compile_memory = max(limits.compile_memory_mb, language.compile_memory_mb) + HARNESS_OVERHEAD_MB + files_mb
    compile_time = max(limits.compile_time_s, language.compile_time_s)
    config = SandboxConfig(
        "submission",
        max(run_memory, compile_memory),
        SCRATCH_MB,
        io_mb,
        WORK_MB,
        BASE_PIDS + language.threads,
        cpuset,
        runtime,
        yields=not request.interactive,
    )
    report = JudgeReport(Verdict.AC)
    try:
        sandbox = acquire(config)
    except SandboxUnavailable:
        raise
    except Exception as exc:
        if _engine_down(exc):
            raise SandboxUnavailable(f"the Docker engine is not reachable: {exc}") from exc
        return JudgeReport(Verdict.JE, judge_error=f"cannot start the sandbox: {exc}")
    try:
        sandbox.write_files({f"/work/{name}": data for name, data in program.files.items()})
        if program.compile:
            if progress:
                progress("compiling", 0, 1)
            sandbox.own()
            result = sandbox.run(
                list(program.compile),
                time_s=compile_time,
                wall_s=compile_time * 1.5 + 1,
                output_bytes=256 * 1024,
                file_bytes=COMPILED_FILE_MAX,
                stderr_max=64 * 1024,
                stderr_tail=False,
                env=dict(language.compile_env),
                idle=language.idle_priority,
            )
            output = _text(result["stderr"] + result["stdout"], COMPILE_OUTPUT_MAX)
            report.compile_output = output
            failed = (
                result["signal"]
                or result["code"] != 0
                or result["wall_timeout"]
                or result["cpu_timeout"]
                or result.get("exec_error")
            )
            if failed:
                if result["wall_timeout"] or result["cpu_timeout"] or result["cpu_ms"] > compile_time * 1000:
                    why = f"compilation took longer than {compile_time:g} s"
                elif result.get("oom_kill"):
                    why = (
                        f"compilation used more than {max(limits.compile_memory_mb, language.compile_memory_mb)} "
                        "MB of memory"
                    )
                elif result["signal"]:
                    why = f"the compiler was killed by {_signal_name(result['signal'])}"
                else:
                    why = ""
                report.compile_output = (why + "\n" + output).strip() if why else output
                report.verdict = Verdict.CE
                return report
            sandbox.seal()
            if compile_memory:
                sandbox.set_memory(run_memory)
        validator = None
        if validator_future is not None:
            try:
                validator = validator_future.result()
            except ValidatorSetupError as exc:
                return JudgeReport(Verdict.JE, report.compile_output, [], judge_error=str(exc))
        run = _Run(request, language, program, sandbox, validator)
        tests = request.tests
        total = len(tests)
        # Pipelining: while test i runs, test i+1 is already queued in the harness (when its input is small enough
        # not to fill the socket buffers), so the round trip and the host-side check overlap with the next run.
        pipeline = not request.interactive and request.passes <= 1
        inputs: dict[int, bytes] = {}

        def queue(i: int) -> None:
            inputs[i] = Path(tests[i].input_path).read_bytes()
            sandbox.send_run(run.run_argv, stdin=inputs[i], **run.run_kwargs())

        queued = -1
        for index, test in enumerate(tests):
            if progress:
                progress("running", index, total)
            if not pipeline:
                outcome = run.run_test(test, Path(test.input_path).read_bytes())
            else:
                if queued < index:
                    queue(index)
                    queued = index
                if index + 1 < total and Path(tests[index + 1].input_path).stat().st_size <= PIPELINE_INPUT_MAX:
                    queue(index + 1)
                    queued = index + 1
                result = sandbox.receive_run(hard_wall_limit(limits.time_s))
                outcome = run.run_test(test, inputs.pop(index), result)
            report.tests.append(outcome)
            if outcome.verdict == Verdict.JE:
                report.judge_error = report.judge_error or f"{test.name}: {outcome.message}"
            if request.stop_on_first_failure and outcome.verdict not in (Verdict.AC, Verdict.OK):
                break  # a test already queued behind this one dies with the container
        if progress:
            progress("running", total, total)
        report.verdict = next(
            (t.verdict for t in report.tests if t.verdict not in (Verdict.AC, Verdict.OK)),
            Verdict.AC if any(t.verdict == Verdict.AC for t in report.tests) or not report.tests else Verdict.OK,
        )
        return report
    except SandboxUnavailable:
        raise
    except HarnessError as exc:
        return JudgeReport(Verdict.JE, report.compile_output, report.tests, judge_error=str(exc))
    except Exception as exc:
        if _engine_down(exc):
            raise SandboxUnavailable(f"the Docker engine went away: {exc}") from exc
        return JudgeReport(Verdict.JE, report.compile_output, report.tests, judge_error=f"{type(exc).__name__}: {exc}")
    finally:
        discard(sandbox)
