"""The statistics a hiring committee reads about one position before it trusts its scores, read from the database
and computed with assessment.selection.stats; the same figures feed the page, the JSON and the CSV export.

Essays (per prompt, and for the position with every prompt pooled): agreement between graders (ICC(1,1), ICC(1,k),
Krippendorff's alpha, with how many essays they rest on), each grader's mean offset from their co-graders and the
adjudication rate. Only final answers and submitted grades of role "grader" count: adjudicators grade only the essays
on which graders disagreed, so counting them would bias agreement and offsets. Scores are shares of the rubric's
maximum (a prompt's rubric may change between versions), offsets percentage points.

Coding problems: over the candidates whose test is over, the pass rate of each test group, the distribution of the
problem's score and its discrimination (corrected item-total correlation against the total as the board computes
it, from the rules in assessment.selection.scoring)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import EssayAnswer, Position, Submission, TestResult, User, Verdict, utcnow
from . import scoring
from .board import csv_cell
from .essay_queue import AnswerState, answer_states, final_answers
from .evidence import attempts_by_application, graded_answers, scored_submissions
from .stats import agreement, items
from .stats.agreement import Adjudication, Alpha, Icc


@dataclass(frozen=True)
class GraderOffset:
    reviewer_id: int
    name: str
    essays: int
    mean: float  # percentage points
    low: float | None
    high: float | None

    @property
    def enough(self) -> bool:
        return self.essays >= agreement.MIN_GRADER_ESSAYS


@dataclass
class EssayAgreement:
    key: str  # the prompt's slug, or "" for the whole position
    title: str
    essays: int  # final answers
    graded_twice: int  # answers with at least two submitted grader grades
    icc: Icc | None
    alpha: Alpha | None
    adjudication: Adjudication
    offsets: list[GraderOffset]
    pairs: list[tuple[float, float]]  # the first two graders' scores of each essay graded twice, in percent

    @property
    def enough(self) -> bool:
        return self.graded_twice >= agreement.MIN_ESSAYS


@dataclass(frozen=True)
class GroupPassRate:
    group: str
    passed: int
    candidates: int

    @property
    def rate(self) -> float | None:
        return items.pass_rate(self.passed, self.candidates)


@dataclass
class ProblemItem:
    problem_id: int
    key: str
    title: str
    candidates: int
    submitted: int
    summary: items.Summary  # of the scores in percent
    histogram: list[int]
    groups: list[GroupPassRate]
    discrimination: float | None

    @property
    def enough(self) -> bool:
        return self.candidates >= items.MIN_CANDIDATES


@dataclass
class PositionStatistics:
    slug: str
    title: str
    generated_at: datetime
    candidates: int  # whose test is over
    essay_position: EssayAgreement | None  # every prompt pooled; None without essays
    essay_prompts: list[EssayAgreement] = field(default_factory=list)
    problems: list[ProblemItem] = field(default_factory=list)
    all_graders_shown: bool = True  # False when the viewer sees only their own offset


# ------------------------------------------------------------------------------------------------------- essays


def _grader_scores(state: AnswerState, maximum: float) -> dict[int, float]:
    """reviewer id -> share of the rubric maximum, for the answer's submitted grader grades."""
    if maximum <= 0:
        return {}
    return {r.reviewer_id: (r.total or 0.0) / maximum for r in state.submitted_graders}


def _essay_agreement(
    key: str, title: str, answers: list[EssayAnswer], states: dict[int, AnswerState], names: dict[int, str]
) -> EssayAgreement:
    per_essay: list[dict[int, float]] = []
    flags: list[tuple[bool, bool]] = []
    pairs: list[tuple[float, float]] = []
    for answer in answers:
        state = states[answer.id]
        scores = _grader_scores(state, answer.prompt_version.max_points)
        per_essay.append(scores)
        if len(scores) >= 2:
            flags.append((state.flagged, state.adjudicated))
            first, second = (scores[r.reviewer_id] for r in state.submitted_graders[:2])
            pairs.append((round(first * 100, 2), round(second * 100, 2)))
    units = [list(s.values()) for s in per_essay]
    offsets = [
        GraderOffset(
            o.grader,
            names.get(o.grader, ""),
            o.essays,
            o.mean * 100,
            None if o.low is None else o.low * 100,
            None if o.high is None else o.high * 100,
        )
        for o in agreement.grader_offsets(per_essay)
    ]
    return EssayAgreement(
        key=key,
        title=title,
        essays=len(answers),
        graded_twice=len(agreement.pairable(units)),
        icc=agreement.icc_oneway(units),
        alpha=agreement.krippendorff_alpha_interval(units),
        adjudication=agreement.adjudication(flags),
        offsets=offsets,
        pairs=pairs,
    )


