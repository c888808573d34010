"""Code submissions and their per-test results. The submissions table is also the judge queue."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ..enums import SubmissionKind, SubmissionStatus, Verdict
from ._common import EnumText, utcnow


def _queue_class_of_kind(context: Any) -> int:
    """A new row's queue class comes from its kind (the one rule: `SubmissionKind.queue_class`)."""
    return SubmissionKind(context.get_current_parameters().get("kind") or SubmissionKind.SUBMIT).queue_class


if TYPE_CHECKING:
    from .content import Problem, ProblemVersion


class Submission(Base):
    __tablename__ = "submissions"
    __table_args__ = (
        # The judge queue's order (assessment.judging.queue): claims and "n ahead of you" walk this one index.
        Index("ix_submissions_queue", "status", "queue_class", "queue_round", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("attempts.id"), index=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problems.id"), index=True)
    problem_version_id: Mapped[int] = mapped_column(ForeignKey("problem_versions.id"))
    language: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(Text)
    kind: Mapped[SubmissionKind] = mapped_column(EnumText(SubmissionKind, 10), default=SubmissionKind.SUBMIT)
    custom_input: Mapped[str | None] = mapped_column(Text)
    status: Mapped[SubmissionStatus] = mapped_column(EnumText(SubmissionStatus, 12), default=SubmissionStatus.QUEUED)
    status_message: Mapped[str] = mapped_column(String(300), default="")
    progress_done: Mapped[int] = mapped_column(default=0)
    progress_total: Mapped[int] = mapped_column(default=0)
    verdict: Mapped[Verdict | None] = mapped_column(EnumText(Verdict, 4))
    score: Mapped[float | None] = mapped_column(Float)
    tests_passed: Mapped[int | None]
    tests_total: Mapped[int | None]
    max_time_ms: Mapped[int | None]
    max_memory_kb: Mapped[int | None]
    compile_output: Mapped[str] = mapped_column(Text, default="")
    points: Mapped[float | None] = mapped_column(Float)  # scoring problems: points of this run ...
    max_points: Mapped[float | None] = mapped_column(Float)  # ... out of this many (score = the share)
    group_points: Mapped[list | None] = mapped_column(JSON)  # [{group, verdict, points, max_points}, ...]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None] = mapped_column(index=True)  # recent throughput reads a window of these
    # Queue bookkeeping: a worker claims a row (compare-and-set on status/lease); an expired lease is re-queued.
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[datetime | None]
    judge_runs: Mapped[int] = mapped_column(default=0)
    dispatched_at: Mapped[datetime | None]  # last time a task was published for it (Celery backend)
    # Fair order when the judges are behind: first by class (runs, then submissions, then automatic ones), then by
    # the candidate's turn within the class (each candidate's first waiting item before anyone's second), then FIFO.
    queue_class: Mapped[int] = mapped_column(default=_queue_class_of_kind)
    queue_round: Mapped[int] = mapped_column(default=0)

    results: Mapped[list[TestResult]] = relationship(
        back_populates="submission", order_by="TestResult.ordinal", cascade="all, delete-orphan"
    )
    problem_version: Mapped[ProblemVersion] = relationship()
    problem: Mapped[Problem] = relationship()

    @property
    def finished(self) -> bool:
        return self.status == SubmissionStatus.DONE


class TestResult(Base):
    __test__ = False  # not a pytest test class
    __tablename__ = "test_results"
    __table_args__ = (UniqueConstraint("submission_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    group: Mapped[str] = mapped_column(String(200))
    is_sample: Mapped[bool] = mapped_column(default=False)
    verdict: Mapped[Verdict] = mapped_column(EnumText(Verdict, 4))
    time_ms: Mapped[int] = mapped_column(default=0)
    wall_ms: Mapped[int] = mapped_column(default=0)
    memory_kb: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    output: Mapped[str | None] = mapped_column(Text)  # only for sample and custom runs
    score: Mapped[float | None] = mapped_column(Float)  # the output validator's score.txt (scoring problems)
    passes: Mapped[list | None] = mapped_column(JSON)  # multi-pass: [{verdict, time_ms, wall_ms, memory_kb, message}]

    submission: Mapped[Submission] = relationship(back_populates="results")
