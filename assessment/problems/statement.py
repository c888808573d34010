"""Problem statements: Markdown as is, LaTeX converted to Markdown for the common subset.

Supported LaTeX: \\problemname, \\section/\\subsection, the Input/Output/Interaction environments, itemize/enumerate,
verbatim/lstlisting (fenced code), quote, center, \\textbf/\\emph/\\textit/\\texttt/\\underline, $math$, $$math$$,
\\[ \\], \\( \\), \\url, \\href, \\illustration/\\includegraphics (images), quotes, dashes, ~, \\ldots and escapes.
Anything else keeps its text and is reported as unsupported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SAMPLE_TAGS = re.compile(r"\{\{\s*(nextsample|remainingsamples)\s*\}\}")
CONSTANT_TAG = re.compile(r"\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}")


Constants = dict[str, int | float | str]


def markdown_statement(text: str, constants: Constants | None = None) -> str:
    """A Markdown statement ready to display: sample tags removed (samples are shown by the platform), constants
    substituted."""
    text = SAMPLE_TAGS.sub("", text)
    if constants:
        text = CONSTANT_TAG.sub(lambda m: str(constants[m.group(1)]) if m.group(1) in constants else m.group(0), text)
    return text.strip() + "\n"


# TeX ligatures, longest first ("---" before "--").
_LIGATURES = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("<<", "«"), (">>", "»"))


@dataclass
class LatexResult:
    markdown: str
    problem_name: str | None = None
    unsupported: list[str] = field(default_factory=list)


SECTION_ENVS = {"Input": "Input", "Output": "Output", "Interaction": "Interaction"}
SIMPLE_SYMBOLS = {
    "ldots": "…",
    "textellipsis": "…",
    "dots": "…",
    "%": "%",
    "&": "&",
    "$": "\\$",
    "_": "_",
    "#": "#",
    "{": "{",
    "}": "}",
    "textbackslash": "\\\\",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    " ": " ",
    ",": " ",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "-": "",
}
DROP_NO_ARG = {
    "noindent",
    "medskip",
    "bigskip",
    "smallskip",
    "newline",
    "par",
    "centering",
    "clearpage",
    "newpage",
    "hline",
    "nextsample",
    "remainingsamples",
    "bf",
    "it",
    "tt",
    "small",
    "large",
    "Large",
    "LARGE",
    "huge",
    "Huge",
    "tiny",
    "scriptsize",
    "normalsize",
    "footnotesize",
    "sc",
    "rm",
    "sf",
    "em",
    "protect",
    "relax",
    "vfill",
    "hfill",
    "indent",
    "leavevmode",
}
STYLE = {
    "textbf": ("**", "**"),
    "emph": ("*", "*"),
    "textit": ("*", "*"),
    "texttt": ("`", "`"),
    "underline": ("", ""),
    "textsc": ("", ""),
    "sout": ("~~", "~~"),
    "textrm": ("", ""),
    "textsf": ("", ""),
    "textnormal": ("", ""),
    "mbox": ("", ""),
    "text": ("", ""),
}
SECTIONS = {"section": "## ", "subsection": "### ", "subsubsection": "#### ", "paragraph": "**"}


class _Latex:
    def __init__(self, source: str, constants: Constants | None = None):
        self.src = source
        self.constants = constants or {}
        self.problem_name: str | None = None
        self.unsupported: set[str] = set()

    # -- helpers -------------------------------------------------------------------------------------------------
    def _group(self, text: str, i: int, open_: str = "{", close: str = "}") -> tuple[str | None, int]:
        """The balanced group starting at text[i] (after optional spaces); (None, i) when there is none."""
        j = i
        while j < len(text) and text[j] in " \t":
            j += 1
        if j >= len(text) or text[j] != open_:
            return None, i
        depth, k = 0, j
        while k < len(text):
            ch = text[k]
            if ch == "\\":
                k += 2
                continue
            if ch == open_:
                depth += 1
            elif ch == close:
                depth -= 1
                if depth == 0:
                    return text[j + 1 : k], k + 1
            k += 1
        return text[j + 1 :], len(text)

    def _find_end(self, text: str, i: int, env: str) -> tuple[str, int]:
        """Body of environment `env` starting at i (just after \\begin{env}) and the index after \\end{env}."""
        begin, end = f"\\begin{{{env}}}", f"\\end{{{env}}}"
        depth, k = 1, i
        while True:
            nb, ne = text.find(begin, k), text.find(end, k)
            if ne < 0:
                return text[i:], len(text)
            if 0 <= nb < ne:
                depth += 1
                k = nb + len(begin)
                continue
            depth -= 1
            if depth == 0:
                return text[i:ne], ne + len(end)
            k = ne + len(end)

    # -- conversion ----------------------------------------------------------------------------------------------
    def convert(self, text: str, list_depth: int = 0) -> str:
        out: list[str] = []
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch == "%":
                j = text.find("\n", i)
                i = n if j < 0 else j + 1
                # a comment line leaves no blank line behind
                continue
            if ch == "$":
                delim = "$$" if text.startswith("$$", i) else "$"
                j = text.find(delim, i + len(delim))
                while j > 0 and text[j - 1] == "\\":
                    j = text.find(delim, j + 1)
                j = n if j < 0 else j
                out.append(delim + text[i + len(delim) : j] + delim)
                i = j + len(delim)
                continue
            if ch == "\\":
                piece, i = self._command(text, i, list_depth)
                out.append(piece)
                continue
            if ch == "{":
                inner, i = self._group(text, i)
                out.append(self.convert(inner or "", list_depth))
                continue
            if ch == "}":
                i += 1
                continue
            if ch == "~":
                out.append("\u00a0")
                i += 1
                continue
            ligature = next((pair for pair in _LIGATURES if text.startswith(pair[0], i)), None)
            if ligature:
                out.append(ligature[1])
                i += len(ligature[0])
                continue
            if ch in "*_`":
                out.append("\\" + ch)  # literal in LaTeX, markup in Markdown
                i += 1
                continue
            out.append(ch)
            i += 1
        return "".join(out)

    def _command(self, text: str, i: int, list_depth: int) -> tuple[str, int]:
        m = re.match(r"\\([a-zA-Z]+)\*?|\\(.)", text[i:], re.DOTALL)
        if m is None:
            return "\\", i + 1
        name = m.group(1) or m.group(2)
        i += m.end()
        if m.group(2) is not None:  # control symbol
            if name == "\\":
                _, i = self._group(text, i, "[", "]")
                return "  \n", i
            if name == "[":
                j = text.find("\\]", i)
                j = len(text) if j < 0 else j
                return "\n$$" + text[i:j] + "$$\n", j + 2
            if name == "(":
                j = text.find("\\)", i)
                j = len(text) if j < 0 else j
                return "$" + text[i:j] + "$", j + 2
            return SIMPLE_SYMBOLS.get(name, name), i
        if name == "begin":
            env, i = self._group(text, i)
            env = (env or "").strip()
            body, i = self._find_end(text, i, env)
            return self._environment(env, body, list_depth), i
        if name == "end":
            _, i = self._group(text, i)
            return "", i
        if name == "problemname":
            arg, i = self._group(text, i)
            self.problem_name = _plain(self.convert(arg or "")).strip() or None
            return "", i
        if name in SECTIONS:
            arg, i = self._group(text, i)
            prefix = SECTIONS[name]
            title = self.convert(arg or "").strip()
            suffix = "**" if prefix == "**" else ""
            return f"\n\n{prefix}{title}{suffix}\n\n", i
        if name in STYLE:
            arg, i = self._group(text, i)
            left, right = STYLE[name]
            inner = arg or ""
            if name == "texttt":
                return left + _detex_code(inner) + right, i
            return left + self.convert(inner, list_depth).strip() + right, i
        if name == "url":
            arg, i = self._group(text, i)
            return f"<{(arg or '').strip()}>", i
        if name == "href":
            url, i = self._group(text, i)
            label, i = self._group(text, i)
            return f"[{self.convert(label or '').strip()}]({(url or '').strip()})", i
        if name == "includegraphics":
            _, i = self._group(text, i, "[", "]")
            path, i = self._group(text, i)
            return f"![]({(path or '').strip()})", i
        if name == "illustration":
            _, i = self._group(text, i)
            path, i = self._group(text, i)
            caption, i = self._group(text, i)
            return f"\n\n![{self.convert(caption or '').strip()}]({(path or '').strip()})\n\n", i
        if name == "constant":
            arg, i = self._group(text, i)
            key = (arg or "").strip()
            return str(self.constants.get(key, key)), i
        if name == "item":
            label, i = self._group(text, i, "[", "]")
            return f"\n\x00ITEM{'' if label is None else label}\x00", i
        if name in SIMPLE_SYMBOLS:
            return SIMPLE_SYMBOLS[name], i
        if name in DROP_NO_ARG:
            if text[i : i + 1] == " ":
                i += 1
            return "", i
        if name in ("label", "ref", "vspace", "hspace", "caption", "footnote", "epigraph"):
            arg, i = self._group(text, i)
            if name in ("caption", "footnote", "epigraph"):
                return f" ({self.convert(arg or '').strip()})" if arg else "", i
            return "", i
        self.unsupported.add("\\" + name)
        arg, i = self._group(text, i)
        return (self.convert(arg, list_depth) if arg is not None else ""), i

    def _environment(self, env: str, body: str, list_depth: int) -> str:
        if env in SECTION_ENVS:
            return f"\n\n## {SECTION_ENVS[env]}\n\n" + self.convert(body, list_depth).strip() + "\n\n"
        if env in ("verbatim", "lstlisting", "Verbatim"):
            if env == "lstlisting":
                body = re.sub(r"^\[[^\]]*\]", "", body)
            return "\n\n```\n" + body.strip("\n") + "\n```\n\n"
        if env in ("itemize", "enumerate", "description"):
            return self._list(env, body, list_depth)
        if env == "quote" or env == "quotation":
            inner = self.convert(body, list_depth).strip()
            return "\n\n" + "\n".join("> " + line if line else ">" for line in inner.splitlines()) + "\n\n"
        if env in ("center", "flushleft", "flushright", "figure", "wrapfigure", "minipage"):
            if env in ("wrapfigure", "minipage", "figure"):
                body = re.sub(r"^\s*(\[[^\]]*\])?(\{[^}]*\})*", "", body, count=1)
            return "\n\n" + self.convert(body, list_depth).strip() + "\n\n"
        if env in ("equation", "equation*", "align", "align*", "displaymath", "eqnarray", "eqnarray*"):
            return "\n\n$$" + body.strip() + "$$\n\n"
        if env == "tabular":
            return self._tabular(body)
        self.unsupported.add(f"\\begin{{{env}}}")
        return "\n\n" + self.convert(body, list_depth).strip() + "\n\n"

    def _list(self, env: str, body: str, depth: int) -> str:
        converted = self.convert(body, depth + 1)
        items = converted.split("\n\x00ITEM")
        lines: list[str] = []
        indent = "   " * depth if env == "enumerate" else "  " * depth
        for number, item in enumerate(items[1:], start=1):
            label, _, rest = item.partition("\x00")
            marker = f"{number}." if env == "enumerate" else "-"
            if env == "description" and label:
                rest = f"**{label.strip()}** " + rest.lstrip()
            text = _collapse(rest).strip()
            sub_lines = text.splitlines() or [""]
            lines.append(f"{indent}{marker} {sub_lines[0].strip()}")
            pad = indent + " " * (len(marker) + 1)
            for line in sub_lines[1:]:
                lines.append(
                    pad + line.strip()
                    if line.strip()
                    and not line.lstrip().startswith(("-", "1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9."))
                    else line
                )
        return "\n\n" + "\n".join(lines) + "\n\n"

    def _tabular(self, body: str) -> str:
        body = re.sub(r"^\s*\{[^}]*\}", "", body, count=1)
        rows = list(re.split(r"\\\\", body))
        table: list[list[str]] = []
        for row in rows:
            row = row.replace("\\hline", "").strip()
            if not row:
                continue
            table.append([self.convert(cell).strip().replace("|", "\\|") for cell in row.split("&")])
        if not table:
            return ""
        width = max(len(r) for r in table)
        table = [r + [""] * (width - len(r)) for r in table]
        lines = ["| " + " | ".join(table[0]) + " |", "|" + "---|" * width]
        lines += ["| " + " | ".join(r) + " |" for r in table[1:]]
        return "\n\n" + "\n".join(lines) + "\n\n"


def _detex_code(text: str) -> str:
    return re.sub(r"\\([_%&$#{}])", r"\1", text).replace("\\textbackslash{}", "\\").replace("~", " ")


def _plain(text: str) -> str:
    return text.replace("\\*", "*").replace("\\_", "_").replace("**", "").replace("\u00a0", " ")


def _collapse(text: str) -> str:
    """Join wrapped source lines inside list items, keeping nested list lines and blank lines."""
    out: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if (
            out
            and stripped
            and out[-1].strip()
            and not re.match(r"^(\s*)(-|\d+\.) ", line)
            and not re.match(r"^(\s*)(-|\d+\.) ", out[-1])
            and not out[-1].endswith("  ")
        ):
            out[-1] = out[-1].rstrip() + " " + stripped
        else:
            out.append(line)
    return "\n".join(out)


def latex_to_markdown(source: str, constants: Constants | None = None) -> LatexResult:
    """Convert a LaTeX statement body to Markdown (see the module docstring for the supported subset)."""
    plain = re.search(r"^%%\s*plainproblemname:\s*(.+)$", source, re.MULTILINE)
    body = source
    doc = re.search(r"\\begin\{document\}(.*)\\end\{document\}", source, re.DOTALL)
    if doc:
        body = doc.group(1)
    conv = _Latex(body, constants)
    markdown = conv.convert(body)
    # paragraphs: collapse runs of blank lines, strip trailing spaces except hard breaks
    lines = [line.rstrip() if not line.endswith("  ") else line for line in markdown.splitlines()]
    markdown = re.sub(r"\n{3,}", "\n\n", "\n".join(line if line.strip() else "" for line in lines)).strip() + "\n"
    name = plain.group(1).strip() if plain else conv.problem_name
    return LatexResult(markdown=markdown, problem_name=name, unsupported=sorted(conv.unsupported))
