"""JavaScript (Node.js)."""

import json

from .base import Files, Language, SubmissionError, file_entry, requested_file

_default = file_entry("main.js", "main.mjs", "index.js")


def _entry(files: Files, sources: tuple[str, ...], requested: str | None) -> str:
    """The entry point the submission names, else package.json's "main", else main.js (the package format's default),
    main.mjs or index.js, else the first file in name order."""
    if requested:
        return requested_file(requested, sources)
    if "package.json" in files:
        try:
            main = json.loads(files["package.json"].decode("utf-8")).get("main")
        except (ValueError, AttributeError):
            raise SubmissionError("package.json is not valid JSON") from None
        if isinstance(main, str):
            main = main.removeprefix("./")
            if main in sources:
                return main
            raise SubmissionError(f"package.json names {main!r} as main, but there is no such file")
    return _default(files, sources, None)


LANGUAGE = Language(
    id="javascript",
    name="JavaScript (Node.js)",
    kattis="javascript",
    aliases=("js", "node", "nodejs"),
    extensions=(".js", ".mjs", ".cjs"),
    also_reads=(".json",),
    source_name="main.js",
    find_entry=_entry,
    entry_rule="package.json's `main`, else `main.js` (or `main.mjs`, `index.js`), else the first file",
    version=("node", "--version"),
    packages=("nodejs",),
    # Every file's syntax is checked (as the reference judges do), not only the entry point's.
    compile=("sh", "-c", 'for f in "$@"; do node --check "$f" || exit 1; done', "node-check", "{sources}"),
    compile_is_check=True,
    run=("node", "--max-old-space-size={memory_mb}", "--stack-size=65500", "{entry}"),
    threads=16,
    oom_markers=("JavaScript heap out of memory", "Allocation failed - process out of memory"),
    codemirror="javascript",
    pygments="javascript",
    template=(
        "const data = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean).map(Number);\n"
        "const [a, b] = data;\nconsole.log(String(a + b));\n"
    ),
)