def _essays(db: Session, position: Position) -> tuple[EssayAgreement | None, list[EssayAgreement]]:
    prompts = position.active_prompts
    if not position.has_essay or not prompts:
        return None, []
    answers = final_answers(db, position)
    states = answer_states(db, position, answers)
    reviewer_ids = {r.reviewer_id for s in states.values() for r in s.submitted_graders}
    names: dict[int, str] = {}
    for user_id, name in db.execute(select(User.id, User.name).where(User.id.in_(reviewer_ids))):
        names[user_id] = name
    overall = _essay_agreement("", position.title, answers, states, names)
    per_prompt = []
    for prompt in prompts:
        mine = [a for a in answers if a.prompt_id == prompt.id]
        title = prompt.current_version.title if prompt.current_version else prompt.slug
        per_prompt.append(_essay_agreement(prompt.slug, title, mine, states, names))
    return overall, per_prompt


# ------------------------------------------------------------------------------------------------------ problems


def _group_outcomes(db: Session, submission_ids: list[int]) -> dict[int, dict[str, bool]]:
    """submission id -> {test group: every test of it accepted}, hidden groups (sample groups only when a submission
    ran on samples alone, as for a package with sample data only), groups in the order their tests ran."""
    rows: dict[int, list[tuple[int, str, bool, Verdict]]] = defaultdict(list)
    chunk = 500
    for start in range(0, len(submission_ids), chunk):
        ids = submission_ids[start : start + chunk]
        for sub_id, ordinal, group, is_sample, verdict in db.execute(
            select(
                TestResult.submission_id, TestResult.ordinal, TestResult.group, TestResult.is_sample, TestResult.verdict
            )
            .where(TestResult.submission_id.in_(ids))
            .order_by(TestResult.submission_id, TestResult.ordinal)
        ):
            rows[sub_id].append((ordinal, group, is_sample, verdict))
    result: dict[int, dict[str, bool]] = {}
    for sub_id, results in rows.items():
        hidden = [r for r in results if not r[2]] or results
        outcome: dict[str, bool] = {}
        for _, group, _, verdict in hidden:
            outcome[group] = outcome.get(group, True) and verdict == Verdict.AC
        result[sub_id] = outcome
    return result


def _problems(db: Session, position: Position) -> tuple[int, list[ProblemItem]]:
    attempts = [a for a in attempts_by_application(db, position).values() if a.finished_at is not None]
    attempts.sort(key=lambda a: a.id)
    problems = position.active_problems
    prompts = position.active_prompts
    has_coding = position.has_coding and bool(problems)
    has_essay = position.has_essay and bool(prompts)
    if not has_coding:
        return len(attempts), []
    rule = scoring.rule_of(position)
    by_key: dict[tuple[int | None, int], list[Submission]] = defaultdict(list)
    for sub in scored_submissions(db, [a.id for a in attempts], [p.id for p in problems]):
        by_key[(sub.attempt_id, sub.problem_id)].append(sub)
    counted = {key: scoring.counted_submission(subs, rule) for key, subs in by_key.items()}
    outcomes = _group_outcomes(db, sorted(s.id for s in counted.values() if s is not None))

    # Each candidate's total exactly as the board computes it (assessment.selection.scoring).
    essay_scores: dict[int, float | None] = {}
    if has_essay:
        answers = final_answers(db, position)
        grades = graded_answers(db, answers)
        mine: dict[int, dict[int, int]] = defaultdict(dict)
        for answer in answers:
            mine[answer.attempt_id][answer.prompt_id] = answer.id
        for attempt in attempts:
            own = mine.get(attempt.id, {})
            essay_scores[attempt.id] = scoring.position_essay_score(
                [grades[own[p.id]].score if p.id in own else None for p in prompts]
            )
    scores = {
        (a.id, p.id): scoring.problem_score(((s.kind, s.score) for s in by_key[(a.id, p.id)]), rule)
        for a in attempts
        for p in problems
    }
    totals = [
        scoring.weighted_total(
            scoring.coding_score([scores[(a.id, p.id)] for p in problems]),
            essay_scores.get(a.id),
            position.weight_coding,
            position.weight_essay if has_essay else 0.0,
        )
        for a in attempts
    ]
    weight = position.weight_coding / len(problems)

    result = []
    for problem in problems:
        values = [scores[(a.id, problem.id)] for a in attempts]
        submitted = [counted.get((a.id, problem.id)) for a in attempts]
        group_names: list[str] = []
        passed: dict[str, int] = defaultdict(int)
        for chosen in submitted:
            for group, ok in (outcomes.get(chosen.id, {}) if chosen is not None else {}).items():
                if group not in group_names:
                    group_names.append(group)
                passed[group] += 1 if ok else 0
        version = problem.current_version
        result.append(
            ProblemItem(
                problem_id=problem.id,
                key=problem.slug,
                title=version.title if version else problem.slug,
                candidates=len(attempts),
                submitted=sum(1 for s in submitted if s is not None),
                summary=items.describe([v * 100 for v in values]),
                histogram=items.histogram(values),
                groups=[GroupPassRate(g, passed[g], len(attempts)) for g in group_names],
                discrimination=items.corrected_item_total(values, totals, weight),
            )
        )
    return len(attempts), result


