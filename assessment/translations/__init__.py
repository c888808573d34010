"""Message catalogs of the interface languages: `<language>/LC_MESSAGES/messages.po` and its compiled `.mo`.

The interface languages are English (the language the templates and the code are written in) and every language that
has a compiled catalog here, so adding a language is adding its catalog (README: "Interface languages")."""

from __future__ import annotations

from importlib.resources import files

DEFAULT_LANGUAGE = "en"
DOMAIN = "messages"


def catalog_folder() -> str:
    """The folder holding the catalogs, wherever the platform is installed."""
    return str(files(__name__))


def _catalog_languages() -> tuple[str, ...]:
    root = files(__name__)
    return tuple(
        sorted(
            entry.name
            for entry in root.iterdir()
            if entry.is_dir() and entry.joinpath("LC_MESSAGES", DOMAIN + ".mo").is_file()
        )
    )


# The first is the default: what a visitor sees when neither their profile nor their browser names another.
INTERFACE_LANGUAGES: tuple[str, ...] = (DEFAULT_LANGUAGE, *_catalog_languages())


def supported(language: str | None) -> str | None:
    """`language` if it is an interface language, else None."""
    return language if language in INTERFACE_LANGUAGES else None
