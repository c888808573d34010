from .base import Language


def _run(source: str, memory_mb: int) -> tuple[str, ...]:
    return ("node", f"--max-old-space-size={max(16, memory_mb)}", "main.js")


LANGUAGE = Language(
    id="javascript",
    name="JavaScript (Node.js)",
    extensions=(".js", ".mjs"),
    source_name="main.js",
    compile_argv=("node", "--check", "{src}"),
    run_argv=("node", "main.js"),
    pygments_lexer="javascript",
    codemirror_mode="javascript",
    template=(
        "const data = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean).map(Number);\n"
        "const [a, b] = data;\nconsole.log(String(a + b));\n"
    ),
    run_argv_for=_run,
    oom_markers=("JavaScript heap out of memory", "Allocation failed - process out of memory"),
)
