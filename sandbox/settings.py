"""The sandbox's settings: the only place in sandbox/ that reads the environment (the package imports nothing from
the platform, so the platform's Settings passes nothing here; operators set these variables).

| variable | default | meaning |
| --- | --- | --- |
| ASSESSMENT_SANDBOX_RUNTIME | engine default (runc) | OCI runtime of every sandbox container, e.g. `runsc` (gVisor) |
| ASSESSMENT_SANDBOX_CPUS | every CPU of the Docker host | CPUs judges may pin runs to, e.g. `2-7` or `1,3` |
| ASSESSMENT_SANDBOX_CPU_SHARES | 128 | CPU weight of each sandbox (runc) against the machine's other processes, which weigh 1024, and below 1024 its programs run under SCHED_IDLE: the web is served first on a shared machine; 1024 weighs them alike |
| ASSESSMENT_SANDBOX_POOL | 1 | started, unused sandboxes kept ready per kind (0: start one per submission) |
| ASSESSMENT_SANDBOX_IMAGE | the runner tagged with the sources' hash | pin a runner image |
| ASSESSMENT_SANDBOX_BASE_IMAGE | assessment-runner-base:bookworm | name of the base image to build and use |
| ASSESSMENT_SANDBOX_CACHE | /var/cache/assessment | debootstrap's package cache and work folder |
| ASSESSMENT_SANDBOX_OFFLINE | when debootstrap is installed | build the base with debootstrap instead of a registry |
| DOCKER_HOST | the local socket | the Docker engine (read by the Docker SDK; here only to explain why it does not answer) |
"""

from __future__ import annotations

import os
from pathlib import Path


def _get(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def runtime() -> str | None:
    return _get("ASSESSMENT_SANDBOX_RUNTIME") or None


def cpus() -> str:
    return _get("ASSESSMENT_SANDBOX_CPUS")


def cpu_shares() -> int:
    value = _get("ASSESSMENT_SANDBOX_CPU_SHARES", "128")
    try:
        shares = int(value)
    except ValueError:
        shares = 0
    if not 2 <= shares <= 1024:
        raise ValueError(f"ASSESSMENT_SANDBOX_CPU_SHARES must be a whole number from 2 to 1024, not {value!r}")
    return shares


def pool_size() -> int:
    value = _get("ASSESSMENT_SANDBOX_POOL", "1")
    try:
        return max(0, int(value))
    except ValueError:
        raise ValueError(f"ASSESSMENT_SANDBOX_POOL must be a whole number, not {value!r}") from None


def pinned_image() -> str | None:
    return _get("ASSESSMENT_SANDBOX_IMAGE") or None


def base_image() -> str:
    return _get("ASSESSMENT_SANDBOX_BASE_IMAGE") or "assessment-runner-base:bookworm"


def cache_dir() -> Path:
    return Path(_get("ASSESSMENT_SANDBOX_CACHE") or "/var/cache/assessment")


def offline() -> bool | None:
    value = _get("ASSESSMENT_SANDBOX_OFFLINE")
    return value.lower() in {"1", "true", "yes"} if value else None


def docker_host() -> str | None:
    return _get("DOCKER_HOST") or None
