"""The statistics page of a position (grader agreement, grader offsets, adjudication rate, coding problems as test
items) with its charts, and its JSON and CSV exports. The figures come from assessment.selection.position_stats; who
may see them is decided by assessment.selection.access (closed to a grader while their grading is open; every
grader's offset only for administrators and deciders) and enforced here on the page and on both exports."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, render_template
from flask_babel import gettext as _
from flask_login import current_user

from ..enums import FigureReading, Role
from ..extensions import session
from ..models import Position, utcnow
from ..selection import position_stats
from ..selection.position_stats import EssayAgreement, PositionStatistics, ProblemItem
from ..selection.stats import agreement, items
from ..web.roles import staff_required
from .access import may_see_every_grader_offset, statistics_position_or_403
from .blueprint import bp


def _readings() -> dict[FigureReading, str]:
    return {
        FigureReading.NEGATIVE: _("negative"),
        FigureReading.POOR: _("poor"),
        FigureReading.FAIR: _("fair"),
        FigureReading.MODERATE: _("moderate"),
        FigureReading.GOOD: _("good"),
        FigureReading.EXCELLENT: _("excellent"),
        FigureReading.UNRELIABLE: _("unreliable"),
        FigureReading.TENTATIVE: _("tentative"),
        FigureReading.RELIABLE: _("reliable"),
    }


def statistics_for_viewer(position: Position) -> PositionStatistics:
    stats = position_stats.position_statistics(session(), position)
    reviewer_id = current_user.id if current_user.role == Role.REVIEWER else None
    return position_stats.for_viewer(stats, every_grader=may_see_every_grader_offset(position), reviewer_id=reviewer_id)


def _chart(kind: str, labels: list[str] | None, datasets: list[dict[str, Any]], x_title: str, y_title: str, **extra):
    """A Chart.js configuration (static/js/review-statistics.js draws it as is)."""
    scales: dict[str, Any] = {
        "x": {"title": {"display": True, "text": x_title}},
        "y": {"title": {"display": True, "text": y_title}},
    }
    for axis, bounds in extra.pop("bounds", {}).items():
        scales[axis].update(bounds)
    options: dict[str, Any] = {
        "animation": False,
        "responsive": True,
        "maintainAspectRatio": False,
        "scales": scales,
        "plugins": {"legend": {"display": len(datasets) > 1}},
    }
    options.update(extra)
    data: dict[str, Any] = {"datasets": datasets}
    if labels is not None:
        data["labels"] = labels
    return {"type": kind, "data": data, "options": options}


def _scatter(section: EssayAgreement) -> dict[str, Any] | None:
    if not section.pairs:
        return None
    return _chart(
        "scatter",
        None,
        [
            {"label": _("Essays"), "data": [{"x": a, "y": b} for a, b in section.pairs], "pointRadius": 4},
            {
                "label": _("Same score"),
                "type": "line",
                "data": [{"x": 0, "y": 0}, {"x": 100, "y": 100}],
                "pointRadius": 0,
                "borderDash": [6, 4],
            },
        ],
        _("First grader's score (%)"),
        _("Second grader's score (%)"),
        bounds={"x": {"min": 0, "max": 100}, "y": {"min": 0, "max": 100}},
    )


def _offset_label(offset: position_stats.GraderOffset) -> str:
    return _("You") if offset.reviewer_id == getattr(current_user, "id", None) else offset.name


def _offsets_chart(section: EssayAgreement) -> dict[str, Any] | None:
    shown = [o for o in section.offsets if o.enough]
    if not shown:
        return None
    return _chart(
        "bar",
        [_offset_label(o) for o in shown],
        [
            {
                "label": _("Mean offset (points)"),
                "data": [round(o.mean, 2) for o in shown],
                "grouped": False,
                "barPercentage": 0.7,
            },
            {  # drawn over the mean's bar, thinner
                "label": _("%(level)s %% interval", level=95),
                "data": [
                    [round(o.low, 2), round(o.high, 2)] if o.low is not None and o.high is not None else None
                    for o in shown
                ],
                "grouped": False,
                "barPercentage": 0.15,
            },
        ],
        _("Percentage points from the co-graders (negative: harsher)"),
        _("Grader"),
        indexAxis="y",
    )


def _problem_charts(problem: ProblemItem) -> dict[str, Any]:
    width = 100 // items.BINS
    return {
        "groups": _chart(
            "bar",
            [g.group for g in problem.groups],
            [{"label": _("Pass rate (%)"), "data": [round((g.rate or 0) * 100, 1) for g in problem.groups]}],
            _("Test group"),
            _("Candidates who passed every test (%)"),
            bounds={"y": {"min": 0, "max": 100}},
        )
        if problem.groups
        else None,
        "histogram": _chart(
            "bar",
            [f"{i * width}–{(i + 1) * width}" for i in range(items.BINS)],
            [{"label": _("Candidates"), "data": problem.histogram}],
            _("Score (%)"),
            _("Candidates"),
            bounds={"y": {"beginAtZero": True, "ticks": {"precision": 0}}},
        ),
    }


def _discrimination_chart(problems: list[ProblemItem]) -> dict[str, Any] | None:
    shown = [p for p in problems if p.enough and p.discrimination is not None]
    if not shown:
        return None
    return _chart(
        "bar",
        [p.title for p in shown],
        [{"label": _("Corrected item-total correlation"), "data": [round(p.discrimination or 0, 3) for p in shown]}],
        _("Problem"),
        _("Correlation with the rest of the total"),
        bounds={"y": {"min": -1, "max": 1}},
    )


@bp.route("/positions/<slug>/statistics")
@staff_required
def statistics(slug: str):
    position = statistics_position_or_403(slug)
    stats = statistics_for_viewer(position)
    sections = [s for s in [stats.essay_position] if s is not None] + stats.essay_prompts
    return render_template(
        "review/statistics.html",
        position=position,
        stats=stats,
        sections=[
            {
                "s": s,
                "scope": f"prompt-{s.key}" if s.key else "position",
                "scatter": _scatter(s),
                "offsets": _offsets_chart(s),
            }
            for s in sections
        ],
        problems=[{"p": p, "charts": _problem_charts(p)} for p in stats.problems],
        discrimination_chart=_discrimination_chart(stats.problems),
        offset_label=_offset_label,
        icc_reading=agreement.icc_reading,
        alpha_reading=agreement.alpha_reading,
        discrimination_reading=items.discrimination_reading,
        readings=_readings(),
        min_essays=agreement.MIN_ESSAYS,
        min_grader_essays=agreement.MIN_GRADER_ESSAYS,
        min_candidates=items.MIN_CANDIDATES,
    )


@bp.route("/positions/<slug>/statistics.json")
@staff_required
def statistics_json(slug: str):
    position = statistics_position_or_403(slug)
    response = jsonify(position_stats.as_json(statistics_for_viewer(position)))
    filename = f"{position.slug}-statistics-{utcnow():%Y%m%d-%H%M}.json"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.route("/positions/<slug>/statistics.csv")
@staff_required
def statistics_csv(slug: str):
    position = statistics_position_or_403(slug)
    text = position_stats.csv_text(statistics_for_viewer(position))
    filename = f"{position.slug}-statistics-{utcnow():%Y%m%d-%H%M}.csv"
    return Response(
        text,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )
