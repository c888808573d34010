"""Autosave shared by code drafts and essay answers, safe with several tabs or devices.

Every save says which stored revision its text was based on (`base`, the revision the tab loaded or last saved), which
tab sends it (`tab`, random per page) and its own new revision (`revision`, growing within the tab). It is stored
when nobody else saved since (`stored revision == base`), or when the last save came from the same tab and this one is
newer (the tab's previous answer was lost on the network). Otherwise another tab or device saved in between: the save
is refused as a conflict with the stored text, and the page lets the candidate choose between the two texts (a
choice is a save based on the revision they have now seen). A late copy of a tab's own older request never
overwrites its newer text. The common case is one UPDATE; a code draft adds the one INSERT that records the save in
its history, over the same conditions: on PostgreSQL in the same statement, which therefore needs no transaction
around it (the autosave requests run each statement on its own, db.autocommit), on SQLite in a transaction of their
own. The rare paths (a first save creates the draft, and a code draft's first history row with it; a refused save
reads the stored row) run in an ordinary transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Response, abort, request
from flask_babel import gettext
from sqlalchemy import and_, bindparam, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import Executable

from ..db import end_autocommit, rowcount
from ..extensions import session
from ..metrics import AUTOSAVE_OUTCOMES, AUTOSAVES
from ..models import table_of
from .blueprint import bp

MAX_TAB_ID = 40


@dataclass(frozen=True)
class SaveHistory:
    """How a draft's saves are recorded (code drafts: assessment.attempts.code_history): `record(conditions,
    patched)` gives the statement run just before the UPDATE, over the rows the UPDATE's conditions match (one
    INSERT ... SELECT), `record_with_update(conditions, assignments, patched)` the UPDATE and that INSERT as one
    statement (PostgreSQL; each built once per shape and kept), `values` what they are run with and `patched` which
    of their two shapes they need; `whole` the row recording the saved text whole, for a draft created by this save."""

    record: Callable[[list[Any], bool], Executable]
    record_with_update: Callable[[list[Any], dict[str, Any], bool], Executable]
    values: dict[str, Any]
    patched: bool
    whole: Callable[[int], Any]


@dataclass(frozen=True)
class SaveResult:
    saved: bool
    row: Any = None  # the stored row when not saved
    conflict: bool = False  # another tab or device saved since `base`


@dataclass(frozen=True)
class _Statements:
    update: Any
    record: Executable | None
    together: Executable | None  # the UPDATE with its history's INSERT, in one statement (PostgreSQL)


# Every autosave runs the same few statements with other values: they are built once per shape (model, its key
# and value columns, whether it closes, how its history is recorded) and kept, so a save spends no time building
# SQL. The parameters are prefixed (k_ keys, v_ values, p_ the save's own) so they never collide with column names.
_statements: dict[tuple[Any, ...], _Statements] = {}


def _statements_for(model, keys: tuple[str, ...], values: tuple[str, ...], until_final: bool, history) -> _Statements:
    shape = (
        model,
        keys,
        values,
        until_final,
        history.record if history else None,
        history.patched if history else None,
    )
    found = _statements.get(shape)
    if found is not None:
        return found
    table = table_of(model)
    condition = [table.c[name] == bindparam(f"k_{name}") for name in keys]
    mine = and_(table.c.saved_by_tab == bindparam("p_tab"), table.c.revision < bindparam("p_revision"))
    condition.append(or_(table.c.revision == bindparam("p_base"), mine))
    if until_final:
        condition.append(table.c.final.is_(False))
    assignments: dict[str, Any] = {name: bindparam(f"v_{name}") for name in values}
    assignments.update(revision=bindparam("p_revision"), saved_by_tab=bindparam("p_tab"))
    made = _Statements(
        update=update(table).where(*condition).values(assignments),
        record=history.record(condition, history.patched) if history is not None else None,
        together=history.record_with_update(condition, assignments, history.patched) if history is not None else None,
    )
    _statements[shape] = made
    return made


# Databases that write in a WITH clause: there a save and its history row are one statement (SQLite: two)
_WRITES_IN_WITH = frozenset({"postgresql"})


def save_draft(
    model,
    keys: dict,
    values: dict,
    *,
    base: int,
    revision: int,
    tab: str,
    until_final: bool = False,
    on_insert: dict | None = None,
    what: str | None = None,
    history: SaveHistory | None = None,
) -> SaveResult:
    """Store a save (see the module's text). `until_final`: the row has a `final` flag after which it is kept."""
    s = session()
    statements = _statements_for(model, tuple(keys), tuple(values), until_final, history)
    params = {f"k_{name}": value for name, value in keys.items()}
    params.update(p_tab=tab, p_revision=revision, p_base=base)
    update_params = dict(params, **{f"v_{name}": value for name, value in values.items()})

    def match() -> list[Any]:  # the draft's row (only off the common path)
        return [getattr(model, name) == value for name, value in keys.items()]

    together = history is not None and s.get_bind().dialect.name in _WRITES_IN_WITH
    if history is not None and not together:
        end_autocommit(s)  # the history's INSERT and the UPDATE stand or fall together: one transaction
    for _ in range(2):
        if together:
            assert history is not None and statements.together is not None
            if rowcount(s.execute(statements.together, dict(update_params, **history.values))) == 1:
                s.commit()
                return SaveResult(True)
        else:
            recorded = 0
            if history is not None and statements.record is not None:
                recorded = rowcount(s.execute(statements.record, dict(params, **history.values)))
            if rowcount(s.execute(statements.update, update_params)) == 1:
                if history is not None and recorded != 1:
                    # The row changed between the two statements (another request of this draft; SQLite's write
                    # lock should prevent it): the saved text is recorded whole, so the history rebuilds every text.
                    draft_id = s.scalar(select(model.id).where(*match()))
                    if draft_id is not None:
                        s.add(history.whole(draft_id))
                s.commit()
                return SaveResult(True)
            if recorded:
                s.rollback()  # nothing was saved, so nothing is recorded
                continue
        end_autocommit(s)  # a first save writes the draft and its first history row: one transaction
        row = s.scalar(select(model).where(*match()))
        if row is None:
            created = model(**keys, **values, **(on_insert or {}), revision=revision, saved_by_tab=tab)
            s.add(created)
            try:
                if history is not None:
                    s.flush()
                    s.add(history.whole(created.id))
                s.commit()
                return SaveResult(True)
            except IntegrityError:  # another request created it first; compare again
                s.rollback()
                continue
        s.commit()
        own = row.saved_by_tab == tab and row.revision >= revision  # this tab's own newer text is stored
        return SaveResult(False, row, conflict=not own and not _closed(row))
    abort(409, description=gettext("%(what)s could not be saved; please retry.", what=what or gettext("The draft")))


def _closed(row) -> bool:
    return bool(getattr(row, "final", False))


def read_save_request(data: dict) -> tuple[int, int, str] | str:
    """(base, revision, tab) from a save request, or the message saying what is wrong with it."""
    base, revision, tab = data.get("base_revision"), data.get("revision"), data.get("tab")
    for name, value, minimum in (("base_revision", base, 0), ("revision", revision, 1)):
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum or value > 2**31 - 1:
            return f"{name} must be a whole number of at least {minimum}."
    assert isinstance(base, int) and isinstance(revision, int)
    if revision <= base:
        return "revision must be greater than base_revision."
    if not isinstance(tab, str) or not tab or len(tab) > MAX_TAB_ID:
        return f"tab must be the page's id (1 to {MAX_TAB_ID} characters)."
    return base, revision, tab


# --- monitoring: every autosave's outcome, counted for /metrics ------------------------------------------------------

AUTOSAVE_ENDPOINTS = {"candidate.test_code_draft": "code", "candidate.test_essay_draft": "essay"}
_counters = {
    (kind, outcome): AUTOSAVES.labels(kind, outcome) for kind in ("code", "essay") for outcome in AUTOSAVE_OUTCOMES
}


def autosave_outcome(response: Response) -> str:
    """saved (also when this tab's own newer text was already stored), conflict, closed, rejected or error."""
    status = response.status_code
    if status < 300:
        return "saved"
    if status >= 500:
        return "error"
    if status == 409:
        body = response.get_json(silent=True) or {}
        return {"conflict": "conflict", "deadline_passed": "closed"}.get(str(body.get("error")), "error")
    return "rejected"


@bp.after_request
def _count_autosave(response: Response) -> Response:
    kind = AUTOSAVE_ENDPOINTS.get(request.endpoint or "")
    if kind is not None:
        _counters[(kind, autosave_outcome(response))].inc()
    return response
