"""Which CPU core a run is pinned to.

Every sandbox container gets one core (`cpuset` at creation, for the harness, the compiler and every process of the
program). The caller passes its worker slot (0, 1, ... for its judge threads or processes); slot i runs on the i-th
core of the judging CPUs (ASSESSMENT_SANDBOX_CPUS, default every CPU of the Docker host), so concurrent judges with
different slots never share a core and a submission's times do not depend on which core it landed on. Without a slot
(one-off commands) the least used core of this process is taken.
"""

from __future__ import annotations

import threading
from typing import Any

from . import settings

_lock = threading.Lock()
_cores: list[int] | None = None
_busy: dict[int, int] = {}


def parse_cpus(text: str) -> list[int]:
    """'0-3,6' -> [0, 1, 2, 3, 6]; ValueError naming the setting on nonsense."""
    found: list[int] = []
    try:
        for part in text.split(","):
            part = part.strip()
            if not part:
                continue
            if "-" in part:
                low, high = (int(x) for x in part.split("-", 1))
                found.extend(range(low, high + 1))
            else:
                found.append(int(part))
    except ValueError:
        raise ValueError(f"ASSESSMENT_SANDBOX_CPUS must list CPU numbers like 0-3,6, not {text!r}") from None
    if not found or min(found) < 0:
        raise ValueError(f"ASSESSMENT_SANDBOX_CPUS must list CPU numbers like 0-3,6, not {text!r}")
    return sorted(set(found))


def judging_cpus(client: Any) -> list[int]:
    global _cores
    with _lock:
        if _cores is None:
            configured = settings.cpus()
            _cores = parse_cpus(configured) if configured else list(range(int(client.info().get("NCPU") or 1)))
        return list(_cores)


def lease(client: Any, slot: int | None) -> int:
    """The core for a run: the slot's own core, or the least used one of this process."""
    cores = judging_cpus(client)
    with _lock:
        core = cores[slot % len(cores)] if slot is not None else min(cores, key=lambda c: (_busy.get(c, 0), c))
        _busy[core] = _busy.get(core, 0) + 1
        return core


def release(core: int) -> None:
    with _lock:
        _busy[core] = max(0, _busy.get(core, 0) - 1)


def reset() -> None:
    """Forget the configured CPUs (tests that change ASSESSMENT_SANDBOX_CPUS)."""
    global _cores
    with _lock:
        _cores = None
