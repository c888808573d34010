"""The words the pages' scripts show (save states, results, counters), in the page's language.

Pages that need them embed `browser_text()` as JSON (`<script type="application/json" id="ui-text">`, no inline
script under the CSP); static/js/ui-text.js reads it. Texts use the catalogs' `%(name)s` placeholders. A text that
depends on a number is a map from CLDR plural category ("one", "other", ...) to its form, which the script picks with
the browser's Intl.PluralRules for the page's language, so every language's plural rules hold."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from babel import Locale
from flask_babel import get_locale, get_translations, gettext

from .i18n import DEFAULT_LANGUAGE


def _texts() -> dict[str, str]:
    return {
        # autosave (test-common.js)
        "unsaved": gettext("Unsaved changes"),
        "saving": gettext("Saving…"),
        "saved": gettext("Saved"),
        "saved_at": gettext("Saved at %(time)s"),
        "save_conflict": gettext("Not saved: this was changed in another tab. Choose which text to keep (above)."),
        "save_retry": gettext("Not saved — retrying in %(seconds)s s. Your text is kept in this browser meanwhile."),
        "save_closed": gettext("Time is up: changes can no longer be saved."),
        "save_refused": gettext("The server refused this save."),
        "save_reload": gettext("Your text is kept in this browser; reload the page to continue."),
        # clock and finishing
        "five_minutes_left": gettext("5 minutes left."),
        "one_minute_left": gettext("1 minute left."),
        "time_up": gettext("Time is up. The test is now read-only."),
        "finishing": gettext("Saving and finishing…"),
        # coding (test-coding.js)
        "code_editor": gettext("Code editor"),
        "starter_code": gettext("Starter code"),
        "sending": gettext("Sending…"),
        "request_failed": gettext("The request failed; please retry."),
        "unreachable": gettext("Could not reach the server. Your code is saved in the editor; please retry."),
        "connection_retry": gettext("Connection problem — retrying in %(seconds)s s…"),
        "finished": gettext("Finished"),
        "compiler_output": gettext("Compiler output"),
        "input": gettext("Input"),
        "expected_output": gettext("Expected output"),
        "your_output": gettext("Your output"),
        "test": gettext("Test"),
        "result": gettext("Result"),
        "time_samples": gettext("Time (samples)"),
        "memory_samples": gettext("Memory (samples)"),
        "group_passed": gettext("%(group)s: %(passed)s of %(total)s passed"),
        "badge_draft": gettext("Draft"),
        "badge_judging": gettext("Judging"),
        "badge_solved": gettext("Solved"),
        "badge_submitted": gettext("Submitted"),
        # essays (test-essay.js)
        "words_between": gettext("(between %(min)s and %(max)s)"),
        "too_long": gettext("too long"),
        # the done page (test-done.js)
        "judged": gettext("Judged: %(verdict)s. Updating the scores…"),
    }


def _plurals() -> dict[str, Callable[[int], str]]:
    """Each text's form for a number, with its `%(num)s` left for the script (the catalog's own ngettext)."""
    catalog = get_translations()
    return {
        "words": lambda n: catalog.ngettext("%(num)s word", "%(num)s words", n),
        "to_go": lambda n: catalog.ngettext("%(num)s to go", "%(num)s to go", n),
    }


def _examples(locale: Locale) -> dict[str, int]:
    """A number of each plural category of the language (CLDR), to ask the catalog for that category's form."""
    found: dict[str, int] = {}
    rule = locale.plural_form
    for n in range(0, 1000):
        found.setdefault(rule(n), n)
        if len(found) == len(rule.tags) + 1:  # the tags do not list "other"
            break
    return found


def browser_text() -> dict[str, Any]:
    locale = get_locale() or Locale.parse(DEFAULT_LANGUAGE)
    texts: dict[str, Any] = {"_language": str(locale.language)}
    texts.update(_texts())
    examples = _examples(locale)
    for key, form in _plurals().items():
        texts[key] = {category: form(n) for category, n in examples.items()}
    return texts
