"""`assessment run` raises its own open-file limit (one socket per candidate connection; Debian's default soft limit
is 1,024). Serving more than 1,024 connections: tests/web/test_server_processes.py."""

from __future__ import annotations

import resource

import pytest

from assessment.cli.embedded_server import raise_open_file_limit


@pytest.fixture
def open_file_limit():
    before = resource.getrlimit(resource.RLIMIT_NOFILE)
    yield before
    resource.setrlimit(resource.RLIMIT_NOFILE, before)


def test_open_file_limit_is_raised_up_to_the_hard_limit_and_never_lowered(open_file_limit):
    _, hard = open_file_limit
    ceiling = hard if hard != resource.RLIM_INFINITY else 1 << 20
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(256, ceiling), hard))
    assert raise_open_file_limit(min(1024, ceiling)) == min(1024, ceiling)
    assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == min(1024, ceiling)
    assert raise_open_file_limit(512) == min(1024, ceiling)  # already higher: left alone
    if hard != resource.RLIM_INFINITY:
        assert raise_open_file_limit(hard + 10) == hard  # never above the hard limit
