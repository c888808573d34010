"""The selection board of a position: one row per candidate who started the test, ranked by weighted total.

The same rows feed the HTML page, the CSV export, the page's JSON export and the JSON API (`board_rows`,
`board_document`), so all of them agree. A viewer who may not see identities (assessment.selection.access) gets the
same rows with the name replaced by the pseudonym and the email and decision notes left empty (`blind`); an
interviewer who has not yet submitted their scorecard of a candidate gets that candidate's interview score left empty
(`hide_interview_scores`). Weights are the position's effective weights (selection/weights.py)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..enums import DecisionStage
from ..models import Application, DecisionKind, IntegrityEvent, Position, Scorecard
from . import scoring, weights
from .essay_queue import answer_states, final_answers
from .evidence import attempts_by_application, graded_answers, integrity_by_attempt, scored_submissions, similar_pairs
from .integrity import summary as integrity_summary

COLUMNS = (
    "rank",
    "application_id",
    "name",
    "email",
    "coding_score",
    "essay_score",
    "total",
    "essays_graded",
    "essays_needed",
    "similarity_max",
    "similar_pairs",
    "integrity_events",
    "decision",
    "decision_note",
    "decided_by",
    "decided_at",
    "pseudonym",
    "scoring_rule",
    "interview_score",
    "scorecards",
    "final_decision",
    "final_decision_note",
    "withdrawn_at",
)


@dataclass
class BoardRow:
    rank: int
    application_id: int
    name: str
    email: str
    coding_score: float | None  # percent, 2 decimals; None when the position has no coding part
    essay_score: float | None
    total: float
    essays_graded: int
    essays_needed: int
    similarity_max: float | None
    similar_pairs: int
    integrity_events: int
    decision: str
    decision_note: str
    decided_by: str
    decided_at: str
    pseudonym: str = ""
    scoring_rule: str = ""  # which submission of a problem counts (selection/scoring.py); "" without a coding part
    integrity_detail: str = ""
    # The candidate's signals and when their test ran, for the page's small timeline (not exported).
    integrity_signals: list[IntegrityEvent] = field(default_factory=list, repr=False)
    test_window: tuple[datetime, datetime] | None = None
    integrity_timeline: Markup | None = None  # drawn by the board page (review/integrity.py)
    raw_total: float = 0.0
    raw_coding: float = 0.0  # unrounded scores 0..1, for the page's what-if weights (not exported)
    raw_essay: float = 0.0
    interview_score: float | None = None  # percent, 2 decimals; None without a submitted scorecard
    scorecards: int = 0
    final_decision: str = ""  # the decision after the interviews
    final_decision_note: str = ""
    withdrawn_at: str = ""

    def export(self) -> dict:
        """The exported fields, in COLUMNS order."""
        return {key: getattr(self, key) for key in COLUMNS}


def cell(value) -> str:
    """How a value is written in the HTML table and the CSV (one formatter for both)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def board_rows(db: Session, position: Position) -> list[BoardRow]:
    # The applications with their people and decision histories, in one query each (not one per row); held here so
    # the rows below find them in the session.
    _loaded = db.scalars(
        select(Application)
        .where(Application.position_id == position.id)
        .options(selectinload(Application.decisions), selectinload(Application.user))
    ).all()
    attempts = attempts_by_application(db, position)
    attempt_ids = [a.id for a in attempts.values()]
    problems = position.active_problems
    prompts = position.active_prompts
    has_coding = position.has_coding and bool(problems)
    has_essay = position.has_essay and bool(prompts)

    best: dict[tuple[int | None, int], list[tuple[str, float | None]]] = defaultdict(list)
    for sub in scored_submissions(db, attempt_ids, [p.id for p in problems]):
        best[(sub.attempt_id, sub.problem_id)].append((sub.kind, sub.score))

    answers = final_answers(db, position)
    grades = graded_answers(db, answers)
    states = answer_states(db, position, answers)
    answers_by_attempt: dict[int, dict[int, int]] = defaultdict(dict)  # attempt -> prompt -> answer id
    for answer in answers:
        answers_by_attempt[answer.attempt_id][answer.prompt_id] = answer.id

    pairs = similar_pairs(db, position, attempts) if has_coding else []
    sim_max: dict[int, float] = {}
    sim_count: dict[int, int] = defaultdict(int)
    for pair in pairs:
        for app_id in (pair.application_a, pair.application_b):
            sim_max[app_id] = max(sim_max.get(app_id, 0.0), pair.score)
            sim_count[app_id] += 1
    integrity = integrity_by_attempt(db, attempt_ids)
    needed_per_answer = max(1, position.reviews_per_essay)
    rule = scoring.rule_of(position)
    weight = weights.effective(position)
    cards: dict[int, list[tuple[list[int], int]]] = defaultdict(list)
    if attempts:
        for card in db.scalars(select(Scorecard).where(Scorecard.application_id.in_(list(attempts)))):
            cards[card.application_id].append((list(card.ratings), card.scale))

    rows: list[BoardRow] = []
    for app_id, attempt in attempts.items():
        application = attempt.application
        coding = None
        if has_coding:
            coding = scoring.coding_score([scoring.problem_score(best[(attempt.id, p.id)], rule) for p in problems])
        essay = None
        graded = needed = 0
        if has_essay:
            mine = answers_by_attempt.get(attempt.id, {})
            essay = scoring.position_essay_score([grades[mine[p.id]].score if p.id in mine else None for p in prompts])
            for answer_id in mine.values():
                state = states[answer_id]
                graded += min(needed_per_answer, len(state.submitted_graders))
                needed += needed_per_answer
                if state.flagged:
                    needed += 1
                    graded += 1 if state.adjudicated else 0
        total = scoring.weighted_total(
            coding, essay, weight.coding if has_coding else 0.0, weight.essay if has_essay else 0.0
        )
        decision = application.decision
        final = application.decision_at(DecisionStage.INTERVIEW)
        events = integrity.get(attempt.id, [])
        rows.append(
            BoardRow(
                rank=0,
                application_id=app_id,
                name=application.user.name,
                email=application.user.email,
                coding_score=scoring.as_percent(coding),
                essay_score=scoring.as_percent(essay),
                total=scoring.as_percent(total),
                essays_graded=graded,
                essays_needed=needed,
                similarity_max=scoring.as_percent(sim_max.get(app_id)),
                similar_pairs=sim_count.get(app_id, 0),
                integrity_events=len(events),
                decision=decision.decision if decision else "",
                decision_note=decision.note if decision else "",
                decided_by=decision.decided_by.name if decision and decision.decided_by else "",
                decided_at=decision.decided_at.strftime("%Y-%m-%dT%H:%M:%SZ") if decision else "",
                pseudonym=application.pseudonym_label,
                scoring_rule=rule.value if has_coding else "",
                integrity_detail=integrity_summary(events),
                integrity_signals=events,
                test_window=(attempt.started_at, attempt.finished_at or attempt.deadline_at),
                raw_total=total,
                raw_coding=coding or 0.0,
                raw_essay=essay or 0.0,
                interview_score=scoring.as_percent(scoring.interview_score(cards.get(app_id, []))),
                scorecards=len(cards.get(app_id, [])),
                final_decision=final.decision if final else "",
                final_decision_note=final.note if final else "",
                withdrawn_at=application.withdrawn_at.strftime("%Y-%m-%dT%H:%M:%SZ")
                if application.withdrawn_at
                else "",
            )
        )
    rows.sort(key=lambda r: (-r.raw_total, r.application_id))
    for index, row in enumerate(rows, start=1):
        row.rank = index
    return rows


