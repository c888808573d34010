"""What the judge needs to know about one programming language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Language:
    id: str
    name: str
    extensions: tuple[str, ...]
    source_name: str  # default file name of the submission inside /work
    compile_argv: tuple[str, ...] | None  # None: nothing to check before running
    run_argv: tuple[str, ...]
    pygments_lexer: str
    codemirror_mode: str
    template: str
    # Per-submission adjustments (e.g. Java's class name), memory-aware run flags (JVM heap, Node old space).
    source_name_for: Callable[[str], str] | None = field(default=None, compare=False)
    run_argv_for: Callable[[str, int], tuple[str, ...]] | None = field(default=None, compare=False)
    oom_markers: tuple[str, ...] = ()  # stderr text meaning the runtime ran out of memory

    @property
    def codemirror_language(self) -> str:
        return self.codemirror_mode

    def file_name(self, source: str) -> str:
        return self.source_name_for(source) if self.source_name_for else self.source_name

    def compile_command(self, source: str) -> tuple[str, ...] | None:
        if self.compile_argv is None:
            return None
        name = self.file_name(source)
        return tuple(a.replace("{src}", name) for a in self.compile_argv)

    def run_command(self, source: str, memory_mb: int) -> tuple[str, ...]:
        if self.run_argv_for:
            return self.run_argv_for(source, memory_mb)
        name = self.file_name(source)
        return tuple(a.replace("{src}", name) for a in self.run_argv)
