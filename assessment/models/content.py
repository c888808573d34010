"""Content loaded from problems/ folders. Problems and essay prompts are versioned: a changed folder creates a new
version row and a content-addressed snapshot; submissions and answers keep pointing at the version they used."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ..enums import ScoringRule, Unlock
from ._common import EnumText, utcnow


class Position(Base):
    __tablename__ = "positions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True, index=True)
    title: Mapped[str] = mapped_column(String(300))
    description_md: Mapped[str] = mapped_column(Text, default="")
    duration_minutes: Mapped[int] = mapped_column(default=90)
    has_coding: Mapped[bool] = mapped_column(default=False)
    has_essay: Mapped[bool] = mapped_column(default=False)
    weight_coding: Mapped[float] = mapped_column(Float, default=0.0)
    weight_essay: Mapped[float] = mapped_column(Float, default=0.0)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    unlock: Mapped[Unlock] = mapped_column(EnumText(Unlock, 20), default=Unlock.ON_APPLY)
    application_opens_at: Mapped[datetime | None]
    application_closes_at: Mapped[datetime | None]
    test_deadline_at: Mapped[datetime | None]
    reviews_per_essay: Mapped[int] = mapped_column(default=2)
    adjudication_threshold: Mapped[float] = mapped_column(Float, default=2.0)
    # Which submission of a problem counts (assessment.selection.scoring): best (the default) or last.
    scoring_rule: Mapped[ScoringRule] = mapped_column(
        EnumText(ScoringRule, 10), default=ScoringRule.BEST, server_default=ScoringRule.BEST.value
    )
    sort_order: Mapped[int] = mapped_column(default=0)
    config_hash: Mapped[str] = mapped_column(String(64), default="")
    grading_closed_at: Mapped[datetime | None]
    decisions_released_at: Mapped[datetime | None]  # the first release of any of the position's decisions
    # The position's own time zone (position.yaml `timezone`, an IANA name): shown beside its deadlines.
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # position.yaml `interview` (duration, notice, criteria, scale), None without an interview stage.
    interview: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Weights an administrator saved on the board (assessment.selection.weights): they override position.yaml's
    # `weights` (weight_coding, weight_essay) until reset; who saved them, and the weights before, are in the audit log.
    weights_override: Mapped[dict[str, float] | None] = mapped_column(JSON)
    weights_saved_at: Mapped[datetime | None]
    retired_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    problems: Mapped[list[Problem]] = relationship(back_populates="position", order_by="Problem.sort_order")
    prompts: Mapped[list[EssayPrompt]] = relationship(back_populates="position", order_by="EssayPrompt.sort_order")

    @property
    def has_interview(self) -> bool:
        return bool(self.interview)

    @property
    def active_problems(self) -> list[Problem]:
        return [p for p in self.problems if p.retired_at is None and p.current_version is not None]

    @property
    def active_prompts(self) -> list[EssayPrompt]:
        return [p for p in self.prompts if p.retired_at is None and p.current_version is not None]


class Problem(Base):
    """A coding problem's identity within a position; its content lives in versions."""

    __tablename__ = "problems"
    __table_args__ = (UniqueConstraint("position_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id"), index=True)
    slug: Mapped[str] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(default=0)
    current_version_id: Mapped[int | None] = mapped_column(ForeignKey("problem_versions.id", use_alter=True))
    retired_at: Mapped[datetime | None]

    position: Mapped[Position] = relationship(back_populates="problems")
    versions: Mapped[list[ProblemVersion]] = relationship(
        back_populates="problem", foreign_keys="ProblemVersion.problem_id", order_by="ProblemVersion.number"
    )
    current_version: Mapped[ProblemVersion | None] = relationship(foreign_keys=[current_version_id], post_update=True)


