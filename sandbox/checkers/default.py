"""The Kattis default output validator, on the host.

Token-wise comparison of the team's output with the judge's answer:
- case-insensitive unless `case_sensitive`;
- any amount of whitespace separates tokens unless `space_change_sensitive`, then whitespace must match exactly;
- with `float_tolerance e` (absolute and relative), `float_absolute_tolerance e` or `float_relative_tolerance e`, a
  judge token that parses as a floating-point number matches a team token that also parses as one and is within the
  absolute OR the relative tolerance.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

_FLOAT = re.compile(rb"[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)", re.IGNORECASE)
_WS = b" \t\n\r\v\f"


@dataclass(frozen=True)
class Flags:
    case_sensitive: bool = False
    space_change_sensitive: bool = False
    float_abs: float | None = None
    float_rel: float | None = None


def parse_flags(args: str | Sequence[object]) -> Flags:
    """Flags from validator arguments (a sequence of words or one string). Unknown words raise ValueError."""
    words = args.split() if isinstance(args, str) else [w for a in args for w in str(a).split()]
    case = space = False
    f_abs = f_rel = None
    i = 0
    while i < len(words):
        word = words[i]
        if word == "case_sensitive":
            case = True
        elif word == "space_change_sensitive":
            space = True
        elif word in ("float_tolerance", "float_absolute_tolerance", "float_relative_tolerance"):
            if i + 1 >= len(words):
                raise ValueError(f"{word} needs a number")
            try:
                value = float(words[i + 1])
            except ValueError:
                raise ValueError(f"{word} needs a number, got {words[i + 1]!r}") from None
            i += 1
            if word != "float_relative_tolerance":
                f_abs = value
            if word != "float_absolute_tolerance":
                f_rel = value
        else:
            raise ValueError(f"unknown output validator flag {word!r}")
        i += 1
    return Flags(case, space, f_abs, f_rel)


def _show(token: bytes, limit: int = 40) -> str:
    text = token.decode("utf-8", "replace")
    return repr(text if len(text) <= limit else text[:limit] + "...")


def _as_float(token: bytes) -> float | None:
    if not _FLOAT.fullmatch(token):
        return None
    try:
        return float(token)
    except ValueError:
        return None


def _floats_match(judge: float, team: float, flags: Flags) -> bool:
    if math.isnan(judge):
        return math.isnan(team)
    if math.isinf(judge) or math.isinf(team):
        return judge == team
    diff = abs(judge - team)
    if flags.float_abs is not None and diff <= flags.float_abs:
        return True
    return flags.float_rel is not None and diff <= flags.float_rel * abs(judge)


def _pieces(data: bytes) -> list[tuple[bool, bytes, int]]:
    """Alternating runs (is_space, text, line number) of the output."""
    out, line = [], 1
    for m in re.finditer(rb"[ \t\n\r\v\f]+|[^ \t\n\r\v\f]+", data):
        text = m.group(0)
        out.append((text[0] in _WS, text, line))
        line += text.count(b"\n")
    return out


def _tokens_match(j_text: bytes, t_text: bytes, flags: Flags, use_floats: bool, token_no: int) -> str | None:
    """None when the tokens match, else the wrong-answer message."""
    if j_text == t_text:
        return None
    if use_floats:
        j_val = _as_float(j_text)
        if j_val is not None:
            t_val = _as_float(t_text)
            if t_val is None:
                return f"wrong answer: expected a number like {_show(j_text)}, got {_show(t_text)} (token {token_no})"
            if not _floats_match(j_val, t_val, flags):
                return (
                    f"wrong answer: {_show(t_text)} is not within the tolerance of {_show(j_text)} (token {token_no})"
                )
            return None
    if not flags.case_sensitive and j_text.lower() == t_text.lower():
        return None
    return f"wrong answer: got {_show(t_text)}, expected {_show(j_text)} (token {token_no})"


def check(team: bytes, judge: bytes, flags: Flags | str | Sequence[object] = ()) -> tuple[bool, str]:
    """(accepted, message) for the team's output against the judge's answer."""
    if not isinstance(flags, Flags):
        flags = parse_flags(flags)
    use_floats = flags.float_abs is not None or flags.float_rel is not None
    if team == judge:
        return True, ""
    if flags.space_change_sensitive:
        return _check_exact_space(team, judge, flags, use_floats)
    team_tokens, judge_tokens = team.split(), judge.split()  # bytes.split(): the six ASCII whitespace characters
    if not use_floats:
        if flags.case_sensitive:
            if team_tokens == judge_tokens:
                return True, ""
        elif team.lower().split() == judge.lower().split():
            return True, ""
    for index, (j_text, t_text) in enumerate(zip(judge_tokens, team_tokens, strict=False)):
        problem = _tokens_match(j_text, t_text, flags, use_floats, index + 1)
        if problem:
            return False, problem
    if len(team_tokens) < len(judge_tokens):
        return False, (
            f"wrong answer: output ended early, expected {_show(judge_tokens[len(team_tokens)])} "
            f"(token {len(team_tokens) + 1})"
        )
    if len(team_tokens) > len(judge_tokens):
        return False, (
            f"wrong answer: trailing output {_show(team_tokens[len(judge_tokens)])} after "
            f"{len(judge_tokens)} expected token(s)"
        )
    return True, ""


def _check_exact_space(team: bytes, judge: bytes, flags: Flags, use_floats: bool) -> tuple[bool, str]:
    """space_change_sensitive: the whitespace between (and around) tokens must be identical."""
    if not use_floats and not flags.case_sensitive and team.lower() == judge.lower():
        return True, ""
    team_runs, judge_runs = _pieces(team), _pieces(judge)
    token_no = 0
    for index, (j_space, j_text, _j_line) in enumerate(judge_runs):
        if index >= len(team_runs):
            if j_space:
                return False, f"space change error: expected whitespace {_show(j_text)} at the end of the output"
            return False, f"wrong answer: output ended early, expected {_show(j_text)} (token {token_no + 1})"
        t_space, t_text, t_line = team_runs[index]
        if j_space or t_space:
            if j_space != t_space or j_text != t_text:
                return False, f"space change error on line {t_line}: got {_show(t_text)}, expected {_show(j_text)}"
            continue
        token_no += 1
        problem = _tokens_match(j_text, t_text, flags, use_floats, token_no)
        if problem:
            return False, problem
    if len(team_runs) > len(judge_runs):
        t_space, t_text, _ = team_runs[len(judge_runs)]
        if t_space:
            return False, f"space change error: trailing whitespace {_show(t_text)}"
        return False, f"wrong answer: trailing output {_show(t_text)} after {token_no} expected token(s)"
    return True, ""
