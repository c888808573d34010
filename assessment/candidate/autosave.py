"""Revision-ordered autosave shared by code drafts and essay answers: a save is stored only if its revision is newer
than the stored one, so a late retry of an old save can never overwrite newer text."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..db import rowcount
from ..extensions import session


def save_if_newer(
    model,
    keys: dict,
    values: dict,
    revision: int,
    *,
    still_open=(),
    on_insert: dict | None = None,
    what: str = "The draft",
):
    """Store `values` on the `model` row identified by `keys` if `revision` is newer (and `still_open` holds).
    Returns (True, None) when stored, or (False, row) with the stored row when it is as new or newer, or closed.
    The common case is one UPDATE; the row is read only when it is missing or the revision is stale."""
    s = session()
    match = [getattr(model, name) == value for name, value in keys.items()]
    for _ in range(2):
        result = s.execute(
            update(model)
            .where(*match, model.revision < revision, *still_open)
            .values(revision=revision, **values)
            .execution_options(synchronize_session=False)
        )
        if rowcount(result) == 1:
            s.commit()
            return True, None
        row = s.scalar(select(model).where(*match))
        if row is None:
            s.add(model(**keys, **values, **(on_insert or {}), revision=revision))
            try:
                s.commit()
                return True, None
            except IntegrityError:  # another request created it first; compare revisions again
                s.rollback()
                continue
        s.commit()
        return False, row
    abort(409, description=f"{what} could not be saved; please retry.")
