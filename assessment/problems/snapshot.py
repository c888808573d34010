"""Read-only, content-addressed copies of problem packages: <snapshot_dir>/<content_hash>/.

The judge reads snapshots, never the live problems/ folder, so editing a package cannot change a running test."""
from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from .kattis import hash_files, package_files


class SnapshotError(Exception):
    pass


def _make_read_only(root: Path) -> None:
    for dirpath, _dirnames, filenames in os.walk(root, topdown=False):
        for filename in filenames:
            full = Path(dirpath) / filename
            mode = os.stat(full).st_mode
            os.chmod(full, 0o555 if mode & stat.S_IXUSR else 0o444)
        if Path(dirpath) != root:
            os.chmod(dirpath, 0o555)


def snapshot_package(package_path: Path, content_hash: str, snapshot_dir: Path) -> Path:
    """The snapshot for `content_hash`, created from `package_path` if it does not exist yet."""
    snapshot_dir = Path(snapshot_dir)
    target = snapshot_dir / content_hash
    if (target / "problem.yaml").is_file():
        return target
    snapshot_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{content_hash[:12]}-", dir=snapshot_dir))
    try:
        for rel, source in package_files(package_path):
            dest = tmp / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest)
            if os.access(source, os.X_OK):
                os.chmod(dest, 0o755)
        copied = hash_files(tmp)
        if copied != content_hash:
            raise SnapshotError(f"{package_path}: the package changed while it was being copied; run the sync again")
        _make_read_only(tmp)
        try:
            os.rename(tmp, target)
        except OSError:
            if (target / "problem.yaml").is_file():  # another process made the same snapshot first
                _remove(tmp)
                return target
            raise
        os.chmod(target, 0o555)
        return target
    except BaseException:
        _remove(tmp)
        raise


def _remove(path: Path) -> None:
    if not path.exists():
        return
    for dirpath, _dirnames, _filenames in os.walk(path):
        os.chmod(dirpath, 0o755)
    shutil.rmtree(path, ignore_errors=True)
