"""What a long-running process does once it has built what it keeps: take those objects out of Python's cyclic
garbage collector.

A full collection looks at every object the collector tracks and holds the process's interpreter lock while it
does, so every request thread of a web process stops until it ends. A web process tracks about 146,000 objects once
the app is built (modules, the models' mappers, the problems, templates, translations), all kept as long as the
process runs: a full collection of them took 87-97 ms on the idle machine, and at 1,000 candidates the web
processes' full collections stopped them for 170-185 ms on average (up to 235 ms), long enough for the ~30 requests
that arrived meanwhile to wait in front of the app. Frozen (`gc.freeze()`), those objects are no longer looked at: a full
collection then looked at what the first requests built to keep (28,000-38,000 objects, 17-31 ms of CPU each), and
after the second freeze, once warm, at 2,000-3,500 objects (0.8-2.3 ms). (Measured with gc.callbacks in the web
processes of `python3 bench/load.py --candidates 1000 --duration 60 --ramp 100 --setup scaled --gc-pauses`.)

Frozen objects stay in memory as before; one that later became cyclic garbage would stay too, which is why the
second freeze happens once. In a process that forks its workers (Celery's prefork pool), freezing first also means
fewer pages copied, since the children's collections no longer touch the frozen objects.
"""

from __future__ import annotations

import gc
import threading

WARM_AFTER_S = 120.0


def freeze_startup_objects() -> int:
    """Collect what starting up left behind, then freeze the survivors; returns how many objects are now frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def freeze_again_when_warm(after_s: float = WARM_AFTER_S) -> threading.Timer:
    """Once, `after_s` after start: collect, then freeze what the first requests built to keep (each page's
    templates, lazily imported modules, compiled queries). Only once: what requests in flight hold at that moment is
    frozen with it."""
    timer = threading.Timer(after_s, freeze_startup_objects)
    timer.daemon = True
    timer.name = "freeze-when-warm"
    timer.start()
    return timer