def position_statistics(db: Session, position: Position) -> PositionStatistics:
    candidates, problems = _problems(db, position)
    overall, prompts = _essays(db, position)
    return PositionStatistics(
        slug=position.slug,
        title=position.title,
        generated_at=utcnow(),
        candidates=candidates,
        essay_position=overall,
        essay_prompts=prompts,
        problems=problems,
    )


def for_viewer(stats: PositionStatistics, *, every_grader: bool, reviewer_id: int | None) -> PositionStatistics:
    """The figures as one viewer may see them: every grader's offset, or only the viewer's own."""
    if every_grader:
        return stats

    def own(section: EssayAgreement | None) -> EssayAgreement | None:
        if section is None:
            return None
        return replace(section, offsets=[o for o in section.offsets if o.reviewer_id == reviewer_id])

    return replace(
        stats,
        essay_position=own(stats.essay_position),
        essay_prompts=[s for s in (own(p) for p in stats.essay_prompts) if s is not None],
        all_graders_shown=False,
    )


# -------------------------------------------------------------------------------------------------------- export


def _round(value: float | None, digits: int = 4) -> float | None:
    if value is None or value != value or value in (float("inf"), float("-inf")):
        return None
    return round(value, digits)


def _agreement_json(section: EssayAgreement) -> dict[str, Any]:
    icc, alpha = section.icc, section.alpha
    enough = section.enough
    return {
        "prompt": section.key or None,
        "title": section.title,
        "essays": section.essays,
        "essays_graded_twice": section.graded_twice,
        "enough_data": enough,
        "minimum_essays": agreement.MIN_ESSAYS,
        "icc_1_1": _round(icc.single) if icc and enough else None,
        "icc_1_1_ci95": [_round(icc.single_low), _round(icc.single_high)] if icc and enough else None,
        "icc_1_k": _round(icc.average) if icc and enough else None,
        "icc_1_k_ci95": [_round(icc.average_low), _round(icc.average_high)] if icc and enough else None,
        "grades_per_essay": _round(icc.k, 2) if icc else None,
        "krippendorff_alpha_interval": _round(alpha.value) if alpha and enough else None,
        "adjudication": {
            "essays": section.adjudication.essays,
            "flagged": section.adjudication.flagged,
            "adjudicated": section.adjudication.adjudicated,
            "rate": _round(section.adjudication.rate),
        },
        "grader_offsets": [
            {
                "reviewer_id": o.reviewer_id,
                "name": o.name,
                "essays": o.essays,
                "enough_data": o.enough,
                "mean_offset_points": _round(o.mean, 2) if o.enough else None,
                "ci95": [_round(o.low, 2), _round(o.high, 2)] if o.enough and o.low is not None else None,
            }
            for o in section.offsets
        ],
    }


