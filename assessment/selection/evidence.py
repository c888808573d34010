"""Database reads shared by the board, the candidate pages and the report: scored submissions, final submissions
for similarity, integrity events and essay grades."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..enums import SCORED_KINDS, ScoringRule, SubmissionStatus
from ..models import Application, Attempt, EssayAnswer, EssayReview, IntegrityEvent, Position, Submission
from . import similarity
from .scoring import DEFAULT_RULE, Grade, counted_submission, essay_score, rule_of


def scored_submissions(db: Session, attempt_ids: list[int], problem_ids: list[int]) -> list[Submission]:
    """Judged submissions of kind submit/auto, oldest first."""
    if not attempt_ids or not problem_ids:
        return []
    return list(
        db.scalars(
            select(Submission)
            .where(
                Submission.attempt_id.in_(attempt_ids),
                Submission.problem_id.in_(problem_ids),
                Submission.kind.in_(SCORED_KINDS),
                Submission.status == SubmissionStatus.DONE,
            )
            .order_by(Submission.created_at, Submission.id)
        )
    )


def final_submission(submissions: list[Submission], rule: ScoringRule = DEFAULT_RULE) -> Submission | None:
    """The submission that counts under the position's rule, among judged ones given oldest first."""
    return counted_submission(submissions, rule)


def attempts_by_application(db: Session, position: Position) -> dict[int, Attempt]:
    rows = db.execute(
        select(Application.id, Attempt)
        .join(Attempt, Attempt.application_id == Application.id)
        .where(Application.position_id == position.id)
    ).all()
    return dict(rows)


def integrity_counts(db: Session, attempt_ids: list[int]) -> dict[int, Counter]:
    counts: dict[int, Counter] = defaultdict(Counter)
    for attempt_id, events in integrity_by_attempt(db, attempt_ids).items():
        for event in events:
            counts[attempt_id][event.kind] += 1
    return counts


def integrity_by_attempt(db: Session, attempt_ids: list[int]) -> dict[int, list[IntegrityEvent]]:
    """Every attempt's integrity events, in the order they happened."""
    result: dict[int, list[IntegrityEvent]] = defaultdict(list)
    if attempt_ids:
        for event in db.scalars(
            select(IntegrityEvent)
            .where(IntegrityEvent.attempt_id.in_(attempt_ids))
            .order_by(IntegrityEvent.occurred_at, IntegrityEvent.id)
        ):
            result[event.attempt_id].append(event)
    return result


def integrity_events(db: Session, attempt_id: int) -> list[IntegrityEvent]:
    return list(
        db.scalars(
            select(IntegrityEvent)
            .where(IntegrityEvent.attempt_id == attempt_id)
            .order_by(IntegrityEvent.occurred_at, IntegrityEvent.id)
        )
    )


@dataclass(frozen=True)
class SimilarPair:
    problem_id: int
    application_a: int
    application_b: int
    submission_a: int
    submission_b: int
    score: float
    lines_a: tuple[int, ...]
    lines_b: tuple[int, ...]


def similar_pairs(db: Session, position: Position, attempts: dict[int, Attempt] | None = None) -> list[SimilarPair]:
    """Pairs of candidates whose final submissions to the same problem are at or above the threshold."""
    attempts = attempts_by_application(db, position) if attempts is None else attempts
    app_of_attempt = {a.id: app_id for app_id, a in attempts.items()}
    problems = position.active_problems
    subs = scored_submissions(db, list(app_of_attempt), [p.id for p in problems])
    pairs: list[SimilarPair] = []
    rule = rule_of(position)
    for problem in problems:
        per_attempt: dict[int | None, list[Submission]] = defaultdict(list)
        for sub in subs:
            if sub.problem_id == problem.id:
                per_attempt[sub.attempt_id].append(sub)
        finals = [final_submission(items, rule) for items in per_attempt.values()]
        programs = tuple(sorted((s.id, s.language, s.source) for s in finals if s is not None))
        for sub_a, sub_b, score, lines_a, lines_b in _pairs_cached(programs):
            att = {s.id: s.attempt_id for s in finals if s is not None and s.attempt_id is not None}
            pairs.append(
                SimilarPair(
                    problem.id,
                    app_of_attempt[att[sub_a]],
                    app_of_attempt[att[sub_b]],
                    sub_a,
                    sub_b,
                    score,
                    lines_a,
                    lines_b,
                )
            )
    pairs.sort(key=lambda p: -p.score)
    return pairs


@lru_cache(maxsize=64)
def _pairs_cached(programs: tuple[tuple[int, str, str], ...]):
    result = []
    for pair in similarity.flagged_pairs(similarity.Program(sid, src, lang) for sid, lang, src in programs):
        result.append((pair.a.key, pair.b.key, pair.match.score, pair.match.lines_a, pair.match.lines_b))
    return tuple(result)


@dataclass
class AnswerGrades:
    answer: EssayAnswer
    reviews: list[EssayReview]  # submitted, oldest first
    score: float | None  # 0..1, None when ungraded

    @property
    def grades(self) -> list[Grade]:
        return [to_grade(r) for r in self.reviews]


def to_grade(review: EssayReview) -> Grade:
    return Grade(role=review.role, points={g.criterion_id: g.points for g in review.grades})


def graded_answers(db: Session, answers: list[EssayAnswer]) -> dict[int, AnswerGrades]:
    """Submitted reviews and the aggregated score of each answer, keyed by answer id."""
    result = {a.id: AnswerGrades(a, [], None) for a in answers}
    if result:
        for review in db.scalars(
            select(EssayReview)
            .where(EssayReview.answer_id.in_(list(result)), EssayReview.submitted_at.is_not(None))
            .order_by(EssayReview.submitted_at, EssayReview.id)
        ):
            result[review.answer_id].reviews.append(review)
    for item in result.values():
        criteria_max: dict[Hashable, float] = {c.id: c.max_points for c in item.answer.prompt_version.criteria}
        item.score = essay_score(criteria_max, item.grades)
    return result
