"""Blind grading of one essay answer. URLs carry only the EssayReview id; the page shows the prompt, the rubric and
the text, never who wrote it. Other reviewers' grades appear only once the reviewer has submitted their own, and a
submitted grade is final: it changes only through adjudication (a third reviewer) or when an administrator reopens it,
with a written reason (audited), for one revision."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..extensions import session
from ..models import Application, Attempt, AuditEntry, CriterionGrade, EssayReview, Position, audit, utcnow
from ..web.roles import admin_required, staff_required
from .access import may_grade
from .blueprint import bp

MIN_REASON = 10
FINAL = lazy_gettext(
    "Your grade was submitted and is final, so that no grade changes after its grader has seen the others. If "
    "it was a mistake, ask an administrator to reopen it."
)


class GradingError(Exception):
    """Something the reviewer can fix (or must know): message is shown as is."""


def position_of(db: Session, review: EssayReview) -> Position:
    attempt = db.get(Attempt, review.answer.attempt_id)
    application = db.get(Application, attempt.application_id) if attempt is not None else None
    if application is None:
        raise LookupError(f"essay review {review.id} belongs to no application")
    return application.position


def submit_grade(db: Session, review: EssayReview, levels: dict[int, int], comment: str, actor) -> bool:
    """Record (or revise) the reviewer's grade. `levels` maps criterion id -> level id. Returns True when something
    changed. Every submission and revision is audited with old and new points. Commits."""
    position = position_of(db, review)
    if position.grading_closed_at is not None:
        raise GradingError(gettext("Grading of this position is closed; grades can no longer be changed."))
    if review.submitted_at is not None and review.reopened_at is None:
        raise GradingError(str(FINAL))
    criteria = review.answer.prompt_version.criteria
    chosen = {}
    for criterion in criteria:
        level_id = levels.get(criterion.id)
        level = next((lv for lv in criterion.levels if lv.id == level_id), None)
        if level is None:
            raise GradingError(gettext("Choose a level for “%(criterion)s”.", criterion=criterion.name))
        chosen[criterion.id] = level
    comment = (comment or "").strip()[:20000]
    old_points = {g.criterion_id: g.points for g in review.grades}
    new_points = {cid: level.points for cid, level in chosen.items()}
    revising = review.submitted_at is not None
    if revising and old_points == new_points and comment == (review.comment or ""):
        return False
    existing = {g.criterion_id: g for g in review.grades}
    for criterion in criteria:
        level = chosen[criterion.id]
        grade = existing.get(criterion.id)
        if grade is None:
            review.grades.append(CriterionGrade(criterion_id=criterion.id, level_id=level.id, points=level.points))
        else:
            grade.level_id, grade.points = level.id, level.points
    old_total = review.total
    review.total = float(sum(new_points.values()))
    review.comment = comment
    now = utcnow()
    review.updated_at = now
    review.reopened_at = None  # a reopened grade is final again once revised
    if not revising:
        review.submitted_at = now
    names = {c.id: c.name for c in criteria}
    audit(
        db,
        "review.revise" if revising else "review.submit",
        actor=actor,
        target=review,
        answer_id=review.answer_id,
        role=review.role,
        old_points={names[c]: p for c, p in old_points.items() if c in names} if revising else None,
        new_points={names[c]: p for c, p in new_points.items()},
        old_total=old_total if revising else None,
        new_total=review.total,
    )
    db.commit()
    return True


def _own_review(review_id: int) -> EssayReview:
    review = session().get(EssayReview, review_id)
    if review is None or review.reviewer_id != current_user.id:
        abort(404)
    if not may_grade(position_of(session(), review)):
        abort(404)
    return review


def reopen_reason(db: Session, review: EssayReview) -> str:
    entry = db.scalar(
        select(AuditEntry)
        .where(
            AuditEntry.action == "review.reopen",
            AuditEntry.target_type == "EssayReview",
            AuditEntry.target_id == review.id,
        )
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    return (entry.details or {}).get("reason", "") if entry is not None else ""


def _levels_from_form() -> dict[int, int]:
    levels = {}
    for key, value in request.form.items():
        if key.startswith("criterion-"):
            try:
                levels[int(key.removeprefix("criterion-"))] = int(value)
            except ValueError:
                continue
    return levels


def _page(review: EssayReview, position: Position, error: str | None = None, status: int = 200):
    db = session()
    others = []
    if review.submitted_at is not None:
        others = list(
            db.scalars(
                select(EssayReview)
                .where(
                    EssayReview.answer_id == review.answer_id,
                    EssayReview.id != review.id,
                    EssayReview.submitted_at.is_not(None),
                )
                .order_by(EssayReview.submitted_at)
            )
        )
    chosen = {g.criterion_id: g.level_id for g in review.grades}
    if error:
        chosen.update(_levels_from_form())
    version = review.answer.prompt_version
    closed = position.grading_closed_at is not None
    final = review.submitted_at is not None and review.reopened_at is None
    return render_template(
        "review/grade.html",
        review=review,
        position=position,
        version=version,
        answer=review.answer,
        chosen=chosen,
        others=others,
        error=error,
        comment=request.form.get("comment", review.comment) if error else review.comment,
        closed=closed,
        final=final,
        locked=closed or final,
        reopened_because=reopen_reason(db, review) if review.reopened_at else "",
    ), status


@bp.route("/grade/<int:review_id>")
@staff_required
def grade(review_id: int):
    review = _own_review(review_id)
    if review.submitted_at is None:  # reading keeps the reservation alive
        review.reserved_at = utcnow()
        session().commit()
    return _page(review, position_of(session(), review))


@bp.route("/grade/<int:review_id>", methods=["POST"])
@staff_required
def grade_submit(review_id: int):
    db = session()
    if db.get(EssayReview, review_id) is None:
        flash(
            gettext(
                "Your reservation of this essay expired (30 minutes without activity) and it went to another "
                "reviewer. Your grade was not saved."
            ),
            "error",
        )
        return redirect(url_for("review.home"))
    review = _own_review(review_id)
    position = position_of(db, review)
    revising = review.submitted_at is not None
    try:
        changed = submit_grade(db, review, _levels_from_form(), request.form.get("comment", ""), current_user)
    except GradingError as exc:
        db.rollback()
        review = _own_review(review_id)
        locked = position.grading_closed_at is not None or (
            review.submitted_at is not None and review.reopened_at is None
        )
        return _page(review, position, error=str(exc), status=409 if locked else 400)
    if revising:
        flash(
            gettext("Your grade was updated; it is final again.") if changed else gettext("Nothing changed."), "success"
        )
        return redirect(url_for("review.grade", review_id=review.id))
    flash(gettext("Grade saved."), "success")
    if request.form.get("then") == "stay":
        return redirect(url_for("review.grade", review_id=review.id))
    return redirect(url_for("review.queue_next", slug=position.slug))


@bp.route("/grades/<int:review_id>/reopen", methods=["POST"])
@admin_required
def reopen(review_id: int):
    """An administrator reopens a submitted grade for one revision by its grader, with a written reason (audited)."""
    db = session()
    review = db.get(EssayReview, review_id)
    if review is None or review.submitted_at is None:
        abort(404)
    position = position_of(db, review)
    application_id = review.answer.attempt.application_id
    back = url_for("review.report", slug=position.slug, application_id=application_id) + f"#review-{review.id}"
    reason = " ".join((request.form.get("reason") or "").split())[:1000]
    if len(reason) < MIN_REASON:
        abort(
            400,
            description=gettext(
                "Write why the grade is reopened (at least %(num)d characters); it is kept in the audit log. "
                "Nothing was changed.",
                num=MIN_REASON,
            ),
        )
    if position.grading_closed_at is not None:
        abort(
            409,
            description=gettext(
                "Grading of this position is closed; reopen the position's grading first. Nothing was changed."
            ),
        )
    if review.reopened_at is None:
        review.reopened_at = utcnow()
        audit(
            db,
            "review.reopen",
            actor=current_user,
            target=review,
            answer_id=review.answer_id,
            reviewer_id=review.reviewer_id,
            reason=reason,
        )
        db.commit()
    flash(gettext("The grade is reopened: %(name)s may change it once.", name=review.reviewer.name), "success")
    return redirect(back)
