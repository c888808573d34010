"""The interface language of each request (Flask-Babel): the signed-in person's choice, else the browser's.

Templates mark text with `{{ _("...") }}` / `{% trans %}`; Python code with `flask_babel.gettext` (or `lazy_gettext`
for text defined at import time). Catalogs live in assessment/translations/<locale>/LC_MESSAGES/messages.po."""

from __future__ import annotations

from importlib.resources import files

from flask import Flask, request
from flask_babel import Babel
from flask_login import current_user

# Interface languages, the first being the default and the language the templates are written in.
INTERFACE_LANGUAGES: tuple[str, ...] = ("en", "ja")
DEFAULT_LANGUAGE = INTERFACE_LANGUAGES[0]


def select_locale() -> str:
    chosen = getattr(current_user, "locale", None) if current_user else None
    if chosen in INTERFACE_LANGUAGES:
        return str(chosen)
    return request.accept_languages.best_match(INTERFACE_LANGUAGES) or DEFAULT_LANGUAGE


def init_i18n(app: Flask) -> None:
    Babel(
        app,
        locale_selector=select_locale,
        default_locale=DEFAULT_LANGUAGE,
        default_translation_directories=str(files("assessment.translations")),
    )
