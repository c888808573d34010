"""The first command on a fresh Debian machine: `assessment sandbox build` says what is missing (no Docker engine, an
engine that is not started, no debootstrap for the offline build, no registry) in one sentence with the command that
installs it, never with a traceback, and builds nothing meanwhile."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from sandbox.prerequisites import MissingPrerequisite, check_registry_build, explain_engine
from tests.conftest import REPO, _docker_ok, unavailable


def sandbox_build(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`assessment sandbox build` in a fresh process, as an operator runs it."""
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "assessment.cli.entry", "sandbox", "build", *args],
        env={**os.environ, "PYTHONPATH": str(REPO), **env},
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )


def assert_one_clear_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("Error: "), result.stderr
    for needle in needles:
        assert needle in errors[0], errors[0]


def test_no_debootstrap_for_the_offline_build_names_the_package(tmp_path):
    ok, why = _docker_ok()
    if not ok:
        unavailable(why)
    missing = f"assessment-runner-base:never-built-{uuid.uuid4().hex[:8]}"  # a base that would have to be built
    result = sandbox_build(
        tmp_path, "--offline", PATH=str(tmp_path / "bin"), ASSESSMENT_SANDBOX_BASE_IMAGE=missing
    )  # PATH without debootstrap
    assert_one_clear_error(result, "debootstrap", "sudo apt-get install -y debootstrap", "assessment sandbox build")
    images = subprocess.run(["docker", "images", "-q", missing], capture_output=True, text=True, check=True)
    assert images.stdout.strip() == "", "nothing was built"


def test_no_docker_engine_says_how_to_start_or_reach_it(tmp_path):
    socket = tmp_path / "nothing-listens-here.sock"
    result = sandbox_build(tmp_path, DOCKER_HOST=f"unix://{socket}")
    assert_one_clear_error(result, "Docker engine")
    assert "sudo systemctl start docker" in result.stderr or "sudo apt-get install -y docker.io" in result.stderr
    remote = sandbox_build(tmp_path, DOCKER_HOST="tcp://127.0.0.1:9")
    assert_one_clear_error(remote, "DOCKER_HOST=tcp://127.0.0.1:9", "does not answer")


@pytest.mark.parametrize(
    ("socket_exists", "installed", "may_use", "expected"),
    [
        (False, False, True, "sudo apt-get install -y docker.io"),
        (False, True, True, "sudo systemctl start docker"),
        (True, True, False, "sudo usermod -aG docker $USER"),
        (True, True, True, "sudo systemctl restart docker"),
    ],
)
def test_each_engine_problem_gets_its_own_fix(tmp_path, socket_exists, installed, may_use, expected):
    socket = tmp_path / "docker.sock"
    if socket_exists:
        socket.touch()
    message = explain_engine("Connection refused", None, socket, engine_installed=installed, may_use_socket=may_use)
    assert expected in message and "assessment sandbox build" in message


class _OfflineEngine:
    """An engine that has no debian image and reaches no registry."""

    class images:  # mirrors docker-py's client.images
        @staticmethod
        def get(name):
            raise LookupError(name)

        @staticmethod
        def pull(repository, tag=None):
            raise ConnectionError("dial tcp: lookup registry-1.docker.io: no such host")


def test_without_registry_or_debootstrap_the_build_says_to_install_debootstrap():
    with pytest.raises(MissingPrerequisite) as picked:
        check_registry_build(_OfflineEngine(), chosen=False)  # the registry way was picked: debootstrap is missing
    assert "sudo apt-get install -y debootstrap" in str(picked.value) and "no such host" in str(picked.value)
    with pytest.raises(MissingPrerequisite) as asked:
        check_registry_build(_OfflineEngine(), chosen=True)  # --online was asked for
    assert "assessment sandbox build --offline" in str(asked.value)
