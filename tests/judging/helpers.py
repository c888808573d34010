"""Small problem packages written on the fly, and database rows pointing at them."""

from __future__ import annotations

import textwrap
import uuid
from pathlib import Path

ADD_ACCEPTED = "a, b = map(int, input().split())\nprint(a + b)\n"
ADD_WRONG = "a, b = map(int, input().split())\nprint(a - b)\n"
ADD_SLOW = textwrap.dedent("""\
    import time
    a, b = map(int, input().split())
    end = time.process_time() + 0.6
    while time.process_time() < end:
        pass
    print(a + b)
""")


def write_package(
    root: Path,
    name: str = "addtwo",
    secret: int = 4,
    groups: list[str] | None = None,
    time_limit: float | None = 2.0,
    submissions: dict[str, dict[str, str]] | None = None,
) -> Path:
    """A valid 2025-09 package adding two integers. `groups` splits the secret data into sub-folders."""
    package = root / name
    yaml = f"problem_format_version: 2025-09\nname: Add Two\nuuid: {uuid.uuid4()}\n"
    yaml += f"limits:\n  time_limit: {time_limit}\n  memory: 256\n" if time_limit else "limits:\n  memory: 256\n"
    _write(package / "problem.yaml", yaml)
    _write(
        package / "statement" / "problem.en.md",
        "# Add Two\n\nRead two integers and print their sum.\n\n## Input\n\nTwo integers $a$ and $b$.\n\n"
        "## Output\n\nTheir sum.\n",
    )
    _write(package / "data" / "sample" / "1.in", "1 2\n")
    _write(package / "data" / "sample" / "1.ans", "3\n")
    folders = [f"secret/{g}" for g in groups] if groups else ["secret"]
    n = 0
    for folder in folders:
        for i in range(1, secret + 1):
            n += 1
            _write(package / "data" / folder / f"{i:02d}.in", f"{n} {n * 7}\n")
            _write(package / "data" / folder / f"{i:02d}.ans", f"{n * 8}\n")
    _write(
        package / "input_validators" / "validate.py",
        textwrap.dedent("""\
        import re, sys
        data = sys.stdin.read()
        sys.exit(42 if re.fullmatch(r"-?\\d+ -?\\d+\\n", data) else 43)
    """),
    )
    submissions = (
        submissions
        if submissions is not None
        else {"accepted": {"add.py": ADD_ACCEPTED}, "wrong_answer": {"sub.py": ADD_WRONG}}
    )
    for folder, files in submissions.items():
        for filename, text in files.items():
            _write(package / "submissions" / folder / filename, text)
    return package


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def add_problem(session, package_dir: Path, slug: str = "addtwo", time_limit_s: float = 2.0):
    """Position, Problem and ProblemVersion rows whose snapshot is `package_dir`. Returns the Problem."""
    from sqlalchemy import select

    from assessment.models import Position, Problem, ProblemVersion

    position = session.scalar(select(Position).where(Position.slug == "judging-tests"))
    if position is None:
        position = Position(
            slug="judging-tests",
            title="Judging tests",
            has_coding=True,
            weight_coding=1.0,
            languages=["python", "c", "cpp", "java", "javascript"],
        )
        session.add(position)
        session.flush()
    problem = Problem(position_id=position.id, slug=slug)
    session.add(problem)
    session.flush()
    version = ProblemVersion(
        problem_id=problem.id,
        number=1,
        content_hash=uuid.uuid4().hex,
        title="Add Two",
        statement_md="Add.",
        time_limit_s=time_limit_s,
        memory_mb=256,
        format_version="2025-09",
        snapshot_path=str(package_dir),
    )
    session.add(version)
    session.flush()
    problem.current_version_id = version.id
    session.commit()
    return problem


def add_submissions(session, problem, sources: list[str], kind: str = "submit", language: str = "python") -> list[int]:
    from assessment.judging.queue import enqueue

    ids = [enqueue(session, attempt=None, problem=problem, language=language, source=s, kind=kind).id for s in sources]
    session.commit()
    return ids


def add_attempts(session, problem, count: int, *, deadline_in_s: float = 3600.0, prefix: str = "queue") -> list[int]:
    """`count` candidates of the problem's position, each with an application and a started attempt. Returns the
    attempt ids."""
    from datetime import timedelta

    from assessment.models import Application, Attempt, User, utcnow

    now = utcnow()
    users = [
        User(email=f"{prefix}{i}@example.com", name=f"Candidate {i}", role="candidate", password_hash="-")
        for i in range(count)
    ]
    session.add_all(users)
    session.flush()
    applications = [Application(user_id=u.id, position_id=problem.position_id, test_released_at=now) for u in users]
    session.add_all(applications)
    session.flush()
    attempts = [
        Attempt(application_id=a.id, started_at=now, deadline_at=now + timedelta(seconds=deadline_in_s))
        for a in applications
    ]
    session.add_all(attempts)
    session.commit()
    return [a.id for a in attempts]


def enqueue_for(session, problem, attempt_id: int | None, kind: str = "submit", source: str = ADD_ACCEPTED) -> int:
    """Queue one item for a candidate's attempt (None: no candidate, as tools do) and commit; returns its id."""
    from assessment.judging.queue import enqueue
    from assessment.models import Attempt

    attempt = session.get(Attempt, attempt_id) if attempt_id is not None else None
    submission = enqueue(
        session,
        attempt=attempt,
        problem=problem,
        language="python",
        source=source,
        kind=kind,
        custom_input="1 2\n" if kind == "custom" else None,
    )
    session.commit()
    return submission.id


def queue_mixed_rush(session, problem) -> list[int]:
    """Four candidates queue, in this order: A a burst of five submissions, B one, C two sample runs, D an automatic
    deadline submission, A a sample run, D a submission (each committed on its own). Returns the ids in the order
    the judges must take them: runs first (C's first, A's first, then C's second), then submissions with every
    candidate's first before anyone's second, the automatic one last."""
    a, b, c, d = add_attempts(session, problem, 4)
    burst = [enqueue_for(session, problem, a) for _ in range(5)]
    b_submit = enqueue_for(session, problem, b)
    c_runs = [enqueue_for(session, problem, c, kind="samples") for _ in range(2)]
    d_auto = enqueue_for(session, problem, d, kind="auto")
    a_run = enqueue_for(session, problem, a, kind="samples")
    d_submit = enqueue_for(session, problem, d)
    return [c_runs[0], a_run, c_runs[1], burst[0], b_submit, d_submit, *burst[1:], d_auto]
