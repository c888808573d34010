"""A process's line in Linux's /proc/PID/stat, as the benchmarks read it (CPU time used, process group)."""

from __future__ import annotations

import os

TICK = os.sysconf("SC_CLK_TCK")


def stat_fields(pid: int | str) -> list[str]:
    """The fields after the command's name (which may hold spaces): [0] the state, [2] the process group, [11] and
    [12] user and system time in ticks. OSError when the process is gone."""
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()


def cpu_seconds(fields: list[str]) -> float:
    """User plus system CPU time, from stat_fields."""
    return (int(fields[11]) + int(fields[12])) / TICK


def run_queue_seconds(pid: int | str) -> float:
    """How long the process's live threads have waited, runnable, for a CPU (the second field of each
    /proc/PID/task/TID/schedstat, in nanoseconds). OSError when the process is gone."""
    waited = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                waited += int(f.read().split()[1])
        except (OSError, IndexError, ValueError):  # a thread that ended meanwhile
            continue
    return waited / 1e9
