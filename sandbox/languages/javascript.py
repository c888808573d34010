"""JavaScript (Node.js)."""

import json

from .base import Files, Language, SubmissionError, single_entry

_default = single_entry("main.js")


def _entry(files: Files, sources: tuple[str, ...]) -> str:
    """package.json's "main", else main.js (the package format's default), else main.mjs / index.js, else the only
    file."""
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
    for name in ("main.js", "main.mjs", "index.js"):
        if name in sources:
            return name
    return _default(files, sources)


LANGUAGE = Language(
    id="javascript",
    name="JavaScript (Node.js)",
    kattis="javascript",
    aliases=("js", "node", "nodejs"),
    extensions=(".js", ".mjs", ".cjs"),
    also_reads=(".json",),
    source_name="main.js",
    find_entry=_entry,
    entry_rule="package.json's `main`, else `main.js` (or `main.mjs`, `index.js`), or the only file",
    version=("node", "--version"),
    packages=("nodejs",),
    compile=("node", "--check", "{entry}"),
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
