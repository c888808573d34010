"""Each language of the table judges an accepted, a wrong and a non-compiling program in the real sandbox."""

from __future__ import annotations

import concurrent.futures

import pytest

from tests.sandbox.helpers import add_tests, run


@pytest.fixture
def judge_three(tmp_path, docker_sandbox):
    """judge_three(language, accepted, wrong, broken): the three programs judged side by side (two judges, one per
    worker slot, as the platform runs them); asserts AC, WA and CE and returns the reports."""

    def check(language: str, accepted: str, wrong: str, broken: str, **limits):
        tests = add_tests(tmp_path / "data", count=2)
        limits.setdefault("time_s", 5.0)
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            futures = [
                pool.submit(run, source, language, tests, slot=i % 2, **limits)
                for i, source in enumerate((accepted, wrong, broken))
            ]
            (ac, _), (wa, _), (ce, _) = (f.result() for f in futures)
        details = [
            (
                r.verdict,
                r.judge_error,
                r.compile_output[-800:],
                [(t.verdict, t.message, t.stderr_tail[-400:]) for t in r.tests],
            )
            for r in (ac, wa, ce)
        ]
        assert (ac.verdict, wa.verdict, ce.verdict) == ("AC", "WA", "CE"), details
        assert ce.compile_output.strip() and not ce.tests
        assert all(t.time_ms >= 0 and t.memory_kb > 0 for t in ac.tests)
        return ac, wa, ce

    return check
