"""The table of languages: every module in this package that defines `LANGUAGE` is one row (adding a language is
adding one module). Everything else (image packages, editor menu, upload checks, CLI, API, docs) derives from it."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import PurePath

from .base import Files, Language, Program, SubmissionError


def _discover() -> dict[str, Language]:
    found: list[Language] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        language = getattr(module, "LANGUAGE", None)
        if isinstance(language, Language):
            found.append(language)
    found.sort(key=lambda lang: lang.name.lower())
    table: dict[str, Language] = {}
    for language in found:
        if language.id in table:
            raise RuntimeError(f"two languages share the id {language.id!r}")
        table[language.id] = language
    return table


LANGUAGES: dict[str, Language] = _discover()
_BY_NAME: dict[str, Language] = {}
for _language in LANGUAGES.values():
    for _name in _language.names:
        _BY_NAME.setdefault(_name.lower(), _language)


def get_language(language_id: str) -> Language:
    """The language with this id (or one of its other names); KeyError naming the known ids otherwise."""
    try:
        return LANGUAGES[language_id]
    except KeyError:
        pass
    found = _BY_NAME.get(language_id.lower())
    if found is None:
        raise KeyError(f"unknown language {language_id!r} (known: {', '.join(LANGUAGES)})")
    return found


def language_for_filename(name: str) -> Language | None:
    """The language of a source file by its extension (case-insensitive), None when unknown. Languages that share
    their extensions with another (PyPy, C++20, Python with NumPy) are never guessed."""
    suffix = PurePath(name).suffix.lower()
    for language in LANGUAGES.values():
        if language.detect and suffix in language.extensions:
            return language
    return None


def language_for_files(names: list[str]) -> Language | None:
    """The language of a folder submission: the detected language owning most of its source files."""
    counts: dict[str, int] = {}
    for name in names:
        language = language_for_filename(name)
        if language is not None:
            counts[language.id] = counts.get(language.id, 0) + 1
    if not counts:
        return None
    return LANGUAGES[max(counts, key=lambda key: counts[key])]


def packages() -> tuple[str, ...]:
    """The Debian packages the runner image needs: the union of every language's, in a stable order."""
    return tuple(sorted({p for language in LANGUAGES.values() for p in language.packages}))


def upload_extensions() -> tuple[str, ...]:
    """File extensions a candidate may upload as a source file."""
    return tuple(sorted({e for language in LANGUAGES.values() for e in language.extensions}))


__all__ = [
    "LANGUAGES",
    "Files",
    "Language",
    "Program",
    "SubmissionError",
    "get_language",
    "language_for_filename",
    "language_for_files",
    "packages",
    "upload_extensions",
]
