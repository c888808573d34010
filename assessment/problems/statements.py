"""Finding a package's problem statement and turning it into what the test page shows.

Accepted, in this order of preference for the chosen language (English first): Markdown (`problem.<lang>.md`),
LaTeX (`.tex`, converted to Markdown), HTML (`.html`, sanitised when shown), PDF (`.pdf`, embedded in the test page).
Statements live in `statement/` (2023-07-draft, 2025-09) or `problem_statement/` (legacy); the other version's folder
name is accepted with a warning. Contest judges export a `problem.pdf` (or `problem.<lang>.pdf`) at the package root,
which is used when no statement folder has one. A package without any statement loads and judges, with a warning:
candidates cannot open it until it has one.

Every other language found is loaded the same way into `Statement.translations`: candidates whose interface language
has one see it (problem.ja.md beside problem.en.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import statement as convert
from .formats import Metadata
from .formats.common import LANGUAGE_RE
from .issues import Collector

STATEMENT_RE = re.compile(r"^problem(?:\.([a-zA-Z]{2,3}(?:-[A-Z]{2})?))?\.(md|tex|html|htm|pdf)$")
PREFERENCE = ("md", "tex", "html", "pdf")
FOLDERS = ("statement", "problem_statement")


@dataclass(frozen=True)
class Statement:
    format: str  # "markdown" | "html" | "pdf" | "none"
    text: str  # Markdown or HTML source ("" for PDF and none)
    path: Path | None  # the statement file
    language: str
    latex_name: str | None = None
    translations: dict[str, Statement] = field(default_factory=dict)  # the other languages' statements

    @property
    def exists(self) -> bool:
        return self.format != "none"


def _read_text(path: Path, c: Collector) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        c.error(path, f"cannot read the file: {exc.strerror or exc}")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        c.error(path, "the file starts with a byte-order mark; save it as UTF-8 without BOM")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        c.error(path, "the file is not UTF-8; save it as UTF-8")
        return None


def _inside(path: Path, package: Path) -> bool:
    return path.resolve().is_relative_to(package.resolve())


def _files(folder: Path, c: Collector, *, needs_language: bool, package: Path) -> dict[str, dict[str, Path]]:
    """language -> extension -> file."""
    found: dict[str, dict[str, Path]] = {}
    if not folder.is_dir():
        return found
    for entry in sorted(folder.iterdir()):
        m = STATEMENT_RE.match(entry.name)
        if not m or not entry.is_file():
            continue
        if not _inside(entry, package):
            c.warn(entry, "a link to a file outside the package; it is ignored (copy the file into the package)")
            continue
        language, extension = m.group(1) or "en", {"htm": "html"}.get(m.group(2), m.group(2))
        if m.group(1) is None and needs_language:
            c.warn(
                entry,
                f"statement files should name their language; rename it to problem.en.{m.group(2)} (read as English)",
            )
        if not LANGUAGE_RE.match(language):
            c.error(entry, f"{language!r} is not an ISO 639 language code (e.g. en, pt-BR); rename the file")
            continue
        found.setdefault(language, {}).setdefault(extension, entry)
    return found


def find(package: Path, metadata: Metadata, c: Collector) -> Statement:
    """The statement to show, with warnings for everything unusual about it."""
    own = metadata.layout.statement_dir
    other = next(name for name in FOLDERS if name != own)
    by_language = _files(package / own, c, needs_language=metadata.layout.statement_needs_language, package=package)
    source = package / own
    if not by_language and (package / other).is_dir():
        by_language = _files(package / other, c, needs_language=False, package=package)
        if by_language:
            source = package / other
            c.warn(
                source,
                f"{other}/ is the statement folder of another format version ({own}/ for "
                f"{metadata.version.value}); it is read, but rename it",
            )
    root_pdfs = {
        lang: files
        for lang, files in _files(package, c, needs_language=False, package=package).items()
        if "pdf" in files
    }
    if not by_language and root_pdfs:
        by_language = {lang: {"pdf": files["pdf"]} for lang, files in root_pdfs.items()}
        source = package
    if not by_language:
        c.warn(
            package / own,
            f"no problem statement: the problem loads and can be judged, but candidates cannot "
            f"open it until it has one; add {own}/problem.en.md (or .tex, .html, .pdf), or a "
            "problem.pdf at the package root",
        )
        return Statement("none", "", None, "en")
    names = metadata.names
    if names is not None and metadata.names_given_per_language and set(names) != set(by_language) and source != package:
        c.error(
            package / "problem.yaml",
            f"`name` has languages {sorted(names)} but {source.name}/ has statements "
            f"for {sorted(by_language)}; give one name per statement language (e.g. "
            "`name: {en: ...}` for problem.en.md)",
        )
    language = "en" if "en" in by_language else min(by_language)
    if language != "en":
        c.warn(source, f"no English statement; showing the {language!r} one")
    others = {lang: _load(lang, files, c, metadata) for lang, files in sorted(by_language.items()) if lang != language}
    return replace(_load(language, by_language[language], c, metadata), translations=others)


def _load(language: str, files: dict[str, Path], c: Collector, metadata: Metadata) -> Statement:
    """The statement of one language from its files (the preferred format)."""
    extension = next(e for e in PREFERENCE if e in files)
    path = files[extension]
    if extension == "pdf":
        c.warn(
            path,
            "the statement is a PDF: candidates see it embedded in the test page (with a download link); "
            "samples are shown from data/sample as well, so keep the PDF's samples the same",
        )
        return Statement("pdf", "", path, language)
    text = _read_text(path, c)
    if text is None:
        return Statement("none", "", path, language)
    if extension == "md":
        return Statement("markdown", _markdown(path, text, c, metadata), path, language)
    if extension == "html":
        return Statement("html", _html(text), path, language)
    result = convert.latex_to_markdown(text, metadata.constants)
    if result.unsupported:
        c.warn(
            path,
            "LaTeX commands without a Markdown equivalent (their text is kept): " + ", ".join(result.unsupported[:12]),
        )
    return Statement("markdown", result.markdown, path, language, result.problem_name)


def _markdown(path: Path, text: str, c: Collector, metadata: Metadata) -> str:
    first, _, rest = text.lstrip().partition("\n")
    if first.startswith("# "):
        heading = first[2:].strip().strip("#").strip()
        if heading.casefold() in {t.casefold() for t in (metadata.names or {}).values()}:
            text = rest  # the platform shows the name itself; drop the duplicate
            c.warn(
                path,
                "the statement starts with the problem name as a heading; it is not shown twice, but "
                "remove the line (statements must not include the name)",
            )
        else:
            c.warn(
                path,
                "the statement starts with a level-1 heading; the platform shows the problem name itself, "
                "so remove the title line",
            )
    sections = re.search(r"(?im)^#+\s*input\b", text) and re.search(r"(?im)^#+\s*output\b", text)
    if not sections and not metadata.is_interactive:
        c.warn(path, "the statement has no `## Input` and `## Output` sections; add them")
    return convert.markdown_statement(text, metadata.constants)


def _html(text: str) -> str:
    """The body of an HTML statement (sanitised when rendered)."""
    body = re.search(r"<body[^>]*>(.*)</body>", text, re.DOTALL | re.IGNORECASE)
    return (body.group(1) if body else text).strip() + "\n"
