"""The static checks run with the tests, so a lint, format, type or import-rule failure fails CI. Their settings
(rule set, strictness, contracts) are in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

CODE = ["assessment", "sandbox", "tests", "bench"]


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=600)


def tool(name: str) -> str:
    """The tool installed next to this interpreter (pyproject's `lint` extra)."""
    path = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert path, f"{name} is not installed: pip install -e '.[lint]'"
    return path


def test_ruff_lint():
    result = run(tool("ruff"), "check", "--no-cache", *CODE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = run(tool("ruff"), "format", "--check", "--no-cache", *CODE)
    assert result.returncode == 0, "run `ruff format`:\n" + result.stdout + result.stderr


def test_mypy():
    result = run(sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", "/dev/null")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "contract",
    [
        "layers",
        "areas",
        "no-request-in-domain",
        "no-forms-in-domain",
        "docker-in-sandbox",
        "sandbox-standalone",
        "acyclic",
    ],
)
def test_import_contract(contract):
    result = run(tool("lint-imports"), "--no-cache", "--contract", contract)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout, result.stdout
