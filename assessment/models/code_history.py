"""The autosave history of code drafts, kept compactly so reviewers can replay how code was written.

One row per stored save of a `CodeDraft`. A row holds either the whole text (`head` and `tail` None) or a patch of
the text the draft held just before this save: keep the first `head` and the last `tail` characters (Unicode code
points) of the previous text and put `text` between them. A patch is stored only when the database has checked, in
the same statement that wrote the row, that it turns the previous text into the saved one (see
assessment.attempts.code_history), so replaying the rows in `id` order rebuilds every saved text exactly."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ._common import utcnow


class CodeDraftSave(Base):
    __tablename__ = "code_draft_saves"
    __table_args__ = (Index("ix_code_draft_saves_draft_id_id", "draft_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Deleting a draft (erasure, retention purge) deletes its history with it.
    draft_id: Mapped[int] = mapped_column(ForeignKey("code_drafts.id", ondelete="CASCADE"))
    revision: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    head: Mapped[int | None] = mapped_column(Integer)  # characters kept from the start of the previous text
    tail: Mapped[int | None] = mapped_column(Integer)  # characters kept from its end
    text: Mapped[str] = mapped_column(Text, default="")  # the inserted text of a patch, or the whole text
    size: Mapped[int] = mapped_column(Integer, default=0)  # characters of the saved text
    # Characters pasted into the editor since the previous save, counting only pastes large enough to be an
    # integrity signal (the same threshold); None when there was none.
    pasted: Mapped[int | None] = mapped_column(Integer)
