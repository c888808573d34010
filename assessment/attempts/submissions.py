"""The candidate pages' view of the judge and the language table: one place that talks to assessment.judging and
sandbox.languages (the editor's menu is the table's rows the position allows)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..judging import queue
from ..judging.estimate import recent_rate
from ..models import Problem, Submission

log = logging.getLogger(__name__)


def language_info(language_id: str) -> dict:
    """{id, name, codemirror, template, libraries} for the editor's menu, from the sandbox's table of languages."""
    from sandbox.languages import get_language

    try:
        language = get_language(language_id)
    except KeyError:
        return {"id": language_id, "name": language_id, "codemirror": "", "template": "", "libraries": []}
    return {
        "id": language.id,
        "name": language.name,
        "codemirror": language.codemirror,
        "template": language.template,
        "libraries": list(language.libraries),
    }


def is_template(language_id: str, source: str) -> bool:
    return source.strip() == language_info(language_id)["template"].strip()


class SubmissionRefused(ValueError):
    """The judge refused to queue this code (empty, too large, unknown language); the message says why."""


def enqueue(
    session: Session,
    *,
    attempt,
    problem: Problem,
    language: str,
    source: str,
    kind: str,
    custom_input: str | None = None,
) -> Submission:
    """Queue a submission for judging; returns the (flushed, not committed) Submission. The judging service's
    `enqueue` is used when present (it also wakes in-process workers on commit); otherwise a queued row is created."""
    try:
        return queue.enqueue(
            session,
            attempt=attempt,
            problem=problem,
            language=language,
            source=source,
            kind=kind,
            custom_input=custom_input,
        )
    except queue.EnqueueError as exc:
        raise SubmissionRefused(str(exc)) from exc


def queued_ahead(session: Session, submission: Submission) -> int:
    """How many queued submissions the judges take before this one."""
    return queue.queued_ahead(session, submission)


@dataclass(frozen=True)
class QueuePosition:
    ahead: int  # submissions the judges take before this one (exactly the claim order)
    estimated_seconds: int | None  # until its verdict, from the judges' measured recent pace; None when unknown


def queue_position(session: Session, submission: Submission) -> QueuePosition:
    """Where a waiting submission stands: how many go before it, and roughly when its verdict comes."""
    by_class = queue.queued_ahead_by_class(session, submission)
    ahead = sum(by_class.values())
    if not ahead:
        return QueuePosition(0, None)
    wait = recent_rate(session).wait_seconds(by_class, submission.queue_class)
    return QueuePosition(ahead, None if wait is None else round(wait))
