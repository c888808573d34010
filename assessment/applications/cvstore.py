"""Where stored CVs are found and removed (the CV folder, outside the web root): used by the CV download, the
candidate's data export and erasure, and the retention rule. Storing and checking an upload is
assessment.candidate.cv."""

from __future__ import annotations

import re
from pathlib import Path

STORED_NAME = re.compile(r"^[0-9a-f]{32}\.pdf$")


def cv_file(directory: Path, name: str | None) -> Path | None:
    """The stored file for a recorded name, or None (never a path outside the CV folder)."""
    if not name or not STORED_NAME.match(name):
        return None
    path = directory / name
    return path if path.is_file() else None


def remove_cv(directory: Path, name: str | None) -> bool:
    """Delete a stored CV. True when a file was removed."""
    path = cv_file(directory, name)
    if path is None:
        return False
    path.unlink(missing_ok=True)
    return True
