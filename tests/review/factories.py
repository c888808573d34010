"""Seed positions, candidates, final essay answers and judged submissions directly in the database."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

from assessment.models import (
    Application,
    Attempt,
    EssayAnswer,
    EssayPrompt,
    EssayPromptVersion,
    Position,
    Problem,
    ProblemVersion,
    ReviewerAssignment,
    RubricCriterion,
    RubricLevel,
    Submission,
    TestResult,
    User,
    utcnow,
)

PASSWORD = "correct horse battery"
CRITERIA = [
    ("Clarity of reasoning", [(0, "Missing"), (2, "Partial"), (4, "Strong")]),
    ("Use of evidence", [(0, "Missing"), (1, "Some"), (3, "Convincing")]),
    ("Structure", [(0, "Poor"), (1, "Adequate"), (2, "Clear"), (3, "Excellent")]),
]
MAX_POINTS = 4 + 3 + 3


def user(s, email: str, role: str = "candidate", name: str | None = None) -> User:
    item = User(email=email, name=name or email.split("@")[0].title(), role=role, email_confirmed_at=utcnow())
    item.set_password(PASSWORD)
    s.add(item)
    s.flush()
    return item


def position(
    s,
    slug: str = "backend-intern",
    *,
    title: str | None = None,
    coding: bool = True,
    essay: bool = True,
    weight_coding: float = 0.6,
    weight_essay: float = 0.4,
    prompts: int = 1,
    problems: int = 1,
    reviews_per_essay: int = 2,
    threshold: float = 2.0,
) -> Position:
    pos = Position(
        slug=slug,
        title=title or slug.replace("-", " ").title(),
        description_md="",
        has_coding=coding,
        has_essay=essay,
        weight_coding=weight_coding if coding else 0.0,
        weight_essay=weight_essay if essay else 0.0,
        languages=["python", "cpp"],
        reviews_per_essay=reviews_per_essay,
        adjudication_threshold=threshold,
    )
    s.add(pos)
    s.flush()
    for i in range(prompts if essay else 0):
        prompt = EssayPrompt(position_id=pos.id, slug=f"prompt{i + 1}", sort_order=i)
        s.add(prompt)
        s.flush()
        version = EssayPromptVersion(
            prompt_id=prompt.id,
            number=1,
            content_hash=f"{slug}-p{i}",
            title=f"Essay prompt {i + 1}",
            body_md=f"Describe a hard problem you solved ({i + 1}).",
            min_words=10,
            max_words=500,
        )
        for order, (name, levels) in enumerate(CRITERIA):
            criterion = RubricCriterion(sort_order=order, name=name, description=f"What {name.lower()} means.")
            criterion.levels = [
                RubricLevel(label=label, points=points, description=f"{label} {name.lower()}")
                for points, label in levels
            ]
            version.criteria.append(criterion)
        s.add(version)
        s.flush()
        prompt.current_version_id = version.id
    for i in range(problems if coding else 0):
        problem = Problem(position_id=pos.id, slug=f"prob{i + 1}", sort_order=i)
        s.add(problem)
        s.flush()
        version = ProblemVersion(
            problem_id=problem.id,
            number=1,
            content_hash=f"{slug}-c{i}",
            title=f"Problem {i + 1}",
            statement_md="Add numbers.",
            time_limit_s=1.0,
            memory_mb=256,
            format_version="2025-09",
            snapshot_path="/nonexistent",
            sample_count=1,
            secret_count=4,
        )
        s.add(version)
        s.flush()
        problem.current_version_id = version.id
    s.commit()
    return pos


def candidate(s, pos: Position, email: str, name: str | None = None, cv: bool = True) -> Application:
    who = user(s, email, "candidate", name)
    app = Application(user_id=who.id, position_id=pos.id, institution="Example University", graduation_year=2026)
    if cv:
        app.cv_path, app.cv_original_name, app.cv_sha256, app.cv_size = (
            f"{who.id}/cv.pdf",
            f"{who.name.replace(' ', '_')}_CV.pdf",
            hashlib.sha256(email.encode()).hexdigest(),
            1234,
        )
    s.add(app)
    s.flush()
    start = utcnow() - timedelta(hours=2)
    s.add(
        Attempt(
            application_id=app.id,
            started_at=start,
            deadline_at=start + timedelta(minutes=90),
            finished_at=start + timedelta(minutes=80),
            finalized_at=start + timedelta(minutes=81),
        )
    )
    s.commit()
    return app


def attempt_of(s, app: Application) -> Attempt:
    from sqlalchemy import select

    return s.scalar(select(Attempt).where(Attempt.application_id == app.id))


def answer(s, app: Application, prompt_index: int = 0, text: str | None = None) -> EssayAnswer:
    pos = s.get(Position, app.position_id)
    prompt = pos.active_prompts[prompt_index]
    text = text or "I once rebuilt a flaky data pipeline. " * 12
    item = EssayAnswer(
        attempt_id=attempt_of(s, app).id,
        prompt_id=prompt.id,
        prompt_version_id=prompt.current_version_id,
        text=text,
        word_count=len(text.split()),
        revision=3,
        final=True,
        finalized_at=utcnow(),
    )
    s.add(item)
    s.commit()
    return item


def submission(
    s,
    app: Application,
    problem_index: int = 0,
    *,
    score: float,
    source: str = "print(sum(map(int, input().split())))\n",
    language: str = "python",
    kind: str = "submit",
    tests: int = 4,
    minutes_ago: int = 30,
) -> Submission:
    pos = s.get(Position, app.position_id)
    problem = pos.active_problems[problem_index]
    passed = round(score * tests)
    created = utcnow() - timedelta(minutes=minutes_ago)
    sub = Submission(
        attempt_id=attempt_of(s, app).id,
        problem_id=problem.id,
        problem_version_id=problem.current_version_id,
        language=language,
        source=source,
        kind=kind,
        status="done",
        verdict="AC" if passed == tests else "WA",
        score=score,
        tests_passed=passed,
        tests_total=tests,
        max_time_ms=40,
        max_memory_kb=9000,
        created_at=created,
        started_at=created,
        finished_at=created,
    )
    for i in range(tests):
        sub.results.append(
            TestResult(
                ordinal=i,
                name=f"secret/{i + 1:02d}",
                group="secret",
                verdict="AC" if i < passed else "WA",
                time_ms=10 + i,
                wall_ms=20 + i,
                memory_kb=8000 + i,
                message="",
            )
        )
    s.add(sub)
    s.commit()
    return sub


def assign(s, who: User, pos: Position) -> None:
    s.add(ReviewerAssignment(user_id=who.id, position_id=pos.id))
    s.commit()


def outbox_messages(outbox: Path) -> list[dict]:
    """Every message written to the outbox folder: {to, subject, body}."""
    messages = []
    if not outbox.exists():
        return messages
    for path in sorted(p for p in outbox.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        try:
            msg = message_from_bytes(raw, policy=default_policy)
            body_part = msg.get_body(preferencelist=("plain",)) if msg.is_multipart() else msg
            body = body_part.get_content() if body_part is not None else raw.decode(errors="replace")
            messages.append(
                {
                    "to": str(msg.get("To", "")),
                    "subject": str(msg.get("Subject", "")),
                    "body": body,
                    "raw": raw.decode(errors="replace"),
                }
            )
        except Exception:  # noqa: BLE001 - any other format: match on the raw text
            text = raw.decode(errors="replace")
            messages.append({"to": text, "subject": text, "body": text, "raw": text})
    return messages


def mails_to(outbox: Path, address: str) -> list[dict]:
    return [m for m in outbox_messages(outbox) if address in m["to"] or address in m["raw"].split("\n\n", 1)[0]]


def review(s, answer: EssayAnswer, reviewer: User, points: list[float], role: str = "grader", comment: str = ""):
    """A submitted review giving each criterion (rubric order) the level with these points."""
    from assessment.models import CriterionGrade, EssayReview

    version = s.get(EssayPromptVersion, answer.prompt_version_id)
    item = EssayReview(
        answer_id=answer.id,
        reviewer_id=reviewer.id,
        role=role,
        comment=comment,
        reserved_at=utcnow(),
        submitted_at=utcnow(),
        total=float(sum(points)),
    )
    for criterion, p in zip(version.criteria, points, strict=True):
        level = next(lv for lv in criterion.levels if lv.points == p)
        item.grades.append(CriterionGrade(criterion_id=criterion.id, level_id=level.id, points=p))
    s.add(item)
    s.commit()
    return item
