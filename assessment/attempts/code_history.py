"""The autosave history of code drafts: recorded on the autosave path at the cost of one INSERT, replayed for
reviewers.

Recording. The editor page sends with each save, besides the whole text, how many characters (Unicode code points)
its text shares at the start (`head`) and at the end (`tail`) with the text it last saved. The server does no diff:
one `INSERT ... SELECT` reads the draft's stored text in the database, under the row lock of the draft's UPDATE (in
the same statement on PostgreSQL, the same transaction on SQLite), and stores the patch (`head`, `tail`, the
characters between them) only when the stored text with that patch applied is exactly the new text; otherwise, and
when the page sends no patch, it stores the whole text. A wrong or forged patch therefore costs space, never
correctness: replaying the rows in order rebuilds every saved text. Large pastes the page noticed in the editor since
its previous save are stored with the save, counted with the same threshold as the integrity signal.

Replay. `draft_histories` rebuilds each draft's texts in order and gives them as frames the player applies in the
browser: a whole text, or (position, characters removed, characters inserted) in UTF-16 code units, JavaScript's
string indices. Saves that changed nothing and marked no paste are left out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, Text, and_, bindparam, case, cast, func, insert, null, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.dml import Insert

from ..models import SCORED_KINDS, CodeDraft, CodeDraftSave, Submission, SubmissionStatus, table_of

MAX_PASTES_PER_SAVE = 50


def patch_for(before: str, after: str) -> dict[str, int]:
    """The patch fields a page sends with a save of `after` when it last saved `before`: characters shared at the
    start and at the end, not overlapping (what static/js/test-coding.js computes; used by tests and the bench)."""
    limit = min(len(before), len(after))
    head = 0
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    return {"head": head, "tail": tail}


@dataclass(frozen=True)
class Patch:
    head: int
    tail: int
    inserted: str


def read_patch(data: dict[str, Any], source: str) -> Patch | str | None:
    """The patch a save request carries, None when it carries none (the whole text is stored), or what is wrong."""
    head, tail = data.get("head"), data.get("tail")
    if head is None and tail is None:
        return None
    for name, value in (("head", head), ("tail", tail)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return f"{name} must be a whole number of at least 0."
    assert isinstance(head, int) and isinstance(tail, int)
    if head + tail > len(source):
        return "head + tail must not exceed the length of the code."
    if "\x00" in source:  # SQLite's length() stops at a NUL: store such a text whole
        return None
    return Patch(head, tail, source[head : len(source) - tail])


def read_pastes(data: dict[str, Any], threshold: int, limit: int) -> int | str | None:
    """Characters of the large pastes a save request reports (each longer than `threshold`, as for the integrity
    signal), None when there is none, or what is wrong with the field."""
    pastes = data.get("pastes")
    if pastes is None:
        return None
    if not isinstance(pastes, list) or len(pastes) > MAX_PASTES_PER_SAVE:
        return f"pastes must be a list of at most {MAX_PASTES_PER_SAVE} lengths."
    total = 0
    for length in pastes:
        if not isinstance(length, int) or isinstance(length, bool) or not 0 <= length <= limit:
            return f"each paste length must be a whole number from 0 to {limit}."
        if length > threshold:
            total += length
    return total or None


HISTORY_COLUMNS = ["draft_id", "revision", "saved_at", "head", "tail", "text", "size", "pasted"]


def _history_row(draft_id: ColumnElement[Any], old: ColumnElement[Any], patched: bool) -> list[ColumnElement[Any]]:
    """The values of a save's history row, computed in the database from the draft's stored text `old`: the patch if
    it rebuilds the new text (`h_source`) from `old`, the whole text otherwise (HISTORY_COLUMNS' order)."""
    source = cast(bindparam("h_source", type_=Text), Text)
    if patched:
        inserted = cast(bindparam("h_inserted", type_=Text), Text)
        head_value = cast(bindparam("h_head", type_=Integer), Integer)
        tail_value = cast(bindparam("h_tail", type_=Integer), Integer)
        rebuilt = (
            func.substr(old, 1, head_value).concat(inserted).concat(func.substr(old, func.length(old) - tail_value + 1))
        )
        fits = and_(func.length(old) >= head_value + tail_value, rebuilt == source)
        head: ColumnElement[Any] = case((fits, head_value), else_=null())
        tail: ColumnElement[Any] = case((fits, tail_value), else_=null())
        text: ColumnElement[Any] = case((fits, inserted), else_=source)
    else:
        head = tail = cast(null(), Integer)
        text = source
    return [
        draft_id,
        cast(bindparam("h_revision", type_=Integer), Integer),
        bindparam("h_saved_at", type_=DateTime),
        head,
        tail,
        text,
        cast(bindparam("h_size", type_=Integer), Integer),
        cast(bindparam("h_pasted", type_=Integer), Integer),
    ]


def record_save(draft_matches: Sequence[ColumnElement[bool]], patched: bool) -> Insert:
    """The history row of a save, as one INSERT ... SELECT over the draft row the save's UPDATE will change (the
    same conditions), run just before it in the same transaction; its values are bound by `record_save_values`. The
    draft row is locked here (SQLite's write lock does the same), so the UPDATE that follows sees the very text the
    patch was checked against. Built once per shape of conditions (the autosave path keeps it): only the values
    change. PostgreSQL writes both in one statement instead (`save_and_record`)."""
    drafts = table_of(CodeDraft)
    rows = select(*_history_row(drafts.c.id, drafts.c.source, patched)).where(*draft_matches).with_for_update()
    # A Core INSERT on the table that keeps the count of rows the SELECT gave (the caller checks it; SQLAlchemy
    # reports an INSERT's count only when asked to)
    return insert(table_of(CodeDraftSave)).from_select(HISTORY_COLUMNS, rows).execution_options(preserve_rowcount=True)


def save_and_record(draft_matches: Sequence[ColumnElement[bool]], assignments: dict[str, Any], patched: bool) -> Insert:
    """The save's UPDATE of the draft and its history row in one statement (PostgreSQL, which writes in a WITH
    clause), so that it needs no transaction around it (db.autocommit) and is one round trip:

        WITH stored AS (SELECT id, source FROM code_drafts WHERE <the save's conditions> FOR UPDATE),
             saved AS (UPDATE code_drafts SET <the save> FROM stored WHERE code_drafts.id = stored.id RETURNING id)
        INSERT INTO code_draft_saves (...) SELECT <the history row, from stored.source> FROM stored JOIN saved ...

    `stored` locks the draft row and reads the text it holds when locked: if another save of the draft commits
    while this one waits for the lock, PostgreSQL checks the conditions again on the row that save left and reads
    its text (not the statement's older snapshot), and the UPDATE then changes that same row, which nobody else can
    change while it is locked. So the patch is checked against the very text it replaces, as with `record_save`.
    Counted rows: 1 when saved (with its history row), 0 when the conditions matched nothing (nothing written)."""
    drafts = table_of(CodeDraft)
    stored = select(drafts.c.id, drafts.c.source).where(*draft_matches).with_for_update().cte("stored")
    saved = update(drafts).where(drafts.c.id == stored.c.id).values(assignments).returning(drafts.c.id).cte("saved")
    rows = select(*_history_row(stored.c.id, stored.c.source, patched)).join_from(
        stored, saved, stored.c.id == saved.c.id
    )
    statement = insert(table_of(CodeDraftSave)).add_cte(stored).add_cte(saved).from_select(HISTORY_COLUMNS, rows)
    return statement.execution_options(preserve_rowcount=True)


def record_save_values(
    *, revision: int, saved_at: datetime, source: str, patch: Patch | None, pasted: int | None
) -> dict[str, Any]:
    """The values `record_save`'s statement (patched when `patch` is not None) is run with."""
    values: dict[str, Any] = {
        "h_source": source,
        "h_revision": revision,
        "h_saved_at": saved_at,
        "h_size": len(source),
        "h_pasted": pasted,
    }
    if patch is not None:
        values.update(h_inserted=patch.inserted, h_head=patch.head, h_tail=patch.tail)
    return values


def whole_text_save(
    draft_id: int, *, revision: int, saved_at: datetime, source: str, pasted: int | None
) -> CodeDraftSave:
    """The history row of a draft's first save (the draft row is created by it), or of a save whose row the
    INSERT ... SELECT could not write: the whole text."""
    return CodeDraftSave(
        draft_id=draft_id, revision=revision, saved_at=saved_at, text=source, size=len(source), pasted=pasted
    )


# ---------------------------------------------------------------------------------------------------------- replay


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Frame:
    """One save as the player applies it: either `text` (the whole text) or, in UTF-16 code units of the previous
    frame's text, remove `removed` units at `at` and insert `inserted` there."""

    ms: int  # milliseconds after the test started
    saved_at: datetime
    revision: int
    size: int  # characters of the text after this save
    text: str | None = None
    at: int = 0
    removed: int = 0
    inserted: str = ""
    pasted: int | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"t": self.ms, "rev": self.revision, "size": self.size}
        if self.text is not None:
            data["text"] = self.text
        else:
            data.update({"at": self.at, "del": self.removed, "ins": self.inserted})
        if self.pasted:
            data["pasted"] = self.pasted
        return data


