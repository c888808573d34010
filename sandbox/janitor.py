"""Remove sandbox containers left behind (a judge process killed mid-run, an engine restart)."""

from __future__ import annotations

import logging
import os
import socket
import time

from .docker_client import LABEL, client_or_unavailable

log = logging.getLogger("sandbox.janitor")


def _owner_alive(owner: str) -> bool:
    host, _, pid = owner.rpartition(":")
    if not pid.isdigit():
        return False
    if host != socket.gethostname():
        # Another judge sharing this engine (several worker containers on one host): it may well be alive, so its
        # sandboxes are left to it, unless they stopped running or outlived max_age_s (checked by the caller).
        return True
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean(include_live: bool = False, max_age_s: float = 3600.0) -> int:
    """Force-remove labelled sandbox containers whose judge process is gone (or older than `max_age_s`, or all of
    them with include_live=True). Returns how many were removed."""
    client = client_or_unavailable()
    removed = 0
    for info in client.api.containers(all=True, filters={"label": LABEL}):
        labels = info.get("Labels") or {}
        created = float(labels.get(f"{LABEL}.created") or info.get("Created") or 0)
        alive = _owner_alive(labels.get(f"{LABEL}.owner", ""))
        if info.get("State") not in (None, "running", "created"):
            alive = False  # exited: nothing is using it
        if alive and not include_live and time.time() - created < max_age_s:
            continue
        try:
            client.api.remove_container(info["Id"], force=True, v=True)
            removed += 1
        except Exception as exc:  # noqa: BLE001 - gone meanwhile
            log.debug("could not remove %s: %s", info["Id"][:12], exc)
    return removed


if __name__ == "__main__":
    print(f"removed {clean()} leftover sandbox container(s)")
