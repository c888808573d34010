"""What this machine lacks to build or run sandboxes, said in one sentence with the command that fixes it.

A fresh Debian machine may have no Docker engine, an engine that is not started, a user outside the `docker` group,
no `debootstrap` for the offline build of the base image, or no container registry for the other way. Each of these
is found before anything is built, and explained as a `MissingPrerequisite` (the `assessment sandbox build` command
prints it alone, without a traceback)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from . import settings
from .docker_client import SandboxUnavailable, client_or_unavailable

DEFAULT_SOCKET = Path("/var/run/docker.sock")
REGISTRY_BASE = ("debian", "bookworm-slim")  # FROM of images/Dockerfile.base
AGAIN = "then run `assessment sandbox build` again"


class MissingPrerequisite(RuntimeError):
    """Something this machine must have to build or run sandboxes; the message names the command that installs it."""


def explain_engine(
    reason: str,
    docker_host: str | None,
    socket: Path = DEFAULT_SOCKET,
    engine_installed: bool | None = None,
    may_use_socket: bool | None = None,
) -> str:
    """Why the Docker engine cannot be used, and what to do about it."""
    reason = reason.strip().splitlines()[0][:200] if reason.strip() else "no answer"
    if docker_host and not docker_host.startswith("unix://"):
        return (
            f"The Docker engine at DOCKER_HOST={docker_host} does not answer ({reason}). Start it or correct "
            f"DOCKER_HOST (unset it to use this machine's engine), {AGAIN}."
        )
    if docker_host:
        socket = Path(docker_host.removeprefix("unix://"))
    if engine_installed is None:
        engine_installed = shutil.which("dockerd") is not None
    if not socket.exists():
        if not engine_installed:
            return (
                "No Docker engine is installed on this machine: install one with `sudo apt-get install -y docker.io` "
                f"(Debian's package; Docker's own docker-ce works too), {AGAIN}."
            )
        return (
            f"The Docker engine is installed but not running (no socket at {socket}): start it with "
            f"`sudo systemctl start docker` (or `sudo service docker start`), {AGAIN}."
        )
    if may_use_socket is None:
        may_use_socket = os.access(socket, os.R_OK | os.W_OK)
    if not may_use_socket:
        return (
            f"This user may not use the Docker engine ({socket}): add it to the docker group with "
            f"`sudo usermod -aG docker $USER` and sign in again (or run as root), {AGAIN}."
        )
    return (
        f"The Docker engine at {socket} does not answer ({reason}): restart it with `sudo systemctl restart docker`, "
        f"{AGAIN}."
    )


def engine() -> Any:
    """A live Docker client, or MissingPrerequisite saying what is wrong with the engine and how to fix it."""
    try:
        return client_or_unavailable()
    except SandboxUnavailable as exc:
        cause = exc.__cause__ or exc
        raise MissingPrerequisite(explain_engine(str(cause), settings.docker_host())) from exc


def check_offline_build() -> None:
    """The offline base build runs `debootstrap` as root."""
    if shutil.which("debootstrap") is None:
        raise MissingPrerequisite(
            "The offline build of the sandbox's base image needs debootstrap, which is not installed: run "
            f"`sudo apt-get install -y debootstrap`, {AGAIN}."
        )
    if os.geteuid() != 0:
        raise MissingPrerequisite(
            f"debootstrap builds the sandbox's base image as root: run `sudo assessment sandbox build` (or {AGAIN} "
            "as root)."
        )


def check_registry_build(client: Any, chosen: bool) -> None:
    """The registry build starts FROM debian:bookworm-slim: it must be here or pullable. `chosen`: the operator asked
    for it (--online); otherwise it was picked because debootstrap is missing."""
    repository, tag = REGISTRY_BASE
    try:
        client.images.get(f"{repository}:{tag}")
        return
    except Exception:  # noqa: BLE001 - not here yet: try to pull it
        pass
    try:
        client.images.pull(repository, tag=tag)
    except Exception as exc:
        reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        if chosen:
            raise MissingPrerequisite(
                f"No container registry is reachable to pull {repository}:{tag} ({reason}): build offline from "
                "Debian's packages instead with `assessment sandbox build --offline` (it needs debootstrap: "
                "`sudo apt-get install -y debootstrap`)."
            ) from exc
        raise MissingPrerequisite(
            f"No container registry is reachable to pull {repository}:{tag} ({reason}), and debootstrap, which builds "
            "the base image from Debian's packages instead, is not installed: run "
            f"`sudo apt-get install -y debootstrap`, {AGAIN}."
        ) from exc