class ProblemVersion(Base):
    __tablename__ = "problem_versions"
    __table_args__ = (UniqueConstraint("problem_id", "number"), UniqueConstraint("problem_id", "content_hash"))

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problems.id"), index=True)
    number: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    statement_md: Mapped[str] = mapped_column(Text)
    time_limit_s: Mapped[float] = mapped_column(Float)
    memory_mb: Mapped[int]
    format_version: Mapped[str] = mapped_column(String(20))
    snapshot_path: Mapped[str] = mapped_column(String(500))  # read-only content-addressed copy of the package
    sample_count: Mapped[int] = mapped_column(default=0)
    secret_count: Mapped[int] = mapped_column(default=0)
    # "markdown" | "html" (statement_md holds the text) | "pdf" (statement_file in the snapshot) | "none"
    statement_format: Mapped[str] = mapped_column(String(10), default="markdown", server_default="markdown")
    statement_file: Mapped[str] = mapped_column(String(300), default="", server_default="")
    problem_type: Mapped[str] = mapped_column(String(40), default="pass-fail", server_default="pass-fail")
    max_points: Mapped[float | None] = mapped_column(Float)  # scoring problems: the package's maximum score
    # The statement in other languages: {language: {"title", "format", "text", "file"}} (the fields above are the
    # English one, or the only one); candidates see their interface language's when there is one.
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON, default=dict, server_default="{}")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    problem: Mapped[Problem] = relationship(back_populates="versions", foreign_keys=[problem_id])

    @property
    def has_statement(self) -> bool:
        """Candidates can only be shown a problem that has a statement."""
        return self.statement_format != "none"

    @property
    def is_interactive(self) -> bool:
        return "interactive" in (self.problem_type or "").split()

    @property
    def is_multi_pass(self) -> bool:
        return "multi-pass" in (self.problem_type or "").split()


class EssayPrompt(Base):
    __tablename__ = "essay_prompts"
    __table_args__ = (UniqueConstraint("position_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id"), index=True)
    slug: Mapped[str] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(default=0)
    current_version_id: Mapped[int | None] = mapped_column(ForeignKey("essay_prompt_versions.id", use_alter=True))
    retired_at: Mapped[datetime | None]

    position: Mapped[Position] = relationship(back_populates="prompts")
    versions: Mapped[list[EssayPromptVersion]] = relationship(
        back_populates="prompt", foreign_keys="EssayPromptVersion.prompt_id", order_by="EssayPromptVersion.number"
    )
    current_version: Mapped[EssayPromptVersion | None] = relationship(
        foreign_keys=[current_version_id], post_update=True
    )


class EssayPromptVersion(Base):
    __tablename__ = "essay_prompt_versions"
    __table_args__ = (UniqueConstraint("prompt_id", "number"), UniqueConstraint("prompt_id", "content_hash"))

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("essay_prompts.id"), index=True)
    number: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    body_md: Mapped[str] = mapped_column(Text)
    min_words: Mapped[int] = mapped_column(default=0)
    max_words: Mapped[int] = mapped_column(default=1000)
    # The prompt in other languages: {language: {"title", "body_md"}} (essays/<slug>.<language>.md).
    translations: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON, default=dict, server_default="{}")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    prompt: Mapped[EssayPrompt] = relationship(back_populates="versions", foreign_keys=[prompt_id])
    criteria: Mapped[list[RubricCriterion]] = relationship(
        back_populates="prompt_version", order_by="RubricCriterion.sort_order", cascade="all, delete-orphan"
    )

    @property
    def max_points(self) -> float:
        return sum(c.max_points for c in self.criteria)


class RubricCriterion(Base):
    __tablename__ = "rubric_criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_version_id: Mapped[int] = mapped_column(ForeignKey("essay_prompt_versions.id"), index=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")

    prompt_version: Mapped[EssayPromptVersion] = relationship(back_populates="criteria")
    levels: Mapped[list[RubricLevel]] = relationship(
        back_populates="criterion", order_by="RubricLevel.points", cascade="all, delete-orphan"
    )

    @property
    def max_points(self) -> float:
        return max((level.points for level in self.levels), default=0.0)


class RubricLevel(Base):
    __tablename__ = "rubric_levels"

    id: Mapped[int] = mapped_column(primary_key=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("rubric_criteria.id"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    points: Mapped[float] = mapped_column(Float)
    description: Mapped[str] = mapped_column(Text, default="")

    criterion: Mapped[RubricCriterion] = relationship(back_populates="levels")
