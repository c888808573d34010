"""The whole problems/ tree: positions with their coding problems and essay prompts.

load_tree never raises for content errors: every problem is collected as an Issue (paths relative to the tree)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import checks
from .essay import TRANSLATION_NAME, EssaySpec, load_essay, load_translation
from .issues import Issue, PackageError
from .kattis import ProblemPackage, load_package
from .position import PositionConfig, load_position


@dataclass
class PositionSpec:
    slug: str
    path: Path
    config: PositionConfig
    problems: list[ProblemPackage] = field(default_factory=list)
    essays: list[EssaySpec] = field(default_factory=list)


@dataclass
class Tree:
    root: Path
    positions: list[PositionSpec] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    packages: list[ProblemPackage] = field(default_factory=list)  # every package that loaded, even in a
    # position with errors (for input validation)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]


def _visible_dirs(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.iterdir()) if p.is_dir() and not p.name.startswith((".", "_"))]


def load_tree(problems_dir: Path, *, strict: bool = True, only: str | None = None) -> Tree:
    """Every position folder under `problems_dir` (or only the one named `only`)."""
    root = Path(problems_dir)
    tree = Tree(root=root)
    issues: list[Issue] = []
    if not root.is_dir():
        tree.issues.append(Issue(str(root), "the problems folder does not exist; create it or pass the right path"))
        return tree
    for folder in _visible_dirs(root):
        if only is not None and folder.name != only:
            continue
        try:
            spec = _load_position(folder, issues, tree.packages, strict=strict)
        except Exception as exc:  # noqa: BLE001 - report, never crash on one bad folder
            issues.append(
                Issue(
                    str(folder),
                    f"could not be read ({type(exc).__name__}: {exc}); fix the folder's files or report this as a bug",
                )
            )
            continue
        if spec is not None:
            tree.positions.append(spec)
    tree.positions.sort(key=lambda p: (p.config.order, p.slug))
    tree.issues = [issue.relative_to(root) for issue in issues]
    return tree


def _load_position(
    folder: Path, issues: list[Issue], loaded: list[ProblemPackage], *, strict: bool
) -> PositionSpec | None:
    yaml_file = folder / "position.yaml"
    ok = True
    if not yaml_file.is_file():
        issues.append(
            Issue(
                str(yaml_file),
                "missing; every folder under problems/ is a position and needs a "
                "position.yaml (see problems/README.md)",
            )
        )
        ok = False
    if not checks.SLUG_RE.match(folder.name):
        issues.append(
            Issue(
                str(folder),
                "the position folder name is its URL slug: use lowercase letters, digits "
                "and dashes only (e.g. backend-engineer); rename it",
            )
        )
        ok = False
    coding_dir, essays_dir = folder / "coding", folder / "essays"
    package_dirs = _visible_dirs(coding_dir)
    markdown = sorted(p for p in essays_dir.glob("*.md") if p.is_file()) if essays_dir.is_dir() else []
    translations = [p for p in markdown if TRANSLATION_NAME.match(p.name)]  # <slug>.<language>.md
    essay_files = [p for p in markdown if p not in translations]
    if essays_dir.is_dir():
        for other in sorted(essays_dir.iterdir()):
            if other.is_file() and other.suffix != ".md" and not other.name.startswith("."):
                issues.append(
                    Issue(str(other), "only .md essay prompts belong in essays/; this file is ignored", "warning")
                )
    for entry in sorted(folder.iterdir()):
        if (
            entry.name not in ("position.yaml", "coding", "essays")
            and not entry.name.startswith(".")
            and entry.name.lower() not in ("readme.md", "readme")
        ):
            issues.append(
                Issue(
                    str(entry),
                    "unexpected entry in a position folder (expected position.yaml, coding/ "
                    "and essays/); it is ignored",
                    "warning",
                )
            )
    config = None
    if yaml_file.is_file():
        config, position_issues = load_position(
            yaml_file, has_coding_folder=bool(package_dirs), has_essay_folder=bool(essay_files)
        )
        issues.extend(position_issues)
    if config is None:
        ok = False

    problems: list[ProblemPackage] = []
    for package_dir in package_dirs:
        try:
            package = load_package(package_dir, strict=strict)
        except PackageError as exc:
            issues.extend(exc.issues)
            ok = False
            continue
        except Exception as exc:  # noqa: BLE001
            issues.append(Issue(str(package_dir), f"could not be read ({type(exc).__name__}: {exc})"))
            ok = False
            continue
        issues.extend(package.warnings)
        problems.append(package)
        loaded.append(package)
    essays: list[EssaySpec] = []
    for essay_file in essay_files:
        try:
            essay, essay_issues = load_essay(essay_file)
        except Exception as exc:  # noqa: BLE001
            issues.append(Issue(str(essay_file), f"could not be read ({type(exc).__name__}: {exc})"))
            ok = False
            continue
        issues.extend(essay_issues)
        if essay is None:
            ok = False
        else:
            essays.append(essay)
    by_slug = {essay.slug: essay for essay in essays}
    for translation in translations:
        match = TRANSLATION_NAME.match(translation.name)
        target = by_slug.get(match.group("slug")) if match else None
        if target is None:
            if match and match.group("slug") not in {p.stem for p in essay_files}:
                issues.append(
                    Issue(
                        str(translation),
                        f"a translation of essays/{match.group('slug')}.md, which does not exist; it is ignored",
                        "warning",
                    )
                )
            continue
        translation_issues = load_translation(translation, target)
        issues.extend(translation_issues)
        if any(issue.severity == "error" for issue in translation_issues):
            ok = False
    if not ok or config is None:
        return None
    return PositionSpec(slug=folder.name, path=folder, config=config, problems=problems, essays=essays)
