"""The interface language of each request (Flask-Babel): the signed-in person's choice (their profile), else the
browser's (Accept-Language), else English.

Templates mark text with `{{ _("...") }}` / `{% trans %}`; Python code with `flask_babel.gettext` (or `lazy_gettext`
for text defined at import time). Catalogs live in assessment/translations/<language>/LC_MESSAGES/messages.po; the
interface languages are English plus every language with a catalog there (assessment.translations)."""

from __future__ import annotations

from typing import Any

from babel import Locale
from flask import Flask, has_request_context, request
from flask_babel import Babel, get_locale
from flask_login import current_user

from ..translations import DEFAULT_LANGUAGE, INTERFACE_LANGUAGES, catalog_folder, supported

__all__ = [
    "DEFAULT_LANGUAGE",
    "INTERFACE_LANGUAGES",
    "current_language",
    "init_i18n",
    "language_name",
    "select_locale",
]


def select_locale() -> str:
    if not has_request_context():  # mail sent outside a request names its language (mail.send_mail)
        return DEFAULT_LANGUAGE
    chosen = supported(getattr(current_user, "locale", None)) if current_user else None
    if chosen:
        return chosen
    return request.accept_languages.best_match(INTERFACE_LANGUAGES) or DEFAULT_LANGUAGE


def current_language() -> str:
    """The language of the page being made (a code of INTERFACE_LANGUAGES)."""
    locale = get_locale()
    return supported(locale.language if locale is not None else None) or DEFAULT_LANGUAGE


def language_name(code: str) -> str:
    """A language's name in that language ("English", "日本語"), as a language menu shows it (CLDR data)."""
    return str(Locale.parse(code).get_display_name(code) or code)


def init_i18n(app: Flask) -> None:
    Babel(
        app,
        locale_selector=select_locale,
        default_locale=DEFAULT_LANGUAGE,
        default_translation_directories=catalog_folder(),
    )

    @app.context_processor
    def _language() -> dict[str, Any]:
        return {"page_language": current_language()}
