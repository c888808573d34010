"""Invitations, applications (with CV), timed attempts, drafts and essay answers."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING, Any

from flask_babel import gettext
from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ..enums import DecisionStage, IntegrityKind
from ._common import EnumText, utcnow

if TYPE_CHECKING:
    from .content import EssayPromptVersion, Position
    from .review import Decision
    from .users import User

_PSEUDONYM_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


def new_pseudonym() -> str:
    """How reviewers who may not see identities refer to an application (random, one per application)."""
    return "".join(secrets.choice(_PSEUDONYM_ALPHABET) for _ in range(6))


class Invitation(Base):
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id"), index=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    name: Mapped[str] = mapped_column(String(200))
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    revoked_at: Mapped[datetime | None]  # withdrawn by an administrator; the link then no longer works
    locale: Mapped[str | None] = mapped_column(String(16))  # the language of the invitation email (resent in it too)

    position: Mapped[Position] = relationship()


class Application(Base):
    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("user_id", "position_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id"), index=True)
    phone: Mapped[str] = mapped_column(String(50), default="")
    education_level: Mapped[str] = mapped_column(String(30), default="")  # bachelor | master | phd | other
    institution: Mapped[str] = mapped_column(String(300), default="")
    graduation_year: Mapped[int | None]
    cv_path: Mapped[str | None] = mapped_column(String(500))  # relative to the CV store, outside the web root
    cv_sha256: Mapped[str | None] = mapped_column(String(64))
    cv_original_name: Mapped[str | None] = mapped_column(String(300))
    cv_size: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    test_released_at: Mapped[datetime | None]
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Extra test time granted before the attempt exists; added to the attempt's deadline when it starts.
    extra_seconds: Mapped[int | None]
    pseudonym: Mapped[str] = mapped_column(String(12), default=new_pseudonym)
    # The candidate withdrew: no further email reaches them about it; reviewers see "withdrawn".
    withdrawn_at: Mapped[datetime | None]
    withdrawal_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The retention rule removed its CV and drafts (`assessment purge`).
    purged_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    position: Mapped[Position] = relationship()
    attempt: Mapped[Attempt | None] = relationship(back_populates="application", uselist=False)
    # Every decision ever taken, oldest first: the history. The decision that stands at a stage is the latest of that
    # stage (assessment.selection.decisions).
    decisions: Mapped[list[Decision]] = relationship(back_populates="application", order_by="Decision.id")

    @property
    def decision(self) -> Decision | None:
        """The decision that stands after the test (the board's decision)."""
        return self.decision_at(DecisionStage.TEST)

    def decision_at(self, stage: DecisionStage) -> Decision | None:
        """The decision that stands at `stage` (the latest taken), None before any."""
        return next((d for d in reversed(self.decisions) if d.stage == stage), None)

    def released_decision_at(self, stage: DecisionStage) -> Decision | None:
        """The latest decision at `stage` that candidates have been shown (released)."""
        return next((d for d in reversed(self.decisions) if d.stage == stage and d.released_at is not None), None)

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def test_unlocked(self) -> bool:
        return self.test_released_at is not None

    @property
    def pseudonym_label(self) -> str:
        return str(gettext("Candidate %(pseudonym)s", pseudonym=self.pseudonym))


class Attempt(Base):
    """A timed test. The deadline is fixed when the candidate starts; the server is the only clock."""

    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), unique=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    deadline_at: Mapped[datetime]
    extra_seconds: Mapped[int] = mapped_column(default=0)
    finished_at: Mapped[datetime | None]  # candidate finished early, or the deadline passed
    finalized_at: Mapped[datetime | None]  # auto-submission and essay finalisation done

    application: Mapped[Application] = relationship(back_populates="attempt")


class CodeDraft(Base):
    """Latest autosaved code per problem and language. `revision` orders saves: an older save never wins."""

    __tablename__ = "code_drafts"
    __table_args__ = (UniqueConstraint("attempt_id", "problem_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"), index=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problems.id"))
    language: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=0)
    saved_by_tab: Mapped[str | None] = mapped_column(String(40))  # the browser tab that saved the stored revision
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class EssayAnswer(Base):
    __tablename__ = "essay_answers"
    __table_args__ = (UniqueConstraint("attempt_id", "prompt_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"), index=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("essay_prompts.id"))
    prompt_version_id: Mapped[int] = mapped_column(ForeignKey("essay_prompt_versions.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    word_count: Mapped[int] = mapped_column(default=0)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    saved_by_tab: Mapped[str | None] = mapped_column(String(40))  # the browser tab that saved the stored revision
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    final: Mapped[bool] = mapped_column(default=False)
    finalized_at: Mapped[datetime | None]

    attempt: Mapped[Attempt] = relationship()
    prompt_version: Mapped[EssayPromptVersion] = relationship()


class IntegrityEvent(Base):
    """Signals for reviewers: leaving the test (with how long) and large pastes. Never an automatic penalty."""

    __tablename__ = "integrity_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"), index=True)
    kind: Mapped[IntegrityKind] = mapped_column(EnumText(IntegrityKind, 30))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)  # when it started
    duration_ms: Mapped[int | None]  # how long the candidate was away (None for pastes)
