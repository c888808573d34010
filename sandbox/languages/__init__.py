"""The languages a submission may be written in, by id (python, c, cpp, java, javascript)."""

from __future__ import annotations

from pathlib import PurePath

from . import c, cpp, java, javascript, python
from .base import Language

LANGUAGES: dict[str, Language] = {m.LANGUAGE.id: m.LANGUAGE for m in (python, c, cpp, java, javascript)}


def get_language(language_id: str) -> Language:
    """The language with this id; KeyError naming the known ids otherwise."""
    try:
        return LANGUAGES[language_id]
    except KeyError:
        raise KeyError(f"unknown language {language_id!r} (known: {', '.join(sorted(LANGUAGES))})") from None


def language_for_filename(name: str) -> Language | None:
    """The language of a source file by its extension (case-insensitive), None when unknown."""
    suffix = PurePath(name).suffix.lower()
    for language in LANGUAGES.values():
        if suffix in language.extensions:
            return language
    return None


__all__ = ["LANGUAGES", "Language", "get_language", "language_for_filename"]
