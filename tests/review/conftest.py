from __future__ import annotations

import re


def grade_form(html: str) -> dict[int, list[int]]:
    """criterion id -> level ids (in order of points) from the grading page."""
    result: dict[int, list[int]] = {}
    for crit, level in re.findall(r'name="criterion-(\d+)" value="(\d+)"', html):
        result.setdefault(int(crit), []).append(int(level))
    return result
