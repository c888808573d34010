"""What the platform knows about one programming language: the table row every module under languages/ declares.

A language module defines `LANGUAGE = Language(...)`. Everything else derives from these rows: the runner image's
Debian packages, the versions shown by `assessment languages`, the editor's menu and starter code, upload checks
(file extensions), the compile and run commands, per-language limit adjustments and how a folder submission picks its
files and entry point.

Command templates are tuples of words; these placeholders are replaced when a submission is prepared:

    {sources}    every selected source file (expands to several words)
    {entry}      the entry point: a file for interpreted languages, a (qualified) class for the JVM
    {entry_stem} the entry point without its extension
    {memory_mb}  the problem's memory limit in MB (JVM heap, Node old space)
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field

Files = dict[str, bytes]


class SubmissionError(Exception):
    """The submission cannot be built as given (no source file, no entry point, ...): a compile error whose message
    says what to change."""


@dataclass(frozen=True)
class Program:
    """A submission prepared for the sandbox: the files to write into the working directory, the compile command (None:
    nothing to compile) and the run command."""

    files: Files
    compile: tuple[str, ...] | None
    run: tuple[str, ...]
    entry: str


EntryRule = Callable[[Files, tuple[str, ...], str | None], str]


def requested_file(requested: str, sources: tuple[str, ...]) -> str:
    """The source file an entry point names (`entrypoint` in submissions.yaml, `entry_point` in a contest judge's
    submissions.json): its path in the submission, or its name when only one file has it."""
    wanted = posixpath.normpath(requested.replace("\\", "/")).removeprefix("./")
    if wanted in sources:
        return wanted
    named = [s for s in sources if posixpath.basename(s) == posixpath.basename(wanted)]
    if len(named) == 1:
        return named[0]
    raise SubmissionError(
        f"the entry point {requested!r} is not one of the submission's source files ({', '.join(sources)})"
    )


def file_entry(*defaults: str) -> EntryRule:
    """Entry point rule of languages that run one file: the entry point the submission names, else the first of
    `defaults` it has (the package format's default entry point first), else its first source file in name order (what
    problemtools and DOMjudge run)."""

    def find(files: Files, sources: tuple[str, ...], requested: str | None) -> str:
        if requested:
            return requested_file(requested, sources)
        for default in defaults:
            if default in sources:
                return default
        for default in defaults:
            named = [s for s in sources if posixpath.basename(s) == default]
            if len(named) == 1:
                return named[0]
        return sources[0]

    return find


def no_entry(files: Files, sources: tuple[str, ...], requested: str | None) -> str:
    """Compiled languages that build every source into one executable need no entry point."""
    return sources[0]


@dataclass(frozen=True)
class Language:
    id: str  # stable id stored with submissions and used in position.yaml
    name: str  # what candidates see in the editor's menu
    extensions: tuple[str, ...]  # source file extensions (lower case, with the dot)
    source_name: str  # file name of a single-file submission
    version: tuple[str, ...]  # prints the version (first line kept) in the runner image
    packages: tuple[str, ...]  # Debian packages the runner image needs for this language
    run: tuple[str, ...]  # run command template
    compile: tuple[str, ...] | None = None  # compile command template; None: nothing to compile
    kattis: str = ""  # code in the problem package format's language table
    aliases: tuple[str, ...] = ()  # other names accepted for the language (e.g. in submissions.yaml)
    detect: bool = True  # False: shares its extensions with another language (not detected)
    also_reads: tuple[str, ...] = ()  # extra files kept from a folder submission (headers)
    support_files: tuple[tuple[str, str], ...] = ()  # files written next to the sources (name, text)
    libraries: tuple[str, ...] = ()  # importable libraries statements may rely on (import names)
    codemirror: str = ""  # editor mode
    pygments: str = "text"  # highlighter for reviewers
    template: str = ""  # starter code in the editor
    compile_is_check: bool = False  # the compile step only checks syntax (runs under the run limits)
    compile_memory_mb: int = 0  # the compiler's own minimum memory (raised above the problem's)
    compile_time_s: float = 0.0  # the compiler's own minimum time
    compile_env: tuple[tuple[str, str], ...] = ()
    run_env: tuple[tuple[str, str], ...] = ()
    threads: int = 0  # extra processes/threads the runtime needs (JVM, Mono, Go)
    idle_priority: bool = True  # False: the runtime refuses to run under SCHED_IDLE (see the sandbox's CPU weight)
    oom_markers: tuple[str, ...] = ()  # stderr text meaning the runtime itself ran out of memory
    entry_rule: str = ""  # how a folder submission's entry point is chosen (for the docs)
    name_file: Callable[[str], str] | None = field(default=None, compare=False)
    find_entry: EntryRule = field(default=no_entry, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.id, *((self.kattis,) if self.kattis else ()), *self.aliases)))

    def file_name(self, source: str) -> str:
        """The file name a single-file submission gets in the working directory."""
        return self.name_file(source) if self.name_file else self.source_name

    def owns(self, path: str) -> bool:
        """Whether a file of a folder submission belongs to this language (sources and headers)."""
        suffix = posixpath.splitext(path)[1].lower()
        return suffix in self.extensions or suffix in self.also_reads

    def prepare(
        self, source: str = "", files: Files | None = None, memory_mb: int = 256, entrypoint: str | None = None
    ) -> Program:
        """The files and commands for a single-file (`source`) or folder (`files`) submission; `entrypoint` names the
        folder's entry point (a file, or a class for the JVM languages) where the language needs one. Files in other
        languages are left out. SubmissionError when no source or no entry point can be found."""
        if files is None:
            chosen: Files = {self.file_name(source): source.encode("utf-8")}
        else:
            chosen = {_clean(p): data for p, data in files.items() if self.owns(p)}
        sources = tuple(sorted(p for p in chosen if posixpath.splitext(p)[1].lower() in self.extensions))
        if not sources:
            raise SubmissionError(f"no {self.name} source file ({', '.join(self.extensions)}) in the submission")
        entry = self.find_entry(chosen, sources, entrypoint if files is not None else None)
        for name, text in self.support_files:
            chosen.setdefault(name, text.encode("utf-8"))
        values = {
            "{entry}": entry,
            "{entry_stem}": posixpath.splitext(entry)[0],
            "{memory_mb}": str(max(16, memory_mb)),
        }

        def expand(template: tuple[str, ...]) -> tuple[str, ...]:
            out: list[str] = []
            for word in template:
                if word == "{sources}":
                    out.extend(sources)
                    continue
                for key, value in values.items():
                    word = word.replace(key, value)
                out.append(word)
            return tuple(out)

        return Program(chosen, expand(self.compile) if self.compile else None, expand(self.run), entry)

    # Compatibility helpers for single-file callers.
    def compile_command(self, source: str) -> tuple[str, ...] | None:
        return self.prepare(source).compile

    def run_command(self, source: str, memory_mb: int) -> tuple[str, ...]:
        return self.prepare(source, memory_mb=memory_mb).run

    @property
    def codemirror_language(self) -> str:
        return self.codemirror


def _clean(path: str) -> str:
    """A relative path inside the working directory; SubmissionError for absolute paths or `..`."""
    norm = posixpath.normpath(path.replace("\\", "/"))
    if norm.startswith(("/", "../")) or norm in ("..", ".", ""):
        raise SubmissionError(f"file name {path!r} leaves the submission folder")
    return norm
