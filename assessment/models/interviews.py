"""The interview stage: interviewers' published availability (slots, each booked by at most one application), the
panel of a slot, and the interviewers' scorecards."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ..enums import InterviewRecommendation
from ._common import EnumText, utcnow

if TYPE_CHECKING:
    from .candidates import Application
    from .content import Position
    from .users import User


class InterviewSlot(Base):
    """A time an interviewer offers for one interview. Times are naive UTC; `timezone` is the interviewer's zone when
    they published it (pages show the slot in the reader's zone and in this one). `application_id` is the booking:
    set with a compare-and-set, so two candidates can never book the same slot."""

    __tablename__ = "interview_slots"

    id: Mapped[int] = mapped_column(primary_key=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id"), index=True)
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    location: Mapped[str] = mapped_column(String(300), default="")  # a room, or a video-call link
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), unique=True)
    booked_at: Mapped[datetime | None]

    position: Mapped[Position] = relationship()
    interviewer: Mapped[User] = relationship()
    application: Mapped[Application | None] = relationship()
    panelists: Mapped[list[InterviewPanelist]] = relationship(
        back_populates="slot", cascade="all, delete-orphan", order_by="InterviewPanelist.id"
    )

    @property
    def panel(self) -> list[User]:
        """Everyone who interviews in this slot: the interviewer who published it, then those who joined."""
        return [self.interviewer, *(p.user for p in self.panelists)]

    def on_panel(self, user_id: int) -> bool:
        return user_id == self.interviewer_id or any(p.user_id == user_id for p in self.panelists)


class InterviewPanelist(Base):
    """Another interviewer of the position who joined a slot's panel."""

    __tablename__ = "interview_panelists"
    __table_args__ = (UniqueConstraint("slot_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("interview_slots.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)

    slot: Mapped[InterviewSlot] = relationship(back_populates="panelists")
    user: Mapped[User] = relationship()


class Scorecard(Base):
    """One interviewer's structured assessment of one candidate's interview: a rating per criterion (the criteria and
    scale of position.yaml `interview`, copied here so a later change of position.yaml never rewrites a submitted
    scorecard), an overall recommendation and notes. Submitted once; final."""

    __tablename__ = "scorecards"
    __table_args__ = (UniqueConstraint("application_id", "interviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    criteria: Mapped[list[str]] = mapped_column(JSON, default=list)
    ratings: Mapped[list[int]] = mapped_column(JSON, default=list)  # one per criterion, 1..scale
    scale: Mapped[int] = mapped_column(default=5)
    recommendation: Mapped[InterviewRecommendation] = mapped_column(EnumText(InterviewRecommendation, 20))
    notes: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped[Application] = relationship()
    interviewer: Mapped[User] = relationship()

    def rows(self) -> list[dict[str, Any]]:
        return [{"criterion": c, "rating": r} for c, r in zip(self.criteria, self.ratings, strict=False)]