@dataclass
class DraftHistory:
    draft_id: int
    language: str
    frames: list[Frame] = field(default_factory=list)
    saves: int = 0  # stored saves, including those that changed nothing
    gaps: int = 0  # rows that could not be replayed (a patch with no text before it)
    final_text: str | None = None


def _ms(moment: datetime, start: datetime) -> int:
    return max(0, int((moment - start).total_seconds() * 1000))


def replay(draft: CodeDraft, rows: Sequence[CodeDraftSave], started_at: datetime) -> DraftHistory:
    """Rebuild one draft's saves as frames (pure: the draft's history rows in `id` order)."""
    history = DraftHistory(draft.id, draft.language, saves=len(rows))
    text: str | None = None
    for row in rows:
        if row.head is None or row.tail is None:
            new = row.text
            frame = Frame(_ms(row.saved_at, started_at), row.saved_at, row.revision, len(new), text=new)
        elif text is None:
            history.gaps += 1
            continue
        else:
            keep_end = len(text) - row.tail
            new = text[: row.head] + row.text + text[keep_end:]
            at = utf16_length(text[: row.head])
            frame = Frame(
                _ms(row.saved_at, started_at),
                row.saved_at,
                row.revision,
                len(new),
                at=at,
                removed=utf16_length(text[row.head : keep_end]),
                inserted=row.text,
            )
        frame.pasted = row.pasted
        if text is not None and new == text and not row.pasted:
            continue  # e.g. the save that marks the language the candidate switched to
        if frame.text is not None and text is not None:
            # a whole text in the middle of the history (the page sent no patch, or not one that fitted): shown as
            # the change between the two texts, like any other save
            shared = patch_for(text, new)
            keep_end = len(text) - shared["tail"]
            frame = Frame(
                frame.ms,
                frame.saved_at,
                frame.revision,
                frame.size,
                at=utf16_length(text[: shared["head"]]),
                removed=utf16_length(text[shared["head"] : keep_end]),
                inserted=new[shared["head"] : len(new) - shared["tail"]],
                pasted=row.pasted,
            )
        history.frames.append(frame)
        text = new
    history.final_text = text
    return history


