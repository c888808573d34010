"""The candidate pages' view of the judge and the language table: one place that talks to assessment.judging and
sandbox.languages (the editor's menu is the table's rows the position allows)."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

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
        from ..judging.queue import EnqueueError
        from ..judging.queue import enqueue as service
    except ImportError:
        service = None
    if service is not None:
        try:
            return service(
                session,
                attempt=attempt,
                problem=problem,
                language=language,
                source=source,
                kind=kind,
                custom_input=custom_input,
            )
        except EnqueueError as exc:
            raise SubmissionRefused(str(exc)) from exc
    submission = Submission(
        attempt_id=attempt.id if attempt is not None else None,
        problem_id=problem.id,
        problem_version_id=problem.current_version_id,
        language=language,
        source=source,
        kind=kind,
        custom_input=custom_input,
        status="queued",
    )
    session.add(submission)
    session.flush()
    return submission


def queued_ahead(session: Session, submission: Submission) -> int:
    """How many queued submissions the judges take before this one."""
    from ..judging.queue import queued_ahead as count_ahead

    return count_ahead(session, submission)
