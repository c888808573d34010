"""Source scanning shared by the JVM languages: package names and the class that holds `main`."""

from __future__ import annotations

import posixpath
import re

from .base import Files, SubmissionError, requested_file

_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'", re.DOTALL)
_PACKAGE = re.compile(r"^\s*package\s+([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*;?", re.MULTILINE)
_PUBLIC = re.compile(
    r"\bpublic\s+(?:(?:final|abstract|static|strictfp|sealed|non-sealed)\s+)*"
    r"(?:class|record|enum|interface)\s+([A-Za-z_$][\w$]*)"
)
_CLASS = re.compile(r"\b(?:class|record|enum|interface|object)\s+([A-Za-z_$][\w$]*)")
_JAVA_MAIN = re.compile(r"\bstatic\s+(?:public\s+)?void\s+main\s*\(")
_KOTLIN_TOP_MAIN = re.compile(r"^fun\s+main\s*\(", re.MULTILINE)
_KOTLIN_STATIC_MAIN = re.compile(r"@JvmStatic\s+fun\s+main\s*\(")


def strip(source: str) -> str:
    """The source without comments and with string/char literals emptied."""
    return _COMMENTS.sub(lambda m: " " if m.group(0).startswith("/") else '""', source)


def package_of(code: str) -> str:
    match = _PACKAGE.search(code)
    return re.sub(r"\s+", "", match.group(1)) if match else ""


def java_main_class(source: str) -> str:
    """The simple name of the class a single Java file is named after: its public class, else the class holding
    main(), else Main."""
    code = strip(source)
    public = _PUBLIC.search(code)
    if public:
        return public.group(1)
    return _class_before_main(code) or "Main"


def _class_before_main(code: str) -> str | None:
    main = _JAVA_MAIN.search(code)
    if not main:
        return None
    names = [m.group(1) for m in _CLASS.finditer(code, 0, main.start())]
    return names[-1] if names else None


def _choose(found: dict[str, list[str]], default: str, what: str, requested: str | None, suffix: str) -> str:
    """The entry class among `found` (source file -> classes with a main there): the one the submission names (a class,
    simple or qualified, or a source file), else the only one, else the one named `default`."""
    classes = [name for names in found.values() for name in names]
    if requested:
        if requested.endswith(suffix):
            in_file = found.get(requested_file(requested, tuple(sorted(found))), [])
            if len(in_file) == 1:
                return in_file[0]
            raise SubmissionError(f"the entry point {requested} holds no single {what}")
        named = [name for name in classes if requested in (name, name.rsplit(".", 1)[-1])]
        if len(named) == 1:
            return named[0]
        raise SubmissionError(f"the entry point {requested} is not a {what} of the submission")
    if len(classes) == 1:
        return classes[0]
    simple = [name for name in classes if name.rsplit(".", 1)[-1] == default]
    if len(simple) == 1:
        return simple[0]
    if not classes:
        raise SubmissionError(
            f"no {what} found: add `public static void main(String[] args)` to a class"
            if what.startswith("class")
            else f"no {what} found"
        )
    raise SubmissionError(
        f"several {what}s found ({', '.join(sorted(classes))}): keep one, name it {default}, or name the entry point"
    )


def java_entry(files: Files, sources: tuple[str, ...], requested: str | None) -> str:
    """The fully qualified class with main() among the Java sources (the class named Main when several have one)."""
    found: dict[str, list[str]] = {}
    for path in sources:
        code = strip(files[path].decode("utf-8", "replace"))
        name = _class_before_main(code)
        found[path] = []
        if name:
            package = package_of(code)
            found[path].append(f"{package}.{name}" if package else name)
    return _choose(found, "Main", "class with a main method", requested, ".java")


def kotlin_entry(files: Files, sources: tuple[str, ...], requested: str | None) -> str:
    """The JVM class holding Kotlin's main: `<File>Kt` for a top-level `fun main`, or an object/class with a
    @JvmStatic main; qualified with the file's package."""
    found: dict[str, list[str]] = {}
    for path in sources:
        code = strip(files[path].decode("utf-8", "replace"))
        package = package_of(code)
        prefix = f"{package}." if package else ""
        found[path] = []
        if _KOTLIN_TOP_MAIN.search(code):
            stem = posixpath.splitext(posixpath.basename(path))[0]
            found[path].append(prefix + stem[:1].upper() + stem[1:] + "Kt")
            continue
        static = _KOTLIN_STATIC_MAIN.search(code)
        if static:
            names = [m.group(1) for m in _CLASS.finditer(code, 0, static.start())]
            if names:
                found[path].append(prefix + names[-1])
    return _choose(found, "MainKt", "main function", requested, ".kt")
