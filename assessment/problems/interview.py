"""position.yaml `interview`: the interview stage of a position (length of an interview, how long before it booking
and changes close, how often a candidate may reschedule, and the scorecard's criteria and rating scale)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import checks
from .issues import Collector

KEYS = {"duration_minutes", "notice_hours", "max_reschedules", "scale", "criteria"}
CRITERION_KEYS = {"name", "description"}
DEFAULTS: dict[str, int] = {"duration_minutes": 45, "notice_hours": 24, "max_reschedules": 2, "scale": 5}
MAX_CRITERIA = 10
EXAMPLE = "interview: {criteria: [{name: Problem solving}, {name: Communication}]}"


def load_interview(c: Collector, path: Path, value: Any) -> dict[str, Any] | None:
    """The normalised `interview` map (every key present), or None when the position has no interview stage."""
    if value is None:
        return None
    data = checks.mapping(c, path, "interview", value)
    if data is None:
        return None
    checks.unknown_keys(c, path, "interview", data, KEYS)
    result: dict[str, Any] = dict(DEFAULTS)
    limits = {"duration_minutes": (10, 480), "notice_hours": (0, 336), "max_reschedules": (0, 10), "scale": (2, 10)}
    for key, (low, high) in limits.items():
        number = checks.integer(c, path, f"interview.{key}", data.get(key), minimum=low, maximum=high)
        if number is not None:
            result[key] = number
    criteria: list[dict[str, str]] = []
    raw = data.get("criteria")
    if not isinstance(raw, list) or not raw:
        c.error(path, f"`interview.criteria` must list what interviewers rate, e.g. {EXAMPLE}")
    elif len(raw) > MAX_CRITERIA:
        c.error(path, f"`interview.criteria` lists {len(raw)} criteria; keep it to at most {MAX_CRITERIA}")
    else:
        for index, item in enumerate(raw, start=1):
            where = f"interview.criteria[{index}]"
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, dict):
                c.error(path, f"`{where}` must be a map such as {{name: Communication, description: ...}}")
                continue
            checks.unknown_keys(c, path, where, item, CRITERION_KEYS)
            name = checks.string(c, path, f"{where}.name", item.get("name"), required=True)
            description = checks.string(c, path, f"{where}.description", item.get("description"), nonempty=False)
            if name is None:
                continue
            if any(existing["name"] == name.strip() for existing in criteria):
                c.error(path, f"`{where}.name` {name!r} is listed twice")
                continue
            criteria.append({"name": name.strip(), "description": (description or "").strip()})
    result["criteria"] = criteria
    return result
