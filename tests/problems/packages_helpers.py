"""The small packages under tests/problems/packages/: where they are, and fresh copies to work on (verify writes
.timelimit into a package, so tests never run it on the committed folders)."""

from __future__ import annotations

import shutil
from pathlib import Path

PACKAGES = Path(__file__).resolve().parent / "packages"
NAMES = sorted(p.name for p in PACKAGES.iterdir() if p.is_dir())


def package_copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(PACKAGES / name, target)
    return target


def position_with(tmp_path: Path, *names: str, slug: str = "packages") -> Path:
    """A problems tree with one position holding copies of the named packages."""
    folder = tmp_path / "problems" / slug
    (folder / "coding").mkdir(parents=True)
    (folder / "position.yaml").write_text(
        "title: Package Formats\ndescription: Problems in every package shape.\nduration_minutes: 60\n"
        "parts: [coding]\nweights: {coding: 1.0}\nlanguages: [python, cpp, java]\n"
    )
    for name in names:
        shutil.copytree(PACKAGES / name, folder / "coding" / name)
    return tmp_path / "problems"
