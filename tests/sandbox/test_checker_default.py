"""The default output validator (Kattis semantics), checked on the host: no Docker needed."""

from __future__ import annotations

import pytest

from sandbox.checkers.default import check, parse_flags


def ok(team, judge, flags=()):
    return check(
        team.encode() if isinstance(team, str) else team, judge.encode() if isinstance(judge, str) else judge, flags
    )[0]


def test_exact_match_and_whitespace_amount_ignored():
    assert ok("1 2 3\n", "1 2 3\n")
    assert ok("1   2\n\n3", "1 2 3\n")
    assert ok("  1\t2\r\n3  \n\n", "1 2 3")
    assert not ok("1 2", "1 2 3")
    assert not ok("1 2 3 4", "1 2 3")
    assert not ok("", "1")
    assert ok("", "")
    assert ok("\n", "")


def test_messages_name_the_problem():
    accepted, message = check(b"1 5 3", b"1 2 3")
    assert not accepted and "'5'" in message and "'2'" in message
    assert "trailing output" in check(b"1 2 3 extra", b"1 2 3")[1]
    assert "ended early" in check(b"1 2", b"1 2 3")[1]


def test_case_insensitive_by_default():
    assert ok("YES\nNo", "yes\nno")
    assert not ok("YES", "yes", ["case_sensitive"])
    assert ok("yes", "yes", ["case_sensitive"])


def test_space_change_sensitive():
    flags = ["space_change_sensitive"]
    assert ok("1 2\n", "1 2\n", flags)
    assert not ok("1  2\n", "1 2\n", flags)
    assert not ok("1 2", "1 2\n", flags)
    assert not ok("1 2\n\n", "1 2\n", flags)
    assert not ok("1\n2\n", "1 2\n", flags)
    assert ok("A b\n", "a B\n", flags)  # still case-insensitive


def test_float_absolute_and_relative_tolerance():
    assert not ok("0.1000001", "0.1")  # no tolerance: tokens compared as text
    assert ok("0.1000001", "0.1", "float_tolerance 1e-6")
    assert not ok("0.10001", "0.1", "float_tolerance 1e-6")
    assert ok("1000000.5", "1000000", "float_relative_tolerance 1e-6")
    assert not ok("1000000.5", "1000000", "float_absolute_tolerance 1e-6")
    assert ok("0.0000001", "0", "float_absolute_tolerance 1e-6")
    assert not ok("0.0000001", "0", "float_relative_tolerance 1e-6")
    # absolute OR relative
    assert ok("100.5", "100", ["float_absolute_tolerance", "1e-9", "float_relative_tolerance", "0.01"])
    assert ok("1e3", "1000.0000001", "float_tolerance 1e-6")
    assert ok("2", "2.0000000001", "float_tolerance 1e-6")


def test_float_tokens_must_be_numbers_and_non_float_tokens_compare_as_text():
    assert not ok("abc", "0.5", "float_tolerance 1e-6")
    assert not ok("1_000", "1000", "float_tolerance 1e-6")
    assert ok("Case #1: 0.5000001", "case #1: 0.5", "float_tolerance 1e-6")
    assert not ok("Case #2: 0.5", "case #1: 0.5", "float_tolerance 1e-6")
    assert ok("nan", "NaN", "float_tolerance 1e-6")
    assert ok("inf", "inf", "float_tolerance 1e-6")
    assert not ok("1e308", "inf", "float_tolerance 1e-6")


def test_flags_parsing():
    flags = parse_flags("case_sensitive float_tolerance 1e-4")
    assert flags.case_sensitive and flags.float_abs == 1e-4 and flags.float_rel == 1e-4
    assert parse_flags(("float_absolute_tolerance", "0.5")).float_rel is None
    with pytest.raises(ValueError):
        parse_flags("float_tolerance")
    with pytest.raises(ValueError):
        parse_flags("bogus_flag")


def test_binary_and_non_ascii_output_does_not_crash():
    assert not ok(b"\xff\xfe\x00", "1")
    assert ok("héllo".encode(), "HéLLO".encode())
