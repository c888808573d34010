"""The Docker engine connection shared by the sandbox (the only place that imports `docker`)."""

from __future__ import annotations

import threading
from typing import Any

import docker
import docker.errors

LABEL = "assessment.sandbox"
HASH_LABEL = "assessment.inputs-hash"


class SandboxUnavailable(Exception):
    """The Docker engine is down or the runner image is missing: the submission should stay queued."""


class SandboxOverloaded(SandboxUnavailable):
    """A run reached its all-seconds wall-clock limit only because the machine kept it waiting for a CPU: its time
    says nothing about the program, so no verdict is given and the submission is judged again later."""


_lock = threading.Lock()
_client: Any = None


def client_or_unavailable() -> Any:
    """A live Docker client (cached per process); SandboxUnavailable when the engine cannot be reached."""
    global _client
    with _lock:
        if _client is not None:
            return _client
        try:
            client = docker.from_env(timeout=120)
            client.ping()
        except Exception as exc:
            raise SandboxUnavailable(f"the Docker engine is not reachable: {exc}") from exc
        _client = client
        return client


def forget_client() -> None:
    global _client
    with _lock:
        _client = None
