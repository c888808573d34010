"""Actionable problems found in a problems/ folder: what is wrong, where, and how to fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Issue:
    """One actionable problem with a file or folder."""

    path: str  # file or folder, relative to the problems dir when possible
    message: str  # what is wrong AND how to fix it
    severity: str = "error"  # "error" | "warning"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def relative_to(self, root: Path) -> Issue:
        """The same issue with its path made relative to `root` (when it lies under it)."""
        try:
            rel = Path(self.path).resolve().relative_to(Path(root).resolve())
        except (ValueError, OSError):
            return self
        return Issue(str(rel) if str(rel) != "." else Path(root).name, self.message, self.severity)


class PackageError(Exception):
    """A folder cannot be used; `issues` lists every error (and warning) found."""

    def __init__(self, issues: list[Issue]):
        self.issues = list(issues)
        errors = [i for i in self.issues if i.is_error] or self.issues
        super().__init__("; ".join(str(i) for i in errors[:5]) + (" ..." if len(errors) > 5 else ""))


class Collector:
    """Accumulates issues while a folder is read."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def error(self, path: Path | str, message: str) -> None:
        self.issues.append(Issue(str(path), message, "error"))

    def warn(self, path: Path | str, message: str) -> None:
        self.issues.append(Issue(str(path), message, "warning"))

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise PackageError(self.issues)
