"""The sandbox's public data types: what to judge (JudgeRequest) and what came of it (JudgeReport)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


def N_(text: str) -> str:
    """Marks text for the platform's message catalogs (gettext's no-op marker): the platform shows it translated."""
    return text


class Verdict(StrEnum):
    """Every verdict the judge gives: the one list the whole platform derives from (stored as the string value).
    Each member carries the label candidates and reviewers see, in English: `CODE = "CODE", N_("Label")`."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Verdict:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value
        return member

    AC = "AC", N_("Accepted")
    WA = "WA", N_("Wrong answer")
    TLE = "TLE", N_("Time limit exceeded")
    MLE = "MLE", N_("Memory limit exceeded")
    RTE = "RTE", N_("Run-time error")
    OLE = "OLE", N_("Output limit exceeded")
    CE = "CE", N_("Compilation error")
    JE = "JE", N_("Judge error")  # never the candidate's fault
    OK = "OK", N_("Finished")  # ran without a failure on a test that has no answer (custom input)


VERDICTS = tuple(v.value for v in Verdict)


@dataclass(frozen=True)
class TestSpec:
    __test__ = False  # not a pytest test class
    name: str
    group: str
    input_path: Path
    answer_path: Path | None  # None: a custom-input run, no answer to compare with
    validator_args: tuple[str, ...] = ()
    is_sample: bool = False


@dataclass(frozen=True)
class Limits:
    time_s: float  # CPU time per test
    memory_mb: int  # peak resident memory per test
    output_kb: int = 8192  # stdout (and stderr) cap per test
    compile_time_s: float = 30.0
    compile_memory_mb: int = 1024


@dataclass(frozen=True)
class ValidatorSpec:
    kind: str = "default"  # "default" | "custom"
    path: Path | None = None  # custom: the output validator's folder (or single source file)


@dataclass
class JudgeRequest:
    source: str  # single-file submission ("" when `files` is given)
    language: str
    tests: list[TestSpec]
    limits: Limits
    validator: ValidatorSpec = field(default_factory=ValidatorSpec)
    stop_on_first_failure: bool = False
    keep_output_bytes: int = 0  # >0: return up to that many bytes of each test's stdout
    # Folder submission: relative path -> content. The language picks its own files and entry point from them.
    files: dict[str, bytes] | None = None
    # The folder's entry point where its language needs one (a file, or a class for Java and Kotlin), as
    # `entrypoint` in submissions.yaml or `entry_point` in a contest judge's submissions.json name it; None: the
    # language's default.
    entrypoint: str | None = None
    # Interactive problem: the custom output validator is the interactor, connected to the program by two pipes.
    interactive: bool = False
    # Multi-pass problem: at most this many passes; the output validator may write nextpass.in for the next one.
    passes: int = 1


@dataclass
class TestOutcome:
    __test__ = False
    name: str
    group: str
    verdict: str
    time_ms: int  # CPU time
    wall_ms: int
    memory_kb: int  # peak resident set size
    exit_code: int | None
    signal: str | None  # e.g. "SIGSEGV"
    message: str = ""
    output: str | None = None
    stderr_tail: str = ""
    score: float | None = None  # from the output validator's score.txt (scoring problems), when it wrote one
    passes: list[TestOutcome] = field(default_factory=list)  # multi-pass problems: each pass, in order


@dataclass
class JudgeReport:
    verdict: str
    compile_output: str = ""
    tests: list[TestOutcome] = field(default_factory=list)
    judge_error: str | None = None

    @property
    def max_time_ms(self) -> int:
        return max((t.time_ms for t in self.tests), default=0)

    @property
    def max_memory_kb(self) -> int:
        return max((t.memory_kb for t in self.tests), default=0)
