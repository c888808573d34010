"""Is judging possible on this host? For the platform's health endpoint (cached briefly: it is polled)."""

from __future__ import annotations

import threading
import time
from typing import Any

_lock = threading.Lock()
_cache: tuple[float, dict[str, Any]] | None = None
TTL_S = 5.0


def engine_status() -> dict[str, Any]:
    """{"ok", "engine", "image", "error"?}: the Docker engine answers and the runner image is current."""
    global _cache
    with _lock:
        if _cache and time.monotonic() - _cache[0] < TTL_S:
            return dict(_cache[1])
    from .build import RUNNER_IMAGE
    from .container import runner_image
    from .docker_client import SandboxUnavailable, client_or_unavailable, forget_client

    status: dict[str, Any] = {"ok": False, "image": RUNNER_IMAGE}
    try:
        client = client_or_unavailable()
        status["engine"] = client.version().get("Version")
        status["image"] = runner_image(client)
        status["ok"] = True
    except SandboxUnavailable as exc:
        status["error"] = str(exc)[:300]
        forget_client()
    except Exception as exc:  # noqa: BLE001 - the engine went away between calls
        status["error"] = f"the Docker engine is not reachable: {exc}"[:300]
        forget_client()
    with _lock:
        _cache = (time.monotonic(), status)
    return dict(status)
