"""`assessment run`'s processes: web processes sharing one port (each answers), a judge process of their own; a web or
judge process that dies is started again while the rest keep serving; SIGTERM stops every process of the server;
a crowd's worth of open connections (more than 1,024) is served. (The judge process judging what a web process
queued is exercised by tests/deploy/test_wheel.py, from the installed wheel.)"""

from __future__ import annotations

import os
import re
import resource
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.conftest import REPO
from tests.services import free_port, wait_port


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat[1]) == pid and b"resource_tracker" not in command and stat[0] != "Z":
                found.add(int(entry.name))
    return found


def until(condition, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


@pytest.fixture
def start_server(tmp_path):
    started = []

    def start(*options: str) -> dict:
        port = free_port()
        env = dict(
            os.environ,
            ASSESSMENT_INSTANCE=str(tmp_path / "instance"),
            ASSESSMENT_SECRET_KEY="server-processes-" + "0" * 40,
            ASSESSMENT_JUDGE_WORKERS="1",
            PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"),
            PYTHONPATH=str(REPO),
        )
        env.pop("DATABASE_URL", None)
        log = (tmp_path / "server.log").open("w")
        argv = [sys.executable, "-m", "assessment.cli.entry", "run", "--port", str(port), "--no-sync", *options]
        process = subprocess.Popen(argv, env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
        started.append((process, log))
        wait_port(port, timeout=90)
        return {"url": f"http://127.0.0.1:{port}", "port": port, "process": process, "log": tmp_path / "server.log"}

    yield start
    for process, log in started:
        if process.poll() is None:
            for child in children_of(process.pid):
                os.kill(child, signal.SIGKILL)
            process.kill()
            process.wait(10)
        log.close()


def answers(url: str, count: int = 100) -> set[int | str]:
    """Statuses of `count` requests sent 16 at a time, each on a new connection ("reset" for a connection that was
    cut, as those a process held when it was killed)."""

    def one(_: int) -> int | str:
        try:
            return requests.get(f"{url}/favicon.ico", timeout=30).status_code
        except requests.ConnectionError:
            return "reset"

    with ThreadPoolExecutor(16) as pool:
        return set(pool.map(one, range(count)))


def metrics_files_of(folder: Path, pid: int) -> list[Path]:
    return list(folder.glob(f"*_{pid}.db"))


def test_every_web_process_answers_and_a_dead_one_is_replaced(start_server, tmp_path):
    server = start_server("--processes", "2", "--no-judge")
    parent = server["process"].pid
    until(lambda: len(children_of(parent)) == 2)
    first = children_of(parent)
    # both take connections from the shared port: each counts the requests it answered in its own metrics file
    until(lambda: answers(server["url"]) == {200} and all(metrics_files_of(tmp_path / "metrics", p) for p in first))

    victim = min(first)
    os.kill(victim, signal.SIGKILL)  # its open connections are cut; the other process serves the next ones
    until(lambda: answers(server["url"], 30) == {200}, timeout=10)
    until(lambda: len(children_of(parent)) == 2 and victim not in children_of(parent))
    replacement = (children_of(parent) - first).pop()
    until(lambda: answers(server["url"], 30) == {200} and metrics_files_of(tmp_path / "metrics", replacement))


def judge_pids(log: Path) -> list[int]:
    return [int(pid) for pid in re.findall(r"judge worker judge@[^:]+:(\d+):\S+ started", log.read_text())]


def test_a_dead_judge_process_is_started_again(start_server):
    server = start_server("--processes", "1")
    until(lambda: judge_pids(server["log"]))
    [judge] = set(judge_pids(server["log"]))
    assert judge in children_of(server["process"].pid)
    os.kill(judge, signal.SIGKILL)
    until(lambda: set(judge_pids(server["log"])) - {judge})
    assert "judge process stopped (exit code -9); starting it again" in server["log"].read_text()
    assert answers(server["url"], 10) == {200}


def test_sigterm_stops_every_process(start_server):
    server = start_server("--processes", "2")
    parent = server["process"].pid
    until(lambda: len(children_of(parent)) == 3 and judge_pids(server["log"]))  # two web, one judge
    children = children_of(parent)
    os.kill(parent, signal.SIGTERM)
    assert server["process"].wait(timeout=90) == 0
    for child in children:
        assert not Path(f"/proc/{child}").exists()
    assert len(re.findall(r"judge worker \S+ stopped", server["log"].read_text())) == 1  # it stopped in order


def read_response(connection: socket.socket) -> bytes:
    """One whole HTTP response from a kept-alive connection: its status line."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(4096)
        assert chunk, "the connection was closed"
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
    while len(body) < length:
        body += connection.recv(4096)
    return head.split(b"\r\n", 1)[0]


def test_more_than_1024_open_connections_are_served(start_server):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 1100 + 200
    if hard != resource.RLIM_INFINITY and hard < wanted:
        pytest.skip(f"the hard limit on open files ({hard}) is below {wanted} here")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted), hard))
    try:
        server = start_server("--processes", "2", "--no-judge")
        request = f"GET /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1:{server['port']}\r\n\r\n".encode()
        connections = []
        try:
            for _ in range(1100):  # as if 1,100 candidates had a page open, each connection kept alive
                connections.append(socket.create_connection(("127.0.0.1", server["port"]), timeout=30))
            for connection in connections:
                connection.sendall(request)
            for connection in connections:
                assert read_response(connection) == b"HTTP/1.1 200 OK"
            for connection in connections[::100]:  # still open: a second request on the same connection
                connection.sendall(request)
                assert read_response(connection) == b"HTTP/1.1 200 OK"
        finally:
            for connection in connections:
                connection.close()
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
