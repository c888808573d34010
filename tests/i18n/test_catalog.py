"""The message catalogs: every text marked in the sources (extracted with pybabel and babel.cfg, exactly as the README
says) is in every language's catalog, translated, not fuzzy, with the same placeholders; no catalog keeps texts the
sources no longer have; the compiled .mo shipped in the wheel is the .po compiled."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from assessment.translations import DEFAULT_LANGUAGE, INTERFACE_LANGUAGES, catalog_folder
from tests.conftest import REPO

# README, "Interface languages": the extraction command (keep both the same).
EXTRACT = ["extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "--no-location", "--sort-output"]
TRANSLATED = [language for language in INTERFACE_LANGUAGES if language != DEFAULT_LANGUAGE]


def catalog(language: str):
    with open(Path(catalog_folder()) / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=language)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    result = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *EXTRACT, "-o", str(pot), "."],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    with open(pot, "rb") as handle:
        return read_po(handle)


def test_japanese_is_an_interface_language():
    assert INTERFACE_LANGUAGES[0] == "en" and "ja" in INTERFACE_LANGUAGES


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    messages = [m for m in catalog(language) if m.id]
    untranslated = [m.id for m in messages if not m.string or (isinstance(m.string, tuple) and not all(m.string))]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert not untranslated, f"{language}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
    problems = [(m.id, str(error)) for m, errors in catalog(language).check() for error in errors]
    assert not problems, f"{language}: placeholders differ from the source text: {problems[:5]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalog_covers_exactly_the_messages_of_the_sources(language, extracted):
    source = {m.id for m in extracted if m.id}
    translated = {m.id for m in catalog(language) if m.id}
    missing = sorted(map(str, source - translated))
    obsolete = sorted(map(str, translated - source))
    assert not missing, f"{language}: not in the catalog (run pybabel update, then translate): {missing[:10]}"
    assert not obsolete, f"{language}: no longer in the sources (run pybabel update): {obsolete[:10]}"
    assert len(source) > 800  # the extraction found the templates, the Python code and the verdicts


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalog_is_the_po_compiled(language):
    def plain(value):  # .mo plurals come back as lists, .po plurals as tuples
        return tuple(value) if isinstance(value, (list, tuple)) else value

    with open(Path(catalog_folder()) / language / "LC_MESSAGES" / "messages.mo", "rb") as handle:
        compiled = {plain(m.id): plain(m.string) for m in read_mo(handle) if m.id}
    written = {plain(m.id): plain(m.string) for m in catalog(language) if m.id}
    stale = sorted(str(key) for key in written if compiled.get(key) != written[key])
    assert not stale and set(compiled) == set(written), (
        f"{language}: messages.mo differs from messages.po (run pybabel compile -d assessment/translations): "
        f"{stale[:5]}"
    )


def test_the_verdicts_the_judge_gives_are_in_the_catalog(extracted):
    from sandbox.spec import Verdict

    assert {v.label for v in Verdict} <= {m.id for m in extracted}
