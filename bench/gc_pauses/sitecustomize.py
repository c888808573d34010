"""bench/load.py --gc-pauses: Python imports this module at the start of every server process (the folder is put
first on the server's PYTHONPATH). When BENCH_GC_PAUSES_DIR is set it times each of the process's garbage
collections (gc.callbacks) and writes the counts to BENCH_GC_PAUSES_DIR/<pid>.json: per generation the number of
collections, their wall and CPU time, the longest; and for each full collection once the process has frozen objects
(assessment/heap.py) how many objects it left in the oldest generation (what the next one looks at) and its CPU
time. Only a benchmark loads it (and while it does, it stands in for any other sitecustomize module)."""

from __future__ import annotations

import gc
import json
import os
import time

FOLDER = os.environ.get("BENCH_GC_PAUSES_DIR", "")
_began = [0.0, 0.0]
_written = [0.0]
_counts: dict[str, dict] = {}
# (when, objects left in the oldest generation, CPU ms) of the full collections after a freeze
_full: list[list[float]] = []


def write() -> None:
    """Write the counts so far (also called by bench/load.py for its own process at the end)."""
    _written[0] = time.monotonic()
    try:
        command = open(f"/proc/{os.getpid()}/cmdline").read().replace("\0", " ")  # noqa: SIM115
        with open(os.path.join(FOLDER, f"{os.getpid()}.json"), "w") as out:
            json.dump({"command": command, "frozen": gc.get_freeze_count(), "generations": _counts, "full": _full}, out)
    except OSError:
        pass


def _timed(phase: str, info: dict) -> None:
    if phase == "start":
        _began[0], _began[1] = time.perf_counter(), time.thread_time()
        return
    wall, cpu = time.perf_counter() - _began[0], time.thread_time() - _began[1]
    generation = info["generation"]
    counts = _counts.setdefault(str(generation), {"n": 0, "wall_s": 0.0, "longest_s": 0.0, "cpu_s": 0.0})
    counts["n"] += 1
    counts["wall_s"] += wall
    counts["cpu_s"] += cpu
    counts["longest_s"] = max(counts["longest_s"], wall)
    if generation == 2:
        if gc.get_freeze_count():
            _full.append([round(time.time(), 1), len(gc.get_objects(2)), round(cpu * 1000, 2)])
        write()
    elif time.monotonic() - _written[0] > 2.0:
        write()


def _forked() -> None:
    """A forked child (Granian's web processes, Celery's pool) counts its own collections, not its parent's."""
    _counts.clear()
    _full.clear()
    _written[0] = 0.0


def install() -> None:
    if FOLDER and _timed not in gc.callbacks:
        gc.callbacks.append(_timed)
        os.register_at_fork(after_in_child=_forked)


install()