def as_json(stats: PositionStatistics) -> dict[str, Any]:
    return {
        "position": stats.slug,
        "title": stats.title,
        "generated_at": stats.generated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "methods": {
            "agreement": "ICC(1,1) and ICC(1,k): one-way random effects, absolute agreement (Shrout & Fleiss case 1), "
            "for essays graded by different graders; Krippendorff's alpha, interval metric; scores as shares of the "
            "rubric maximum; grader role only",
            "grader_offset": "grader's score minus the mean of the co-graders' scores of the same essay, in percentage "
            "points, averaged over the grader's essays; 95 % t interval",
            "discrimination": "corrected item-total correlation: Pearson r between the problem score and the total "
            "without that problem's contribution",
        },
        "all_graders_shown": stats.all_graders_shown,
        "candidates_with_test_over": stats.candidates,
        "essays": {
            "position": _agreement_json(stats.essay_position) if stats.essay_position else None,
            "prompts": [_agreement_json(p) for p in stats.essay_prompts],
        },
        "problems": [
            {
                "problem": p.key,
                "title": p.title,
                "candidates": p.candidates,
                "submitted": p.submitted,
                "mean_score": _round(p.summary.mean, 2),
                "median_score": _round(p.summary.median, 2),
                "sd_score": _round(p.summary.sd, 2),
                "score_histogram": {"bin_width_percent": 100 // items.BINS, "counts": p.histogram},
                "test_groups": [
                    {"group": g.group, "passed": g.passed, "candidates": g.candidates, "pass_rate": _round(g.rate)}
                    for g in p.groups
                ],
                "enough_data": p.enough,
                "minimum_candidates": items.MIN_CANDIDATES,
                "discrimination": _round(p.discrimination) if p.enough else None,
            }
            for p in stats.problems
        ],
    }


CSV_COLUMNS = ("section", "key", "title", "statistic", "value", "ci95_low", "ci95_high", "n", "note")


def _csv_rows(stats: PositionStatistics) -> Iterator[tuple[Any, ...]]:
    not_enough = "not enough data"
    sections = [("position essays", s) for s in [stats.essay_position] if s] + [
        ("prompt", s) for s in stats.essay_prompts
    ]
    for name, s in sections:
        data = _agreement_json(s)
        note = "" if s.enough else f"{not_enough}: at least {agreement.MIN_ESSAYS} essays graded twice are needed"
        for stat, key in (("ICC(1,1)", "icc_1_1"), ("ICC(1,k)", "icc_1_k")):
            ci = data[key + "_ci95"] or [None, None]
            yield name, s.key, s.title, stat, data[key], ci[0], ci[1], s.graded_twice, note
        yield (
            name,
            s.key,
            s.title,
            "Krippendorff alpha (interval)",
            data["krippendorff_alpha_interval"],
            None,
            None,
            (s.graded_twice),
            note,
        )
        adj = s.adjudication
        yield (
            name,
            s.key,
            s.title,
            "adjudication rate",
            _round(adj.rate),
            None,
            None,
            adj.essays,
            (f"{adj.flagged} flagged, {adj.adjudicated} adjudicated"),
        )
        for o in s.offsets:
            yield (
                name,
                s.key,
                s.title,
                f"grader offset: {o.name}",
                _round(o.mean, 2) if o.enough else None,
                (_round(o.low, 2) if o.enough else None),
                _round(o.high, 2) if o.enough else None,
                o.essays,
                "" if o.enough else not_enough,
            )
    for p in stats.problems:
        for g in p.groups:
            yield (
                "problem",
                p.key,
                p.title,
                f"pass rate: {g.group}",
                _round(g.rate),
                None,
                None,
                g.candidates,
                (f"{g.passed} passed"),
            )
        yield "problem", p.key, p.title, "mean score", _round(p.summary.mean, 2), None, None, p.candidates, ""
        yield "problem", p.key, p.title, "median score", _round(p.summary.median, 2), None, None, p.candidates, ""
        for index, count in enumerate(p.histogram):
            width = 100 // items.BINS
            yield (
                "problem",
                p.key,
                p.title,
                f"scores {index * width}-{(index + 1) * width}",
                count,
                None,
                None,
                (p.candidates),
                "",
            )
        yield (
            "problem",
            p.key,
            p.title,
            "discrimination (corrected item-total r)",
            (_round(p.discrimination) if p.enough else None),
            None,
            None,
            p.candidates,
            "" if p.enough else (f"{not_enough}: at least {items.MIN_CANDIDATES} candidates are needed"),
        )


def _csv_value(value: Any) -> str:
    """Numbers as they are (offsets and correlations may be negative); text, which people typed (titles, names), with
    the board's neutralising of what a spreadsheet would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    return csv_cell(value)


def csv_text(stats: PositionStatistics) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in _csv_rows(stats):
        writer.writerow([_csv_value(value) for value in row])
    return buffer.getvalue()
