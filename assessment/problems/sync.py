"""`assessment sync`: load a problems/ tree into the database, idempotently and in one transaction.

- A tree with any error changes nothing.
- Positions are created or updated from position.yaml (`config_hash` records what was loaded).
- A problem or essay prompt whose content hash equals its current version's is unchanged; one that matches an older
  version points back to it; anything else becomes a new version (number + 1). Problem versions get a read-only
  snapshot at <snapshot_dir>/<content_hash>/.
- Problems, prompts and positions missing from the tree are retired (never deleted); re-adding un-retires them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..enums import Unlock
from .essay import EssaySpec
from .issues import Issue
from .kattis import ProblemPackage
from .snapshot import snapshot_package
from .tree import PositionSpec, Tree, load_tree

if TYPE_CHECKING:
    from assessment.models.content import EssayPrompt, EssayPromptVersion, Position, Problem, ProblemVersion

KINDS = ("positions", "problems", "essays")
ACTIONS = ("created", "updated", "unchanged", "retired")


@dataclass
class SyncReport:
    counts: dict[str, Counter[str]] = field(default_factory=lambda: {k: Counter() for k in KINDS})
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, kind: str, action: str) -> int:
        return self.counts[kind][action]

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {kind: {action: self.counts[kind][action] for action in ACTIONS} for kind in KINDS}

    @property
    def changed(self) -> bool:
        return any(self.counts[k][a] for k in KINDS for a in ("created", "updated", "retired"))

    def summary(self) -> str:
        if self.errors:
            return f"sync aborted: {len(self.errors)} error(s); nothing was changed"
        parts = []
        for kind in KINDS:
            c = self.counts[kind]
            parts.append(
                f"{kind}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged, "
                f"{c['retired']} retired"
            )
        return "; ".join(parts)


def _now() -> datetime:
    from assessment.models._common import utcnow

    return utcnow()


def _sync_position(session: Session, spec: PositionSpec, report: SyncReport) -> Position:
    from assessment.models.content import Position

    cfg = spec.config
    position = session.scalar(select(Position).where(Position.slug == spec.slug))
    config_hash = cfg.config_hash()
    if position is None:
        position = Position(slug=spec.slug)
        session.add(position)
        report.counts["positions"]["created"] += 1
        report.changes.append(f"position {spec.slug}: created")
    elif position.config_hash == config_hash and position.retired_at is None:
        report.counts["positions"]["unchanged"] += 1
        return position
    else:
        report.counts["positions"]["updated"] += 1
        report.changes.append(f"position {spec.slug}: " + ("restored" if position.retired_at else "updated"))
    position.title = cfg.title
    position.description_md = cfg.description
    position.duration_minutes = cfg.duration_minutes
    position.has_coding = cfg.has_coding
    position.has_essay = cfg.has_essay
    position.weight_coding = float(cfg.weights.get("coding", 0.0))
    position.weight_essay = float(cfg.weights.get("essay", 0.0))
    position.languages = list(cfg.languages)
    position.unlock = Unlock(cfg.unlock)
    position.application_opens_at = cfg.opens_at
    position.application_closes_at = cfg.closes_at
    position.test_deadline_at = cfg.test_deadline
    position.reviews_per_essay = cfg.reviews_per_essay
    position.adjudication_threshold = float(cfg.adjudication_threshold)
    position.sort_order = cfg.order
    position.scoring_rule = cfg.scoring
    position.timezone = cfg.timezone
    position.interview = cfg.interview
    position.config_hash = config_hash
    position.retired_at = None
    session.flush()
    return position


def _point_to(
    item: Problem | EssayPrompt,
    versions: Sequence[ProblemVersion | EssayPromptVersion],
    content_hash: str,
    kind: str,
    report: SyncReport,
    label: str,
) -> bool:
    """Shared version logic; returns True when a new version must be created."""
    current = item.current_version
    if current is not None and current.content_hash == content_hash:
        if item.retired_at is not None:
            item.retired_at = None
            report.counts[kind]["updated"] += 1
            report.changes.append(f"{label}: restored (version {current.number})")
        else:
            report.counts[kind]["unchanged"] += 1
        return False
    old = next((v for v in versions if v.content_hash == content_hash), None)
    if old is not None:
        item.current_version = old
        item.retired_at = None
        report.counts[kind]["updated"] += 1
        report.changes.append(f"{label}: back to version {old.number}")
        return False
    return True


def _sync_problem(
    session: Session, position: Position, package: ProblemPackage, order: int, snapshot_dir: Path, report: SyncReport
) -> Problem:
    from assessment.models.content import Problem, ProblemVersion

    found = session.scalar(select(Problem).where(Problem.position_id == position.id, Problem.slug == package.name))
    label = f"problem {position.slug}/{package.name}"
    created = found is None
    if found is None:
        problem = Problem(position_id=position.id, slug=package.name, sort_order=order)
        session.add(problem)
        session.flush()
    else:
        problem = found
    problem.sort_order = order
    content_hash = package.content_hash()
    if not created and not _point_to(problem, problem.versions, content_hash, "problems", report, label):
        return problem
    snapshot = snapshot_package(package.path, content_hash, snapshot_dir)
    number = max((v.number for v in problem.versions), default=0) + 1
    version = ProblemVersion(
        problem_id=problem.id,
        number=number,
        content_hash=content_hash,
        title=package.title,
        statement_md=package.statement_md,
        time_limit_s=float(package.time_limit_s),
        memory_mb=int(package.memory_mb),
        format_version=package.format_version,
        snapshot_path=str(snapshot.resolve()),
        sample_count=len(package.samples),
        secret_count=len(package.secret),
        statement_format=package.statement_format,
        statement_file=package.statement_file,
        problem_type=package.problem_type,
        max_points=package.max_points,
        translations=package.statement_translations,
    )
    session.add(version)
    problem.versions.append(version)
    session.flush()
    problem.current_version = version
    problem.retired_at = None
    report.counts["problems"]["created" if created else "updated"] += 1
    report.changes.append(f"{label}: {'created' if created else 'new'} version {number}")
    return problem


def _sync_essay(session: Session, position: Position, essay: EssaySpec, order: int, report: SyncReport) -> EssayPrompt:
    from assessment.models.content import EssayPrompt, EssayPromptVersion, RubricCriterion, RubricLevel

    found = session.scalar(
        select(EssayPrompt).where(EssayPrompt.position_id == position.id, EssayPrompt.slug == essay.slug)
    )
    label = f"essay {position.slug}/{essay.slug}"
    created = found is None
    if found is None:
        prompt = EssayPrompt(position_id=position.id, slug=essay.slug, sort_order=order)
        session.add(prompt)
        session.flush()
    else:
        prompt = found
    prompt.sort_order = order
    content_hash = essay.content_hash()
    if not created and not _point_to(prompt, prompt.versions, content_hash, "essays", report, label):
        return prompt
    number = max((v.number for v in prompt.versions), default=0) + 1
    version = EssayPromptVersion(
        prompt_id=prompt.id,
        number=number,
        content_hash=content_hash,
        title=essay.title,
        body_md=essay.body_md,
        min_words=essay.min_words,
        max_words=essay.max_words,
        translations=essay.translations,
    )
    for index, criterion in enumerate(essay.criteria):
        row = RubricCriterion(sort_order=index, name=criterion.name, description=criterion.description)
        row.levels = [
            RubricLevel(label=level.label, points=float(level.points), description=level.description)
            for level in criterion.levels
        ]
        version.criteria.append(row)
    session.add(version)
    prompt.versions.append(version)
    session.flush()
    prompt.current_version = version
    prompt.retired_at = None
    report.counts["essays"]["created" if created else "updated"] += 1
    report.changes.append(f"{label}: {'created' if created else 'new'} version {number}")
    return prompt


def sync_tree(session: Session, tree: Tree, snapshot_dir: Path, *, actor: Any = None) -> SyncReport:
    """Apply `tree` to the database in one transaction (committed here); a tree with errors changes nothing."""
    from assessment.models.audit import audit as audit_entry
    from assessment.models.content import EssayPrompt, Position, Problem

    audit = cast(Callable[..., Any], audit_entry)

    report = SyncReport(errors=list(tree.errors), warnings=list(tree.warnings))
    if report.errors:
        return report
    snapshot_dir = Path(snapshot_dir)
    try:
        now = _now()
        seen_positions = set()
        for spec in tree.positions:
            position = _sync_position(session, spec, report)
            seen_positions.add(position.id)
            problem_ids, prompt_ids = set(), set()
            for order, package in enumerate(sorted(spec.problems, key=lambda p: p.name)):
                problem_ids.add(_sync_problem(session, position, package, order, snapshot_dir, report).id)
            for order, essay in enumerate(sorted(spec.essays, key=lambda e: e.slug)):
                prompt_ids.add(_sync_essay(session, position, essay, order, report).id)
            for problem in session.scalars(select(Problem).where(Problem.position_id == position.id)):
                if problem.id not in problem_ids and problem.retired_at is None:
                    problem.retired_at = now
                    report.counts["problems"]["retired"] += 1
                    report.changes.append(f"problem {spec.slug}/{problem.slug}: retired")
            for prompt in session.scalars(select(EssayPrompt).where(EssayPrompt.position_id == position.id)):
                if prompt.id not in prompt_ids and prompt.retired_at is None:
                    prompt.retired_at = now
                    report.counts["essays"]["retired"] += 1
                    report.changes.append(f"essay {spec.slug}/{prompt.slug}: retired")
        for position in session.scalars(select(Position)):
            if position.id not in seen_positions and position.retired_at is None:
                position.retired_at = now
                report.counts["positions"]["retired"] += 1
                report.changes.append(f"position {position.slug}: retired")
        if report.changed:
            audit(session, "content.sync", actor=actor, source=str(tree.root), **report.as_dict())
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return report


def sync_from_dir(
    session: Session, problems_dir: Path, snapshot_dir: Path, *, run_input_validators: bool = False, actor: Any = None
) -> SyncReport:
    """Load `problems_dir` (strictly; optionally running the input validators) and sync it."""
    if run_input_validators:
        from .validate import validate_tree

        validation = validate_tree(problems_dir, run_input_validators=True)
        tree = validation.tree
        tree.issues = list(validation.issues)
    else:
        tree = load_tree(Path(problems_dir), strict=True)
    return sync_tree(session, tree, snapshot_dir, actor=actor)