def draft_histories(db: Session, attempt_id: int, problem_id: int, started_at: datetime) -> list[DraftHistory]:
    """Every language's draft of one problem in one attempt, with its history, the most edited first."""
    drafts = list(
        db.scalars(
            select(CodeDraft)
            .where(CodeDraft.attempt_id == attempt_id, CodeDraft.problem_id == problem_id)
            .order_by(CodeDraft.id)
        )
    )
    if not drafts:
        return []
    rows: dict[int, list[CodeDraftSave]] = {d.id: [] for d in drafts}
    for row in db.scalars(
        select(CodeDraftSave)
        .where(CodeDraftSave.draft_id.in_(list(rows)))
        .order_by(CodeDraftSave.draft_id, CodeDraftSave.id)
    ):
        rows[row.draft_id].append(row)
    histories = [replay(d, rows[d.id], started_at) for d in drafts]
    histories = [h for h in histories if h.frames]
    histories.sort(key=lambda h: (-len(h.frames), h.draft_id))
    return histories


@dataclass(frozen=True)
class SubmissionMark:
    submission_id: int
    ms: int
    language: str
    verdict: str | None
    score: float | None


def submission_marks(db: Session, attempt_id: int, problem_id: int, started_at: datetime) -> list[SubmissionMark]:
    """The candidate's submissions of the problem (not sample runs), for marks on the replay's timeline."""
    return [
        SubmissionMark(s.id, _ms(s.created_at, started_at), s.language, s.verdict.value if s.verdict else None, s.score)
        for s in db.scalars(
            select(Submission)
            .where(
                Submission.attempt_id == attempt_id,
                Submission.problem_id == problem_id,
                Submission.kind.in_(SCORED_KINDS),
                Submission.status == SubmissionStatus.DONE,
            )
            .order_by(Submission.created_at, Submission.id)
        )
    ]
