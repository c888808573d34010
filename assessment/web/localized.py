"""Problem statements and essay prompts in the reader's language: a version's translation for the page's language
when the problem folder has one (problem.<language>.md, essays/<slug>.<language>.md), else the version's own text
(English, or the only language it has)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .i18n import current_language


@dataclass(frozen=True)
class Shown:
    language: str
    title: str
    format: str = "markdown"  # problems: "markdown" | "html" | "pdf" | "none"
    text: str = ""  # problems: the statement (Markdown or HTML); essays: the prompt (Markdown)
    file: str = ""  # problems: the statement file in the snapshot (a PDF)


def localized(version: Any, language: str | None = None) -> Shown:
    """`version` (a ProblemVersion or an EssayPromptVersion) as the page shows it."""
    language = language or current_language()
    translation = (getattr(version, "translations", None) or {}).get(language)
    if hasattr(version, "statement_md"):
        if translation:
            return Shown(
                language,
                translation.get("title") or version.title,
                translation.get("format", "markdown"),
                translation.get("text", ""),
                translation.get("file", ""),
            )
        return Shown("", version.title, version.statement_format, version.statement_md, version.statement_file)
    if translation:
        return Shown(language, translation.get("title") or version.title, text=translation.get("body_md", ""))
    return Shown("", version.title, text=version.body_md)
