"""Essay prompts: essays/<slug>.md with YAML front matter (title, word limits, rubric) and a Markdown body, and
optionally the prompt in other languages: essays/<slug>.<language>.md (e.g. design.ja.md) with an optional front
matter giving only its `title`, and its Markdown body. Candidates whose interface language has one see it; the
rubric and word limits are the main file's."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import checks
from .issues import Collector, Issue
from .yamlutil import YamlError, loads

KEYS = {"title", "min_words", "max_words", "rubric"}
CRITERION_KEYS = {"criterion", "description", "levels"}
LEVEL_KEYS = {"points", "label", "description"}
MIN_CRITERIA, MAX_CRITERIA = 3, 5
MIN_LEVELS, MAX_LEVELS = 2, 6


@dataclass
class RubricLevelSpec:
    points: float
    label: str
    description: str = ""


@dataclass
class CriterionSpec:
    name: str
    description: str
    levels: list[RubricLevelSpec]

    @property
    def max_points(self) -> float:
        return max(level.points for level in self.levels)


@dataclass
class EssaySpec:
    slug: str
    path: Path
    title: str
    min_words: int
    max_words: int
    body_md: str
    criteria: list[CriterionSpec] = field(default_factory=list)
    raw: bytes = b""
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> {"title", "body_md"}
    translation_raw: dict[str, bytes] = field(default_factory=dict)

    def content_hash(self) -> str:
        digest = hashlib.sha256(self.raw)
        for language in sorted(self.translation_raw):  # a changed translation is a new version of the prompt
            digest.update(b"\0" + language.encode() + b"\0" + self.translation_raw[language])
        return digest.hexdigest()

    @property
    def max_points(self) -> float:
        return sum(c.max_points for c in self.criteria)


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
# essays/<slug>.<language>.md: the prompt in another language
TRANSLATION_NAME = re.compile(r"^(?P<slug>[^.]+)\.(?P<language>[a-z]{2,3}(?:-[A-Z]{2})?)\.md$")


def load_translation(path: Path, essay: EssaySpec) -> list[Issue]:
    """Add essays/<slug>.<language>.md to `essay.translations`; the issues found (the file is skipped on an error)."""
    c = Collector()
    match = TRANSLATION_NAME.match(path.name)
    if match is None:
        c.error(path, "not a translation file name; name it <slug>.<language>.md (e.g. design.ja.md)")
        return c.issues
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        c.error(path, f"cannot read the file as UTF-8 ({exc}); save it as UTF-8")
        return c.issues
    if text.startswith("\ufeff"):
        c.error(path, "the file starts with a byte-order mark; save it as UTF-8 without BOM")
        return c.issues
    title: str | None = None
    body = text
    front = FRONT_MATTER.match(text)
    if front:
        try:
            data = loads(front.group(1) or "", path)
        except YamlError as exc:
            c.error(path, exc.message)
            return c.issues
        if not isinstance(data, dict):
            c.error(path, "the front matter must be a map of `key: value` lines")
            return c.issues
        checks.unknown_keys(c, path, "the front matter of a translation (only `title`)", data, {"title"})
        title = checks.string(c, path, "title", data.get("title"), nonempty=False)
        body = text[front.end() :]
    body = body.strip()
    if not body:
        c.error(path, "the prompt text is empty; write the translated question (below the `---` line, if any)")
    if c.errors:
        return c.issues
    essay.translations[match.group("language")] = {"title": (title or essay.title).strip(), "body_md": body + "\n"}
    essay.translation_raw[match.group("language")] = raw
    return c.issues


def load_essay(path: Path) -> tuple[EssaySpec | None, list[Issue]]:
    c = Collector()
    slug = path.stem
    if not checks.SLUG_RE.match(slug):
        c.error(path, "the file name must be lowercase letters, digits and dashes (e.g. system-design.md); rename it")
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        c.error(path, f"cannot read the file as UTF-8 ({exc}); save it as UTF-8")
        return None, c.issues
    if text.startswith("\ufeff"):
        c.error(path, "the file starts with a byte-order mark; save it as UTF-8 without BOM")
        return None, c.issues
    match = FRONT_MATTER.match(text)
    if not match:
        c.error(
            path,
            "no front matter: the file must start with a `---` line, the YAML settings (title, min_words, "
            "max_words, rubric), and another `---` line",
        )
        return None, c.issues
    try:
        data = loads(match.group(1) or "", path)
    except YamlError as exc:
        line = exc.line + 1 if exc.line else None  # front matter starts on line 2
        c.error(path, f"line {line}: {exc.message}" if line else exc.message)
        return None, c.issues
    body = text[match.end() :].strip()
    if not isinstance(data, dict):
        c.error(path, "the front matter must be a map of `key: value` lines")
        return None, c.issues
    checks.unknown_keys(c, path, "the front matter", data, KEYS)
    title = checks.string(c, path, "title", data.get("title"), required=True)
    min_words = max_words = None
    for key in ("min_words", "max_words"):
        if data.get(key) is None:
            c.error(path, f"`{key}` is missing; add e.g. `{key}: {150 if key == 'min_words' else 600}`")
    min_words = checks.integer(c, path, "min_words", data.get("min_words"), minimum=0)
    max_words = checks.integer(c, path, "max_words", data.get("max_words"), minimum=1)
    if min_words is not None and max_words is not None and min_words >= max_words:
        c.error(path, f"`min_words` ({min_words}) must be less than `max_words` ({max_words})")
    if not body:
        c.error(path, "the prompt text is empty; write the question below the closing `---`")

    criteria: list[CriterionSpec] = []
    rubric = data.get("rubric")
    if rubric is None:
        c.error(path, f"`rubric` is missing; add {MIN_CRITERIA}..{MAX_CRITERIA} criteria with levels")
    elif not isinstance(rubric, list):
        c.error(path, "`rubric` must be a list of criteria (`- criterion: ...`)")
    else:
        if not MIN_CRITERIA <= len(rubric) <= MAX_CRITERIA:
            c.error(path, f"the rubric has {len(rubric)} criteria; give between {MIN_CRITERIA} and {MAX_CRITERIA}")
        names: set[str] = set()
        for index, item in enumerate(rubric, start=1):
            criterion = _criterion(c, path, index, item)
            if criterion is None:
                continue
            if criterion.name in names:
                c.error(path, f"rubric criterion {criterion.name!r} appears twice; give each criterion its own name")
            names.add(criterion.name)
            criteria.append(criterion)
    if c.errors or title is None or min_words is None or max_words is None:
        return None, c.issues
    return EssaySpec(
        slug=slug,
        path=path,
        title=title.strip(),
        min_words=min_words,
        max_words=max_words,
        body_md=body + "\n",
        criteria=criteria,
        raw=raw,
    ), c.issues


def _criterion(c: Collector, path: Path, index: int, item: Any) -> CriterionSpec | None:
    where = f"rubric criterion {index}"
    if not isinstance(item, dict):
        c.error(path, f"{where} must be a map with criterion, description and levels")
        return None
    checks.unknown_keys(c, path, where, item, CRITERION_KEYS)
    name = checks.string(c, path, f"{where}: criterion", item.get("criterion"), required=True)
    description = checks.string(c, path, f"{where}: description", item.get("description"), nonempty=False) or ""
    levels_raw = item.get("levels")
    label = f"{where} ({name})" if name else where
    if not isinstance(levels_raw, list):
        c.error(path, f"{label}: `levels` must be a list of {{points, label, description}}")
        return None
    if not MIN_LEVELS <= len(levels_raw) <= MAX_LEVELS:
        c.error(path, f"{label} has {len(levels_raw)} levels; give between {MIN_LEVELS} and {MAX_LEVELS}")
    levels: list[RubricLevelSpec] = []
    ok = True
    for number, level in enumerate(levels_raw, start=1):
        if not isinstance(level, dict):
            c.error(path, f"{label}, level {number} must be a map {{points, label, description}}")
            ok = False
            continue
        checks.unknown_keys(c, path, f"{label}, level {number}", level, LEVEL_KEYS)
        if level.get("points") is None:
            c.error(path, f"{label}, level {number}: `points` is missing")
            ok = False
            continue
        points = checks.number(c, path, f"{label}, level {number}: points", level.get("points"))
        level_label = checks.string(c, path, f"{label}, level {number}: label", level.get("label"), required=True)
        level_desc = (
            checks.string(c, path, f"{label}, level {number}: description", level.get("description"), nonempty=False)
            or ""
        )
        if points is None or level_label is None:
            ok = False
            continue
        if points < 0:
            c.error(path, f"{label}, level {number}: points must be 0 or more, found {points:g}")
            ok = False
        levels.append(RubricLevelSpec(points, level_label.strip(), level_desc))
    if ok and levels:
        values = [level.points for level in levels]
        if len(set(values)) != len(values):
            c.error(path, f"{label}: two levels have the same points ({values}); points must be unique")
        elif values != sorted(values):
            c.error(path, f"{label}: list the levels with points strictly increasing (found {values})")
    if name is None or not ok:
        return None
    return CriterionSpec(name.strip(), description, levels)
