"""Sandbox tests run against the real Docker engine and the real runner image.

The session fixture builds the images once (a no-op when nothing changed). Without Docker the tests are skipped
locally and FAIL under CI=true."""
from __future__ import annotations

import os
import subprocess

import pytest

from tests.sandbox.helpers import leftover_containers

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (Docker is required under CI=true)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def sandbox_images():
    try:
        from sandbox.docker_client import SandboxUnavailable, client_or_unavailable
    except ImportError as exc:  # the docker SDK is missing
        _unavailable(f"the sandbox cannot be imported: {exc}")
    try:
        client_or_unavailable()
    except SandboxUnavailable as exc:
        _unavailable(str(exc))
    from sandbox.build import build_images

    try:
        return build_images(log=lambda *a, **k: None)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"building the sandbox images failed: {exc}", pytrace=False)


@pytest.fixture
def docker_sandbox(sandbox_images):
    """The images are ready; after the test no sandbox container may be left behind."""
    yield sandbox_images
    from sandbox.pool import drain

    drain()  # spares kept ready by the pool are not leftovers; every sandbox that ran code must be gone
    left = leftover_containers()
    if left:
        subprocess.run(["docker", "rm", "-f", *left], capture_output=True)
        pytest.fail(f"sandbox containers left behind: {left}")
