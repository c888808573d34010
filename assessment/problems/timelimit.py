"""Time limits: explicit in problem.yaml, else `.timelimit` (written by `assessment verify`, or exported by a contest
judge), else `timelimit` in `domjudge-problem.ini` (a contest judge's export), else a default.

Derivation (Kattis 2025-09): the smallest multiple of `time_resolution` (default 1.0 s) that is at least the slowest
accepted submission's time x `ac_to_time_limit` (default 2.0). Legacy packages use `limits.time_multiplier`
(default 5) with a resolution of 1 s.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DEFAULT_TIME_LIMIT_S = 2.0
DEFAULT_AC_TO_TIME_LIMIT = 2.0
DEFAULT_TIME_RESOLUTION_S = 1.0
LEGACY_TIME_MULTIPLIER = 5.0
LEGACY_TIME_SAFETY_MARGIN = 2.0
TIMELIMIT_FILE = ".timelimit"
DOMJUDGE_INI = "domjudge-problem.ini"
_INI_LINE = re.compile(r"^\s*([A-Za-z_]+)\s*=\s*(.*?)\s*$")


def round_up(value: float, resolution: float) -> float:
    """Smallest positive multiple of `resolution` that is >= value."""
    if resolution <= 0:
        raise ValueError("the time resolution must be positive")
    steps = max(1, math.ceil(value / resolution - 1e-9))
    return round(steps * resolution, 6)


def compute(
    slowest_accepted_s: float,
    multiplier: float = DEFAULT_AC_TO_TIME_LIMIT,
    resolution: float = DEFAULT_TIME_RESOLUTION_S,
) -> float:
    if slowest_accepted_s < 0:
        raise ValueError("a running time cannot be negative")
    return round_up(slowest_accepted_s * multiplier, resolution)


def derive_time_limit(slowest_accepted_s: float | Iterable[float], package: Any = None) -> float:
    """The time limit for `package` given its slowest accepted submission's time (seconds).

    `slowest_accepted_s` may also be a sequence of times (the maximum is used). `package` is a ProblemPackage
    (its `ac_to_time_limit` and `time_resolution` are used) or None for the spec defaults."""
    if not isinstance(slowest_accepted_s, (int, float)):
        times = [float(t) for t in slowest_accepted_s]
        if not times:
            raise ValueError("at least one accepted submission time is needed to derive a time limit")
        slowest_accepted_s = max(times)
    multiplier = float(getattr(package, "ac_to_time_limit", DEFAULT_AC_TO_TIME_LIMIT) or DEFAULT_AC_TO_TIME_LIMIT)
    resolution = float(getattr(package, "time_resolution", DEFAULT_TIME_RESOLUTION_S) or DEFAULT_TIME_RESOLUTION_S)
    return compute(float(slowest_accepted_s), multiplier, resolution)


def read_timelimit_file(path: Path) -> float:
    """The limit written by `assessment verify`; ValueError with a readable reason when malformed."""
    return seconds(Path(path).read_text(encoding="utf-8").strip(), "expected")


def seconds(text: str, what: str) -> float:
    """A positive, finite number of seconds; ValueError naming `what` was expected otherwise."""
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{what} one number of seconds, found {text[:40]!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{what} a positive number of seconds, found {text[:40]!r}")
    return value


def read_domjudge_ini(path: Path) -> dict[str, str]:
    """`key = 'value'` lines of a contest judge's domjudge-problem.ini (no sections; quotes optional)."""
    found: dict[str, str] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith((";", "#")):
            continue
        m = _INI_LINE.match(line)
        if m:
            value = m.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            found[m.group(1).lower()] = value
    return found


def timelimit_from_ini(path: Path) -> float | None:
    """The `timelimit` of a domjudge-problem.ini (None when it sets none); ValueError when it is not a number."""
    value = read_domjudge_ini(path).get("timelimit")
    if value is None or not value.strip():
        return None
    return seconds(value.strip(), "`timelimit` must be")
