"""Started, unused sandboxes kept ready, so a submission does not wait for a container to be created and started.

`acquire(config)` hands out a ready sandbox of that configuration (creating one when none is ready) and refills in the
background; a sandbox that ran code is never handed out again: `discard()` removes it in the background. The pool
keeps ASSESSMENT_SANDBOX_POOL spares (default 1) per configuration (image, limits, core, runtime), drops
configurations unused for IDLE_S and recycles spares older than MAX_AGE_S (the janitor removes sandboxes older than an
hour); `drain()` removes every spare (also at exit).
"""

from __future__ import annotations

import atexit
import logging
import queue
import select
import threading
import time
from collections.abc import Callable
from typing import Any

from . import settings
from .container import Sandbox, SandboxConfig

log = logging.getLogger("sandbox.pool")
IDLE_S = 600.0
MAX_AGE_S = 1200.0


class Pool:
    def __init__(self) -> None:
        self._ready: dict[SandboxConfig, list[Sandbox]] = {}
        self._wanted: dict[SandboxConfig, float] = {}  # config -> last use
        self._pending: dict[SandboxConfig, int] = {}
        self._lock = threading.Lock()
        self._tasks: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()
        self._outstanding = 0

    # -- public ---------------------------------------------------------------------------------------------
    def acquire(self, config: SandboxConfig) -> Sandbox:
        spare: Sandbox | None = None
        with self._lock:
            self._wanted[config] = time.monotonic()
            ready = self._ready.get(config) or []
            while ready and spare is None:
                candidate = ready.pop()
                if self._healthy(candidate):
                    spare = candidate
                else:
                    self._submit(candidate.close)
        if settings.pool_size() > 0:
            self._refill(config)
        return spare if spare is not None else Sandbox(config)

    def discard(self, sandbox: Sandbox) -> None:
        """Remove a sandbox after use (in the background)."""
        self._submit(sandbox.close)

    def drain(self) -> None:
        """Remove every spare and wait for background work (creations and removals) to finish."""
        with self._lock:
            self._wanted.clear()
        self.wait_idle()
        with self._lock:
            spares = [s for ready in self._ready.values() for s in ready]
            self._ready.clear()
        for sandbox in spares:
            sandbox.close()

    def wait_idle(self, timeout: float = 120.0) -> None:
        self._idle.wait(timeout)

    def spares(self) -> int:
        with self._lock:
            return sum(len(v) for v in self._ready.values())

    # -- internals ------------------------------------------------------------------------------------------
    @staticmethod
    def _healthy(sandbox: Sandbox) -> bool:
        """A spare's harness sends nothing unprompted: anything readable (EOF included) means it died."""
        if sandbox.closed or time.monotonic() - sandbox.created_at > MAX_AGE_S:
            return False
        try:
            readable, _, _ = select.select([sandbox.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable

    def _refill(self, config: SandboxConfig) -> None:
        with self._lock:
            missing = settings.pool_size() - len(self._ready.get(config, [])) - self._pending.get(config, 0)
            if missing <= 0:
                return
            self._pending[config] = self._pending.get(config, 0) + missing
        for _ in range(missing):
            self._submit(lambda: self._create(config))

    def _create(self, config: SandboxConfig) -> None:
        try:
            with self._lock:
                wanted = config in self._wanted
            if not wanted:
                return
            sandbox = Sandbox(config)
        except Exception as exc:  # noqa: BLE001 - a spare is an optimisation; the next acquire creates one itself
            log.warning("could not start a spare sandbox: %s", exc)
            return
        finally:
            with self._lock:
                self._pending[config] = max(0, self._pending.get(config, 0) - 1)
        with self._lock:
            if config in self._wanted:
                self._ready.setdefault(config, []).append(sandbox)
                sandbox = None  # type: ignore[assignment]
        if sandbox is not None:
            sandbox.close()
        self._expire()

    def _expire(self) -> None:
        now = time.monotonic()
        stale: list[Sandbox] = []
        with self._lock:
            for config, last in list(self._wanted.items()):
                if now - last > IDLE_S:
                    del self._wanted[config]
            for config, ready in list(self._ready.items()):
                keep = [s for s in ready if config in self._wanted and now - s.created_at < MAX_AGE_S]
                stale.extend(s for s in ready if s not in keep)
                self._ready[config] = keep
        for sandbox in stale:
            sandbox.close()

    def _submit(self, task: Callable[[], None]) -> None:
        with self._lock:
            self._outstanding += 1
            self._idle.clear()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="sandbox-pool", daemon=True)
                self._thread.start()
        self._tasks.put(task)

    def _work(self) -> None:
        while True:
            task = self._tasks.get()
            if task is None:
                return
            try:
                task()
            except Exception:
                log.exception("sandbox pool task failed")
            finally:
                with self._lock:
                    self._outstanding -= 1
                    if self._outstanding == 0:
                        self._idle.set()


POOL = Pool()


def acquire(config: SandboxConfig) -> Sandbox:
    return POOL.acquire(config)


def discard(sandbox: Sandbox) -> None:
    POOL.discard(sandbox)


def drain() -> None:
    POOL.drain()


def _at_exit(*_args: Any) -> None:
    try:
        POOL.drain()
    except Exception as exc:  # noqa: BLE001 - the janitor removes what is left
        log.debug("draining the sandbox pool at exit failed: %s", exc)


atexit.register(_at_exit)
