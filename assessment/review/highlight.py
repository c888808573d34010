"""Source code as highlighted HTML (Pygments), optionally with marked lines (similarity evidence)."""

from __future__ import annotations

from markupsafe import Markup
from pygments import highlight as _highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, get_lexer_by_name

_LEXERS = {"python": "python3", "c": "c", "cpp": "cpp", "java": "java", "javascript": "javascript"}
CSS_CLASS = "hl"


def highlight(source: str, language: str, marked_lines: tuple[int, ...] | list[int] = ()) -> Markup:
    try:
        lexer = get_lexer_by_name(_LEXERS.get(language, language), stripnl=False)
    except Exception:  # noqa: BLE001 - unknown language: plain text
        lexer = TextLexer()
    formatter = HtmlFormatter(cssclass=CSS_CLASS, linenos="inline", hl_lines=list(marked_lines), wrapcode=True)
    return Markup(_highlight(source or "", lexer, formatter))


def stylesheet() -> str:
    """The CSS rules for highlighted code (pasted into static/css/review.css)."""
    return HtmlFormatter(style="default").get_style_defs(f".{CSS_CLASS}")
