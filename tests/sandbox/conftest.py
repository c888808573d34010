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
        subprocess.run(["docker", "rm", "-f", *left], capture_output=True, check=False)
        pytest.fail(f"sandbox containers left behind: {left}")


def _runtime_registered(name: str) -> bool:
    from sandbox.docker_client import client_or_unavailable

    return name in (client_or_unavailable().info().get("Runtimes") or {})


@pytest.fixture(params=["runc", "runsc"])
def runtime(request, docker_sandbox, monkeypatch):
    """Runs the test once under the engine's runc and once under gVisor's runsc (ASSESSMENT_SANDBOX_RUNTIME): the
    hostile suite must hold under both. `.ci/run` installs runsc and registers it with the engine."""
    if request.param == "runsc":
        if not _runtime_registered("runsc"):
            _unavailable("gVisor's runsc is not registered with the Docker engine (see .ci/run)")
        monkeypatch.setenv("ASSESSMENT_SANDBOX_RUNTIME", "runsc")
    else:
        monkeypatch.delenv("ASSESSMENT_SANDBOX_RUNTIME", raising=False)
    return request.param
