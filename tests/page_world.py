"""One position with something on every page: a coding problem (its statement also in Japanese, samples on disk) and
an essay, written in Japanese like a Japanese customer's content; a candidate in the middle of the test, one who
finished (graded, judged) and one whose code is similar; a grader with an essay waiting, a decider and an
administrator. The Japanese page test and the accessibility audit walk these pages."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.candidate.attempt_helpers import write_package
from tests.review.factories import answer, assign, review, submission, user

PROGRAM = """import sys


def main():
    total = 0
    for line in sys.stdin:
        for token in line.split():
            value = int(token)
            if value < 0:
                value = -value
            total += value
    print(total)


main()
"""


def build_world(s, tmp_path: Path) -> dict:
    """The rows (committed through `s`) and a snapshot folder under `tmp_path`; returns the ids and emails."""
    from assessment.models import (
        Application,
        Attempt,
        EssayPrompt,
        EssayPromptVersion,
        Position,
        Problem,
        ProblemVersion,
        RubricCriterion,
        RubricLevel,
        utcnow,
    )

    package = write_package(tmp_path / "packages", "wa")
    position = Position(
        slug="backend",
        title="バックエンドエンジニア",
        description_md="**API** の設計と実装を担当します。",
        duration_minutes=60,
        has_coding=True,
        has_essay=True,
        weight_coding=0.5,
        weight_essay=0.5,
        languages=["python", "cpp"],
        reviews_per_essay=1,
        adjudication_threshold=2.0,
        application_closes_at=utcnow() + timedelta(days=30),
    )
    s.add(position)
    s.flush()
    problem = Problem(position_id=position.id, slug="wa", sort_order=0)
    s.add(problem)
    s.flush()
    version = ProblemVersion(
        problem_id=problem.id,
        number=1,
        content_hash="wa-1",
        title="Add Two Numbers",
        statement_md="Read two integers and print their sum.",
        translations={
            "ja": {
                "title": "二つの数の和",
                "format": "markdown",
                "text": "二つの整数の和を出力してください。",
                "file": "",
            }
        },
        time_limit_s=2.0,
        memory_mb=256,
        format_version="2025-09",
        snapshot_path=str(package),
        sample_count=1,
        secret_count=3,
    )
    s.add(version)
    s.flush()
    problem.current_version_id = version.id
    prompt = EssayPrompt(position_id=position.id, slug="bug", sort_order=0)
    s.add(prompt)
    s.flush()
    essay = EssayPromptVersion(
        prompt_id=prompt.id,
        number=1,
        content_hash="bug-1",
        title="A bug you fixed",
        body_md="Describe a bug you are proud of fixing.",
        translations={"ja": {"title": "直したバグ", "body_md": "誇りに思うバグ修正について書いてください。"}},
        min_words=10,
        max_words=400,
    )
    for order, (name, levels) in enumerate(
        [("論理の明快さ", [(0, "不足"), (2, "十分")]), ("根拠", [(0, "不足"), (3, "説得的")])]
    ):
        criterion = RubricCriterion(sort_order=order, name=name, description=f"{name}の評価")
        criterion.levels = [RubricLevel(label=label, points=p, description="") for p, label in levels]
        essay.criteria.append(criterion)
    s.add(essay)
    s.flush()
    prompt.current_version_id = essay.id
    s.commit()

    admin = user(s, "admin@example.com", "admin", "管理 太郎")
    grader = user(s, "grader@example.com", "reviewer", "採点 花子")
    decider = user(s, "decider@example.com", "reviewer", "判断 次郎")
    assign(s, grader, position)
    assign(s, decider, position)
    from assessment.models import ReviewerAssignment

    for row in s.query(ReviewerAssignment).all():
        row.can_grade, row.can_decide = row.user_id == grader.id, row.user_id == decider.id
    s.commit()

    finished_user = user(s, "hana@example.com", "candidate", "山田 花子")
    finished = Application(
        user_id=finished_user.id, position_id=position.id, institution="東京大学", graduation_year=2026, phone="090"
    )
    s.add(finished)
    s.flush()
    start = utcnow() - timedelta(hours=2)
    s.add(
        Attempt(
            application_id=finished.id,
            started_at=start,
            deadline_at=start + timedelta(minutes=60),
            finished_at=start + timedelta(minutes=50),
            finalized_at=start + timedelta(minutes=51),
        )
    )
    s.commit()
    judged = submission(s, finished, score=1.0, tests=3, source=PROGRAM)
    graded = answer(s, finished, text="私は本番環境でだけ起きる競合状態を、ログを追加して突き止めました。")
    review(s, graded, decider, [2, 3])  # a grade from someone else; the grader still has the essay below to grade

    ongoing_user = user(s, "taro@example.com", "candidate", "鈴木 太郎")
    ongoing = Application(
        user_id=ongoing_user.id, position_id=position.id, institution="京都大学", graduation_year=2027, phone="080"
    )
    s.add(ongoing)
    s.flush()
    s.add(Attempt(application_id=ongoing.id, started_at=utcnow(), deadline_at=utcnow() + timedelta(minutes=60)))
    s.commit()
    second = answer(s, ongoing, text="まだ下書きの文章です。")
    second.final = True  # an essay waiting for the grader
    s.commit()
    # a third candidate whose code is the same: a similar pair for the similarity pages
    twin_user = user(s, "jiro@example.com", "candidate", "佐藤 次郎")
    twin = Application(
        user_id=twin_user.id, position_id=position.id, institution="大阪大学", graduation_year=2026, phone="070"
    )
    s.add(twin)
    s.flush()
    s.add(
        Attempt(
            application_id=twin.id,
            started_at=start,
            deadline_at=start + timedelta(minutes=60),
            finished_at=start + timedelta(minutes=40),
            finalized_at=start + timedelta(minutes=41),
        )
    )
    s.commit()
    twin_submission = submission(s, twin, score=2 / 3, tests=3, source=PROGRAM.replace("total", "acc"))
    return {
        "submission": judged.id,
        "twin_submission": twin_submission.id,
        "twin": twin.id,
        "position": position.slug,
        "problem": problem.id,
        "prompt": prompt.id,
        "finished": finished.id,
        "ongoing": ongoing.id,
        "admin": admin.email,
        "grader": grader.email,
        "decider": decider.email,
    }
