"""Small type checks shared by the loaders; each failure becomes one Issue naming the file and the fix."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .issues import Collector
from .yamlutil import type_name

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(float(value))


def string(
    c: Collector, file: Path, key: str, value: Any, *, required: bool = False, nonempty: bool = True
) -> str | None:
    if value is None:
        if required:
            c.error(file, f"`{key}` is missing; add `{key}: ...`")
        return None
    if not isinstance(value, str):
        c.error(file, f"`{key}` must be a string, found {type_name(value)} ({value!r}); quote it")
        return None
    if nonempty and not value.strip():
        c.error(file, f"`{key}` is empty; give it a value")
        return None
    return value


def integer(
    c: Collector, file: Path, key: str, value: Any, *, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    if value is None:
        return None
    if not is_int(value):
        c.error(file, f"`{key}` must be a whole number, found {type_name(value)} ({value!r})")
        return None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        bounds = (
            f"between {minimum} and {maximum}"
            if minimum is not None and maximum is not None
            else f"at least {minimum}"
            if minimum is not None
            else f"at most {maximum}"
        )
        c.error(file, f"`{key}` must be {bounds}, found {value}")
        return None
    return int(value)


def number(
    c: Collector, file: Path, key: str, value: Any, *, minimum: float | None = None, exclusive_min: bool = False
) -> float | None:
    if value is None:
        return None
    if not is_number(value):
        c.error(file, f"`{key}` must be a number, found {type_name(value)} ({value!r})")
        return None
    found = float(value)
    if minimum is not None and (found <= minimum if exclusive_min else found < minimum):
        c.error(file, f"`{key}` must be {'greater than' if exclusive_min else 'at least'} {minimum:g}, found {found:g}")
        return None
    return found


def mapping(c: Collector, file: Path, key: str, value: Any) -> dict[Any, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        c.error(file, f"`{key}` must be a map (indented `key: value` lines), found {type_name(value)}")
        return None
    return value


def unknown_keys(
    c: Collector,
    file: Path,
    where: str,
    data: dict[Any, Any],
    known: Iterable[str],
    *,
    warn: bool = False,
    hint: str = "",
) -> None:
    known = set(known)
    for key in data:
        if key not in known:
            message = (
                f"unknown key `{key}` in {where}; remove it or fix its spelling "
                f"(allowed: {', '.join(sorted(known))}){hint}"
            )
            (c.warn if warn else c.error)(file, message)


def words(c: Collector, file: Path, key: str, value: Any) -> tuple[str, ...] | None:
    """Arguments given as one string (split on whitespace) or a list of strings/numbers."""
    if value is None:
        return None
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        return tuple(str(v) for v in value)
    c.error(file, f"`{key}` must be a string or a list of strings, found {type_name(value)}")
    return None
