"""Java 17: the file is named after its public class (any name), or after the class holding main()."""

import re

from .base import Language

_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", re.S)
_PUBLIC = re.compile(
    r"\bpublic\s+(?:(?:final|abstract|static|strictfp|sealed|non-sealed)\s+)*(?:class|record|enum|interface)\s+([A-Za-z_$][\w$]*)"
)
_CLASS = re.compile(r"\b(?:class|record|enum|interface)\s+([A-Za-z_$][\w$]*)")
_MAIN = re.compile(r"\bstatic\s+void\s+main\s*\(")


def _strip(source: str) -> str:
    return _COMMENTS.sub(lambda m: " " if m.group(0).startswith("/") else '""', source)


def main_class(source: str) -> str:
    code = _strip(source)
    public = _PUBLIC.search(code)
    if public:
        return public.group(1)
    main = _MAIN.search(code)
    end = main.start() if main else len(code)
    names = [m.group(1) for m in _CLASS.finditer(code, 0, end)]
    return names[-1] if names else "Main"


def _run(source: str, memory_mb: int) -> tuple[str, ...]:
    heap = max(16, memory_mb)
    return (
        "java",
        f"-Xmx{heap}m",
        "-Xss64m",
        "-XX:+UseSerialGC",
        "-XX:-UsePerfData",
        "-Xshare:auto",
        "-cp",
        ".",
        main_class(source),
    )


LANGUAGE = Language(
    id="java",
    name="Java 17",
    extensions=(".java",),
    source_name="Main.java",
    compile_argv=(
        "javac",
        "-J-Xmx512m",
        "-J-XX:+UseSerialGC",
        "-J-XX:-UsePerfData",
        "-J-Xshare:auto",
        "-encoding",
        "UTF-8",
        "-d",
        ".",
        "{src}",
    ),
    run_argv=("java", "Main"),
    pygments_lexer="java",
    codemirror_mode="java",
    template=(
        "import java.io.*;\nimport java.util.*;\n\npublic class Main {\n    public static void main(String[] args) throws IOException {\n"
        "        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));\n"
        "        StringTokenizer st = new StringTokenizer(in.readLine());\n"
        "        long a = Long.parseLong(st.nextToken()), b = Long.parseLong(st.nextToken());\n"
        "        System.out.println(a + b);\n    }\n}\n"
    ),
    source_name_for=lambda source: f"{main_class(source)}.java",
    run_argv_for=_run,
    oom_markers=("java.lang.OutOfMemoryError",),
)
