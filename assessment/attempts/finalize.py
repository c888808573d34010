"""The deadline finalizer: when an attempt ends, every problem's latest unsubmitted draft is submitted (kind "auto")
and every essay draft becomes the final answer. Idempotent and safe to run from several processes at once: an
attempt is claimed with a compare-and-set UPDATE on finalized_at, in the same transaction as the work."""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..db import rowcount
from ..models import SCORED_KINDS, Attempt, CodeDraft, EssayAnswer, Problem, Submission, SubmissionKind, audit, utcnow
from .clock import grace
from .submissions import SubmissionRefused, enqueue, is_template

log = logging.getLogger(__name__)


def finalize_due_attempts(session: Session, now: datetime | None = None, settings=None) -> list[int]:
    """Finalize every attempt past its deadline (+ grace) or finished early. Returns the ids finalized here."""
    now = now or utcnow()
    cutoff = now - grace(settings)
    due = session.scalars(
        select(Attempt.id).where(
            Attempt.finalized_at.is_(None),
            (Attempt.deadline_at < cutoff) | Attempt.finished_at.is_not(None),
        )
    ).all()
    session.rollback()  # end the read transaction before claiming
    done = []
    for attempt_id in due:
        try:
            if finalize_attempt(session, attempt_id, now):
                done.append(attempt_id)
        except Exception:
            session.rollback()
            log.exception("finalizing attempt failed", extra={"attempt_id": attempt_id})
    return done


def finalize_attempt(session: Session, attempt_id: int, now: datetime | None = None) -> bool:
    """Claim and finalize one attempt; False when someone else already did. Commits."""
    now = now or utcnow()
    claimed = rowcount(
        session.execute(
            update(Attempt)
            .where(Attempt.id == attempt_id, Attempt.finalized_at.is_(None))
            .values(finalized_at=now)
            .execution_options(synchronize_session=False)
        )
    )
    if claimed != 1:
        session.rollback()
        return False
    attempt = session.get(Attempt, attempt_id, populate_existing=True)
    assert attempt is not None
    if attempt.finished_at is None:
        attempt.finished_at = min(now, attempt.deadline_at)
    auto = _auto_submit(session, attempt)
    essays = _finalize_essays(session, attempt, now)
    audit(session, "attempt.finalized", target=attempt, auto_submissions=auto, essays=essays)
    session.commit()
    log.info("attempt finalized", extra={"attempt_id": attempt_id, "auto_submissions": len(auto)})
    return True


def _auto_submit(session: Session, attempt: Attempt) -> list[int]:
    drafts = session.scalars(
        select(CodeDraft)
        .where(CodeDraft.attempt_id == attempt.id)
        .order_by(CodeDraft.updated_at.desc(), CodeDraft.id.desc())
    ).all()
    latest: dict[int, CodeDraft] = {}
    for draft in drafts:  # newest first; a language switched to but never edited (starter code) does not count
        if draft.source.strip() and not is_template(draft.language, draft.source):
            latest.setdefault(draft.problem_id, draft)
    created = []
    for problem_id, draft in sorted(latest.items()):
        already = session.scalar(
            select(Submission.id)
            .where(
                Submission.attempt_id == attempt.id,
                Submission.problem_id == problem_id,
                Submission.kind.in_(SCORED_KINDS),
                Submission.language == draft.language,
                Submission.source == draft.source,
            )
            .limit(1)
        )
        if already is not None:
            continue
        problem = session.get(Problem, problem_id)
        if problem is None or problem.current_version_id is None:
            continue
        try:
            submission = enqueue(
                session,
                attempt=attempt,
                problem=problem,
                language=draft.language,
                source=draft.source,
                kind=SubmissionKind.AUTO,
            )
        except SubmissionRefused as exc:
            log.warning(
                "auto-submission refused",
                extra={"attempt_id": attempt.id, "problem_id": problem_id, "reason": str(exc)},
            )
            continue
        created.append(submission.id)
    return created


def _finalize_essays(session: Session, attempt: Attempt, now: datetime) -> int:
    answers = session.scalars(select(EssayAnswer).where(EssayAnswer.attempt_id == attempt.id)).all()
    for answer in answers:
        if not answer.final:
            answer.final = True
            answer.finalized_at = now
    return len(answers)


class Finalizer:
    """A daemon thread running finalize_due_attempts every `interval` seconds."""

    def __init__(self, app, interval: float = 2.0):
        self.app = app
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="attempt-finalizer", daemon=True)

    def start(self) -> Finalizer:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        database = self.app.extensions["assessment.db"]
        settings = self.app.extensions["assessment.settings"]
        while not self._stop.is_set():
            try:
                with database.new_session() as session:
                    finalize_due_attempts(session, settings=settings)
            except Exception:
                log.exception("finalizer pass failed")
            self._stop.wait(self.interval)


def start_finalizer(app, interval: float = 2.0) -> Finalizer:
    """Start (once per app) the background finalizer; stopped by app.extensions['assessment.finalizer'].stop()."""
    existing = app.extensions.get("assessment.finalizer")
    if existing is not None:
        return existing
    finalizer = Finalizer(app, interval).start()
    app.extensions["assessment.finalizer"] = finalizer
    return finalizer


def stop_finalizer(app, timeout: float = 5.0) -> None:
    finalizer = app.extensions.pop("assessment.finalizer", None)
    if finalizer is not None:
        finalizer.stop(timeout)