def blind(rows: list[BoardRow]) -> list[BoardRow]:
    """The rows for a viewer who may not see identities: pseudonyms instead of names, no emails, no notes."""
    for row in rows:
        row.name, row.email, row.decision_note, row.final_decision_note = row.pseudonym, "", "", ""
    return rows


def hide_interview_scores(rows: list[BoardRow], application_ids: set[int]) -> list[BoardRow]:
    """Leave out the interview score of the candidates whose scorecard the viewer still owes."""
    for row in rows:
        if row.application_id in application_ids:
            row.interview_score = None
    return rows


def board_document(position: Position, rows: list[BoardRow], generated_at: datetime) -> dict:
    """The board as one JSON document (the page's JSON export and the API)."""
    weight = weights.effective(position)
    return {
        "position": {
            "slug": position.slug,
            "title": position.title,
            "weight_coding": weight.coding,
            "weight_essay": weight.essay,
            "weights_source": weight.source.value,
            "weights_position_yaml": weights.defaults(position).as_dict(),
            "scoring_rule": scoring.rule_of(position).value,
            "scoring_rule_text": str(scoring.words(position).staff),
            "timezone": position.timezone,
            "grading_closed_at": iso(position.grading_closed_at),
            "decisions_released_at": iso(position.decisions_released_at),
        },
        "generated_at": iso(generated_at),
        "columns": list(COLUMNS),
        "shortlist_cutoff": shortlist_cutoff(rows),
        "rows": [row.export() for row in rows],
    }


def iso(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def shortlist_cutoff(rows: list[BoardRow]) -> float | None:
    shortlisted = [r.total for r in rows if r.decision == DecisionKind.SHORTLIST]
    return min(shortlisted) if shortlisted else None


# A spreadsheet runs a cell that starts with one of these as a formula (names and notes are typed by people).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A CSV cell as a spreadsheet will show it: the board's text, with a leading apostrophe when it would otherwise
    be run as a formula (the OWASP advice for CSV injection). Scores are never negative, so numbers are untouched."""
    text = cell(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def board_csv_text(rows: list[BoardRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        data = row.export()
        writer.writerow([csv_cell(data[key]) for key in COLUMNS])
    return buffer.getvalue()
