"""Essay reviews with per-criterion grades, and selection decisions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Float, ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ..enums import DecisionKind, DecisionStage, ReviewRole
from ._common import EnumText, utcnow

if TYPE_CHECKING:
    from .candidates import Application, EssayAnswer
    from .content import RubricCriterion, RubricLevel
    from .users import User


class EssayReview(Base):
    """One reviewer's grading of one essay answer. `submitted_at` is None while the reviewer holds a reservation."""

    __tablename__ = "essay_reviews"
    __table_args__ = (UniqueConstraint("answer_id", "reviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("essay_answers.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[ReviewRole] = mapped_column(EnumText(ReviewRole, 20), default=ReviewRole.GRADER)
    comment: Mapped[str] = mapped_column(Text, default="")
    total: Mapped[float | None] = mapped_column(Float)
    reserved_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A submitted grade is final; an administrator may reopen it (audited, with a reason) for one revision.
    reopened_at: Mapped[datetime | None]

    answer: Mapped[EssayAnswer] = relationship()
    reviewer: Mapped[User] = relationship()
    grades: Mapped[list[CriterionGrade]] = relationship(back_populates="review", cascade="all, delete-orphan")


class CriterionGrade(Base):
    __tablename__ = "criterion_grades"
    __table_args__ = (UniqueConstraint("review_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("essay_reviews.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("rubric_criteria.id"))
    level_id: Mapped[int] = mapped_column(ForeignKey("rubric_levels.id"))
    points: Mapped[float] = mapped_column(Float)

    review: Mapped[EssayReview] = relationship(back_populates="grades")
    criterion: Mapped[RubricCriterion] = relationship()
    level: Mapped[RubricLevel] = relationship()


class Decision(Base):
    """One decision taken about an application at one stage. Rows are only ever added (a changed decision or note is
    a new row), so the table is the candidate's decision history; the decision that stands at a stage is the latest
    of that stage. `released_at`: candidates see it from then on; `notified_at`: its email went out (then it is final
    for its stage)."""

    __tablename__ = "decisions"
    __table_args__ = (Index("ix_decisions_application_stage", "application_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"))
    stage: Mapped[DecisionStage] = mapped_column(
        EnumText(DecisionStage, 20), default=DecisionStage.TEST, server_default=DecisionStage.TEST.value
    )
    decision: Mapped[DecisionKind] = mapped_column(EnumText(DecisionKind, 20))
    note: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: decided automatically
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    released_at: Mapped[datetime | None]
    notified_at: Mapped[datetime | None]

    application: Mapped[Application] = relationship(back_populates="decisions")
    decided_by: Mapped[User | None] = relationship()
