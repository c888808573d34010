"""position.yaml: a position's configuration, every key type-checked."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sandbox.languages import LANGUAGES as LANGUAGE_TABLE

from ..enums import ScoringRule, Unlock
from ..timezones import is_zone, to_utc
from . import checks
from .interview import load_interview
from .issues import Collector, Issue
from .yamlutil import YamlError, load_file

LANGUAGES = tuple(LANGUAGE_TABLE)  # the sandbox's table of languages
PARTS = ("coding", "essay")
UNLOCK = tuple(Unlock)
KEYS = {
    "title",
    "description",
    "duration_minutes",
    "parts",
    "weights",
    "languages",
    "unlock",
    "application_window",
    "test_deadline",
    "reviews_per_essay",
    "adjudication_threshold",
    "order",
    "scoring",
    "timezone",
    "apply_by",
    "interview",
}
WINDOW_KEYS = {"opens", "closes"}


@dataclass
class PositionConfig:
    title: str
    description: str
    duration_minutes: int
    parts: list[str]
    weights: dict[str, float]
    languages: list[str] = field(default_factory=list)
    unlock: str = "on_apply"
    opens_at: datetime | None = None  # naive UTC
    closes_at: datetime | None = None  # naive UTC
    test_deadline: datetime | None = None  # naive UTC
    reviews_per_essay: int = 2
    adjudication_threshold: float = 2.0
    order: int = 0
    scoring: ScoringRule = ScoringRule.BEST  # which submission of a problem counts (assessment.selection.scoring)
    timezone: str = "UTC"  # the position's own zone: shown beside its deadlines; datetimes without a zone are in it
    interview: dict[str, Any] | None = None  # the interview stage (assessment.problems.interview), None without one

    @property
    def has_coding(self) -> bool:
        return "coding" in self.parts

    @property
    def has_essay(self) -> bool:
        return "essay" in self.parts

    def config_hash(self) -> str:
        data = asdict(self)
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def parse_datetime(c: Collector, file: Path, key: str, value: Any, zone: str = "UTC") -> datetime | None:
    """An ISO-8601 datetime as naive UTC; a value without a time zone is taken in `zone` (the position's)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        c.error(file, f"`{key}` needs a time as well as a date, e.g. {value.isoformat()}T09:00:00Z")
        return None
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            c.error(file, f"`{key}` is not an ISO-8601 datetime ({value!r}); write e.g. 2026-03-01T09:00:00Z")
            return None
    else:
        c.error(file, f"`{key}` must be an ISO-8601 datetime such as 2026-03-01T09:00:00Z")
        return None
    if parsed.tzinfo is not None:
        return parsed.astimezone(UTC).replace(tzinfo=None)
    try:
        return to_utc(parsed, zone)
    except ValueError as exc:
        c.error(file, f"`{key}`: {exc}; choose another time or give the offset, e.g. {parsed:%Y-%m-%dT%H:%M}+02:00")
        return None


def load_position(
    path: Path, *, has_coding_folder: bool, has_essay_folder: bool
) -> tuple[PositionConfig | None, list[Issue]]:
    """Read `path` (a position.yaml); the folder flags say which parts have content on disk."""
    c = Collector()
    try:
        data = load_file(path)
    except YamlError as exc:
        c.error(exc.path, exc.message if exc.line is None else f"line {exc.line}: {exc.message}")
        return None, c.issues
    if not isinstance(data, dict):
        c.error(path, "must be a map of `key: value` lines (see problems/README.md)")
        return None, c.issues
    checks.unknown_keys(c, path, "position.yaml", data, KEYS)

    title = checks.string(c, path, "title", data.get("title"), required=True)
    description = checks.string(c, path, "description", data.get("description"), required=True)
    duration = None
    if data.get("duration_minutes") is None:
        c.error(path, "`duration_minutes` is missing; add e.g. `duration_minutes: 90` (5..600)")
    else:
        duration = checks.integer(c, path, "duration_minutes", data.get("duration_minutes"), minimum=5, maximum=600)

    parts: list[str] = []
    raw_parts = data.get("parts")
    if raw_parts is None:
        c.error(path, "`parts` is missing; add `parts: [coding]`, `[essay]` or `[coding, essay]`")
    elif not isinstance(raw_parts, list) or not raw_parts or not all(isinstance(p, str) for p in raw_parts):
        c.error(path, "`parts` must be a list: [coding], [essay] or [coding, essay]")
    else:
        for part in raw_parts:
            if part not in PARTS:
                c.error(path, f"unknown part {part!r} in `parts`; use coding and/or essay")
            elif part in parts:
                c.error(path, f"`parts` lists {part!r} twice")
            else:
                parts.append(part)
    if raw_parts is not None and isinstance(raw_parts, list):
        folder = path.parent
        if "coding" in parts and not has_coding_folder:
            c.error(
                folder / "coding",
                "`parts` includes coding but there is no problem package in coding/; add one "
                "or remove coding from `parts`",
            )
        if "coding" not in parts and has_coding_folder:
            c.error(
                folder / "coding",
                "coding/ has problems but `parts` does not include coding; add it to `parts` or remove the folder",
            )
        if "essay" in parts and not has_essay_folder:
            c.error(
                folder / "essays",
                "`parts` includes essay but there is no prompt in essays/*.md; add one or remove essay from `parts`",
            )
        if "essay" not in parts and has_essay_folder:
            c.error(
                folder / "essays",
                "essays/ has prompts but `parts` does not include essay; add it to `parts` or remove the folder",
            )

    weights: dict[str, float] = {}
    raw_weights = data.get("weights")
    if raw_weights is None:
        if parts:
            c.error(path, "`weights` is missing; add e.g. `weights: {coding: 0.6, essay: 0.4}` (one per part, sum 1.0)")
    elif not isinstance(raw_weights, dict):
        c.error(path, "`weights` must be a map such as {coding: 0.6, essay: 0.4}")
    else:
        for key, value in raw_weights.items():
            if key not in PARTS:
                c.error(path, f"unknown weight {key!r}; use coding and/or essay")
            elif key not in parts and parts:
                c.error(path, f"`weights.{key}` is given but {key!r} is not in `parts`; remove it")
            else:
                number = checks.number(c, path, f"weights.{key}", value, minimum=0)
                if number is not None:
                    if number > 1:
                        c.error(path, f"`weights.{key}` must be between 0 and 1, found {number:g}")
                    weights[key] = number
        missing = [p for p in parts if p not in raw_weights]
        for part in missing:
            c.error(path, f"`weights.{part}` is missing; give every part a weight (the weights sum to 1.0)")
        if weights and not missing and len(weights) == len(parts) and abs(sum(weights.values()) - 1.0) > 1e-6:
            c.error(path, f"the weights sum to {sum(weights.values()):g}; they must sum to 1.0")

    languages: list[str] = []
    raw_languages = data.get("languages")
    if raw_languages is None:
        if "coding" in parts:
            c.error(
                path,
                f"`languages` is missing; list the allowed languages, e.g. `languages: [python, cpp]` "
                f"(any of {', '.join(LANGUAGES)})",
            )
    elif not isinstance(raw_languages, list) or not raw_languages or not all(isinstance(x, str) for x in raw_languages):
        c.error(path, f"`languages` must be a non-empty list drawn from {', '.join(LANGUAGES)}")
    else:
        for language in raw_languages:
            if language not in LANGUAGES:
                c.error(path, f"unknown language {language!r}; use any of {', '.join(LANGUAGES)}")
            elif language not in languages:
                languages.append(language)
        if "coding" not in parts and parts:
            c.warn(path, "`languages` is ignored: the position has no coding part")

    unlock = data.get("unlock", "on_apply")
    if unlock not in UNLOCK:
        c.error(path, f"`unlock` must be on_apply or on_release, found {unlock!r}")
        unlock = "on_apply"

    zone = "UTC"
    given_zone = data.get("timezone")
    if given_zone is not None:
        if is_zone(given_zone):
            zone = str(given_zone)
        else:
            c.error(
                path,
                f"`timezone` must be an IANA time zone name such as Europe/Copenhagen, Asia/Tokyo or UTC, "
                f"found {given_zone!r}",
            )

    opens = closes = None
    window = data.get("application_window")
    if window is not None:
        if not isinstance(window, dict):
            c.error(path, "`application_window` must be a map: {opens: <datetime>, closes: <datetime>}")
        else:
            checks.unknown_keys(c, path, "application_window", window, WINDOW_KEYS)
            opens = parse_datetime(c, path, "application_window.opens", window.get("opens"), zone)
            closes = parse_datetime(c, path, "application_window.closes", window.get("closes"), zone)
    # `apply_by` is the apply-by date on its own: the same fact as `application_window.closes`, so only one is given.
    if data.get("apply_by") is not None:
        if isinstance(window, dict) and window.get("closes") is not None:
            c.error(path, "`apply_by` and `application_window.closes` are the same date; keep only one of them")
        else:
            closes = parse_datetime(c, path, "apply_by", data.get("apply_by"), zone)
    if opens and closes and closes <= opens:
        c.error(path, "the apply-by date (`apply_by` or `application_window.closes`) must be after `opens`")
    deadline = parse_datetime(c, path, "test_deadline", data.get("test_deadline"), zone)
    if deadline and opens and deadline <= opens:
        c.error(path, "`test_deadline` must be after `application_window.opens`")
    elif deadline and closes and deadline < closes:
        c.warn(path, "`test_deadline` is before `application_window.closes`: late applicants cannot take the test")

    reviews = checks.integer(c, path, "reviews_per_essay", data.get("reviews_per_essay"), minimum=1, maximum=10)
    threshold = checks.number(c, path, "adjudication_threshold", data.get("adjudication_threshold"), minimum=0)
    order = checks.integer(c, path, "order", data.get("order"))
    scoring = ScoringRule.BEST
    given = data.get("scoring", ScoringRule.BEST.value)
    try:
        scoring = ScoringRule(given)
    except ValueError:
        c.error(
            path,
            f"`scoring` must be {' or '.join(rule.value for rule in ScoringRule)} (which submission of a "
            f"problem counts), found {given!r}",
        )
    interview = load_interview(c, path, data.get("interview"))
    if c.errors or title is None or description is None or duration is None:
        return None, c.issues
    config = PositionConfig(
        title=title.strip(),
        description=description,
        duration_minutes=duration,
        parts=parts,
        weights=weights,
        languages=languages,
        unlock=unlock,
        opens_at=opens,
        closes_at=closes,
        test_deadline=deadline,
        reviews_per_essay=reviews if reviews is not None else 2,
        adjudication_threshold=threshold if threshold is not None else 2.0,
        order=order or 0,
        scoring=scoring,
        timezone=zone,
        interview=interview,
    )
    return config, c.issues
