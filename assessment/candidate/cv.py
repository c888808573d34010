"""CV files: checked by content (a PDF, not just a .pdf name), stored outside the web root under a random name with
mode 0600, identified by their sha256."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext

from ..applications.cvstore import cv_file, remove_cv

__all__ = ["StoredCv", "cv_file", "pdf_problem", "remove_cv", "safe_original_name", "store_cv"]


@dataclass(frozen=True)
class StoredCv:
    name: str  # file name inside the CV folder
    sha256: str
    size: int


def pdf_problem(data: bytes) -> str | None:
    """Why these bytes are not an acceptable CV (None when they are)."""
    if not data:
        return gettext("The file is empty. Choose your CV as a PDF file.")
    if not data.startswith(b"%PDF-"):
        return gettext(
            "That file is not a PDF (whatever its name says). Export or save your CV as PDF and upload it again."
        )
    if b"%%EOF" not in data[-2048:]:
        return gettext("That PDF looks incomplete or damaged. Export it again and upload the new file.")
    if re.search(rb"/Encrypt\s", data[-65536:]) or re.search(rb"/Encrypt\s*\d+\s+\d+\s+R", data):
        return gettext(
            "That PDF is password-protected, so reviewers could not open it. Upload a version without a password."
        )
    return None


def store_cv(directory: Path, data: bytes) -> StoredCv:
    directory.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16) + ".pdf"
    fd = os.open(directory / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return StoredCv(name=name, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def safe_original_name(filename: str | None) -> str:
    base = os.path.basename((filename or "").replace("\\", "/"))
    return re.sub(r"[^\w.\- ()]+", "_", base)[:200] or "cv.pdf"
