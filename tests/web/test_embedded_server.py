"""The embedded server (`assessment run`, waitress) under a crowd: it keeps answering when the process holds more
than 1,024 open files (one socket per candidate connection), and it raises its own open-file limit."""

from __future__ import annotations

import os
import resource
import threading
import urllib.request

import pytest

from assessment.cli.serve import make_server, raise_open_file_limit


def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello"]


@pytest.fixture
def open_file_limit():
    before = resource.getrlimit(resource.RLIMIT_NOFILE)
    yield before
    resource.setrlimit(resource.RLIMIT_NOFILE, before)


def test_answers_when_its_sockets_are_numbered_past_1024(open_file_limit):
    if raise_open_file_limit(2048) < 1400:
        pytest.skip("the hard limit on open files is below 1,400 here")
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]  # as if 1,100 candidates were connected
    server = make_server(hello, "127.0.0.1", 0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(3):
            with urllib.request.urlopen(f"http://127.0.0.1:{server.effective_port}/", timeout=10) as response:
                assert response.status == 200 and response.read() == b"hello"
        assert thread.is_alive()  # the server loop did not stop on a high file descriptor
    finally:
        server.close()
        for fd in held:
            os.close(fd)


def test_open_file_limit_is_raised_up_to_the_hard_limit_and_never_lowered(open_file_limit):
    _, hard = open_file_limit
    ceiling = hard if hard != resource.RLIM_INFINITY else 1 << 20
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(256, ceiling), hard))
    assert raise_open_file_limit(min(1024, ceiling)) == min(1024, ceiling)
    assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == min(1024, ceiling)
    assert raise_open_file_limit(512) == min(1024, ceiling)  # already higher: left alone
    if hard != resource.RLIM_INFINITY:
        assert raise_open_file_limit(hard + 10) == hard  # never above the hard limit
