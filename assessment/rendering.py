"""Markdown to sanitised HTML, with Pygments-highlighted code blocks and math left for KaTeX in the browser."""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

_ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "span": {"class"},
    "div": {"class"},
    "code": {"class"},
    "pre": {"class"},
    "td": {"align"},
    "th": {"align"},
}
_MATH = re.compile(r"(\$\$.+?\$\$|\$[^$\n]+?\$)", re.S)


def _protect_math(text: str) -> tuple[str, list[str]]:
    """Keep $...$ spans away from the Markdown parser (underscores and asterisks inside math)."""
    stash: list[str] = []

    def keep(match: re.Match) -> str:
        stash.append(match.group(0))
        return f"\x00MATH{len(stash) - 1}\x00"

    return _MATH.sub(keep, text), stash


def _restore_math(html: str, stash: list[str]) -> str:
    def put(match: re.Match) -> str:
        raw = stash[int(match.group(1))]
        display = raw.startswith("$$")
        body = raw[2:-2] if display else raw[1:-1]
        body = body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        cls = "math math-display" if display else "math math-inline"
        return f'<span class="{cls}">{body}</span>'

    return re.sub(r"\x00MATH(\d+)\x00", put, html)


@lru_cache(maxsize=512)
def render_markdown(text: str) -> Markup:
    protected, stash = _protect_math(text or "")
    html = markdown.markdown(
        protected,
        extensions=["fenced_code", "tables", "sane_lists", "codehilite"],
        extension_configs={"codehilite": {"guess_lang": False, "css_class": "highlight"}},
        output_format="html",
    )
    html = _restore_math(html, stash)
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)


@lru_cache(maxsize=128)
def render_html(text: str) -> Markup:
    """An HTML problem statement, sanitised with the same allow-list as Markdown (no scripts, styles or frames)."""
    clean = nh3.clean(
        text or "",
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)


def highlight_css() -> str:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style="friendly").get_style_defs(".highlight")
