"""Hostile submissions: each ends with the right verdict in bounded time, leaves no container behind, and a normal
submission judged right after it is still accepted."""

from __future__ import annotations

import pytest

from tests.sandbox.helpers import ADD_PY, add_tests, run

pytestmark = pytest.mark.docker

SOLVE = "import sys\na, b = map(int, sys.stdin.read().split())\n"

FORK_BOMB_C = "#include <unistd.h>\nint main(void){ for(;;) fork(); }\n"
FORK_BOMB_PY = "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n"
MEMORY_HOG = "chunks = []\nwhile True:\n    chunks.append(bytearray(16 << 20))\n    chunks[-1][::4096] = b'x' * len(chunks[-1][::4096])\n"
INFINITE_STDOUT = "import sys\nwhile True:\n    sys.stdout.write('spam' * 4096)\n"
INFINITE_STDERR = "import sys\nwhile True:\n    sys.stderr.write('spam' * 4096)\n"
TOO_MUCH_OUTPUT = SOLVE + "import sys\nsys.stdout.write(str(a + b) + '\\n' + ' ' * (64 << 20))\n"
SLEEP_FOREVER = "import time\nwhile True:\n    time.sleep(3600)\n"
FILL_DISK = (
    SOLVE
    + """import os
print(a + b, flush=True)  # the answer first: the full disk must not break the judge or the next tests
written = 0
for folder in ('/tmp', '/work', '.'):
    for i in range(100000):
        try:
            with open(os.path.join(folder, f'fill{i}'), 'wb') as f:
                f.write(b'0' * (1 << 20))
            written += 1
        except OSError:
            break
os._exit(0 if written < 1024 else 1)  # the tmpfs mounts are small
"""
)
WRITE_SYSTEM = (
    SOLVE
    + """import os
breaches = []
targets = ['/etc/passwd', '/usr/bin/python3', '/opt/judge/harness.py', '/opt/judge/launch', '/bin/newfile',
           '/etc/newfile', '/sys/fs/cgroup/memory/memory.limit_in_bytes', '/sys/fs/cgroup/pids/pids.max',
           '/proc/sys/kernel/hostname', '/proc/1/mem', '/proc/1/environ', '/root/x', '/var/newfile']
for path in targets:
    try:
        with open(path, 'ab') as f:
            f.write(b'x')
        breaches.append(path)
    except OSError:
        pass
for path in ['/proc/1/environ', '/proc/1/mem', '/proc/1/fd/0']:
    try:
        if open(path, 'rb').read(1):  # gVisor lets the harness's (empty) environment be opened: nothing to read
            breaches.append('read ' + path)
    except OSError:
        pass
try:
    os.setuid(0)
    breaches.append('setuid')
except OSError:
    pass
print('BREACH ' + ' '.join(breaches) if breaches else a + b)
"""
)
NETWORK = (
    SOLVE
    + """import socket
breaches = []
names = sorted(name for _, name in socket.if_nameindex())
if names != ['lo']:
    breaches.append('interfaces ' + ','.join(names))
routes = open('/proc/net/route').read().strip().splitlines()
if len(routes) > 1:
    breaches.append('routes')
for host, port in [('127.0.0.1', 2375), ('127.0.0.1', 5000), ('127.0.0.1', 80)]:
    s = socket.socket()
    s.settimeout(1)
    try:
        s.connect((host, port))
        breaches.append(f'connected {host}:{port}')
    except OSError:
        pass
    finally:
        s.close()
print('BREACH ' + ' '.join(breaches) if breaches else a + b)
"""
)
DOCKER_SOCKET = (
    SOLVE
    + """import os
found = [p for p in ['/var/run/docker.sock', '/run/docker.sock', '/var/run/docker', '/run/containerd/containerd.sock']
         if os.path.exists(p)]
print('BREACH ' + ' '.join(found) if found else a + b)
"""
)
SEARCH_ANSWERS = (
    SOLVE
    + """import os
found = []
for root, dirs, files in os.walk('/'):
    if root in ('/proc', '/sys', '/dev', '/usr'):  # /usr: the toolchains' own files (Go's test data has .out files)
        dirs[:] = []
        continue
    for name in files:
        if name.endswith(('.ans', '.out')) or 'secret' in root:
            found.append(os.path.join(root, name))
    for name in dirs:
        if name in ('secret', 'sample', 'data') and 'problems' in root:
            found.append(os.path.join(root, name))
print('BREACH ' + ' '.join(found[:5]) if found else a + b)
"""
)
PRINT_ENV = """import os, glob
print(sorted(os.environ.items()))
for path in glob.glob('/proc/*/environ'):
    try:
        print(path, open(path, 'rb').read())
    except OSError as exc:
        print(path, 'unreadable')
"""
# Every process the program may signal is its own: kill(-1) reaches none of the judge's (and, on Linux, not the caller).
KILL_ALL = (
    SOLVE
    + """import os, signal
for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGSTOP):
    try:
        os.kill(1, sig)
    except OSError:
        pass
try:
    os.kill(-1, signal.SIGKILL)
except OSError:  # no process it may signal but itself (Linux skips the caller; gVisor says so)
    pass
print(a + b)
"""
)
STOP_LAUNCHER = """import os, signal
try:
    os.kill(os.getppid(), signal.SIGSTOP)  # the launcher runs as another user: not permitted
except PermissionError:
    pass
while True:
    pass
"""
SIGNAL_PID1 = (
    SOLVE
    + """import os, signal
for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGSTOP, signal.SIGUSR1):
    try:
        os.kill(1, sig)
    except OSError:
        pass
print(a + b)
"""
)
ORPHANS = (
    SOLVE
    + """import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(0.6)  # outlive this test, then aim at the next test's files
        for _ in range(200):
            for path in ['/tmp/.judge/out', '/tmp/.judge/in', '/proc/1/fd/1']:
                try:
                    with open(path, 'a') as f:
                        f.write('HACKED\\n')
                except OSError:
                    pass
            time.sleep(0.01)
    os._exit(0)
time.sleep(0.4)
print(a + b)
"""
)
TAMPER_WORK = (
    SOLVE
    + """import os
# state carried from one test to the next would show in the file count or in our own source
seen = open(__file__).read().count('#' + 'tick') + len([n for n in os.listdir('/work') if n.startswith('state')])
for attempt in (lambda: open(__file__, 'a').write('\\n#' + 'tick'), lambda: open('/work/state1', 'w').write('x'),
                lambda: os.chmod(__file__, 0)):
    try:
        attempt()
    except OSError:
        pass
print(a + b if seen == 0 else -seen)
"""
)

HOSTILE = {
    # name: (language, source, accepted verdicts, limits)
    "fork-bomb-c": ("c", FORK_BOMB_C, {"TLE", "RTE"}, {"time_s": 0.5}),
    "fork-bomb-python": ("python", FORK_BOMB_PY, {"TLE", "RTE"}, {"time_s": 0.5}),
    "memory-hog": ("python", MEMORY_HOG, {"MLE"}, {"memory_mb": 64}),
    # floods are discarded beyond the cap (no disk fills, the judge reads at most the cap) and end by the time limit
    "infinite-stdout": ("python", INFINITE_STDOUT, {"TLE"}, {"output_kb": 512, "time_s": 0.5}),
    "infinite-stderr": ("python", INFINITE_STDERR, {"TLE"}, {"output_kb": 512, "time_s": 0.5}),
    "too-much-output": ("python", TOO_MUCH_OUTPUT, {"OLE"}, {"output_kb": 512}),
    "sleep-forever": ("python", SLEEP_FOREVER, {"TLE"}, {"time_s": 0.5}),
    "fill-disk": ("python", FILL_DISK, {"AC"}, {"time_s": 2.0}),
    "write-system-dirs": ("python", WRITE_SYSTEM, {"AC"}, {}),
    "network": ("python", NETWORK, {"AC"}, {}),
    "docker-socket": ("python", DOCKER_SOCKET, {"AC"}, {}),
    "search-answers": ("python", SEARCH_ANSWERS, {"AC"}, {"time_s": 3.0}),
    "kill-everything": ("python", KILL_ALL, {"AC"}, {}),
    "stop-the-launcher": ("python", STOP_LAUNCHER, {"TLE"}, {"time_s": 0.5}),
    "signal-pid-1": ("python", SIGNAL_PID1, {"AC"}, {}),
    "orphan-daemons": ("python", ORPHANS, {"AC"}, {}),
    "tamper-with-work": ("python", TAMPER_WORK, {"AC"}, {}),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_submission(case, tmp_path, runtime):
    language, source, verdicts, limits = HOSTILE[case]
    tests = add_tests(tmp_path / "data", count=3)
    report, elapsed = run(source, language, tests, **limits)
    details = [(t.verdict, t.message, t.stderr_tail[-200:]) for t in report.tests]
    assert report.judge_error is None, report.judge_error
    assert report.verdict in verdicts, (report.verdict, details)
    # the harness survived: every test was run and got a verdict
    assert len(report.tests) == 3, details
    assert all(t.verdict in verdicts for t in report.tests), details
    assert elapsed < 30, elapsed
    follow_up, _ = run(ADD_PY, "python", tests)
    assert follow_up.verdict == "AC", [(t.verdict, t.message) for t in follow_up.tests]


def test_host_environment_is_not_visible(tmp_path, runtime, monkeypatch):
    monkeypatch.setenv("ASSESSMENT_SECRET_TOKEN", "s3cr3t-token-value-0042")
    monkeypatch.setenv("DATABASE_URL", "postgresql://judge:hunter2@db/assessment")
    (tmp_path / "in").write_text("1 2\n")
    from sandbox.spec import TestSpec

    tests = [TestSpec("custom", "custom", tmp_path / "in", None)]
    report, _ = run(PRINT_ENV, "python", tests, keep_output_bytes=1 << 20)
    assert report.verdict == "OK", report
    output = report.tests[0].output
    assert "HOME" in output  # the program did print its environment
    assert "s3cr3t-token-value-0042" not in output and "hunter2" not in output
    assert "/proc/1/environ unreadable" in output or "/proc/1/environ b''" in output


def test_answers_never_enter_the_submission_container(tmp_path, runtime):
    """The program reads only its input; the judge's answer is compared on the host."""
    tests = add_tests(tmp_path / "data", count=1)
    tests[0].answer_path.write_text("unique-answer-token-9c1d\n")
    source = (
        "import os, sys\nsys.stdin.read()\nfound = []\nfor root, dirs, files in os.walk('/'):\n"
        "    if root in ('/proc', '/sys', '/dev', '/usr', '/lib', '/var/lib'):\n        dirs[:] = []\n        continue\n"
        "    for n in files:\n        p = os.path.join(root, n)\n        try:\n"
        "            if '-'.join(['unique', 'answer', 'token']).encode() in open(p, 'rb').read(1 << 20):\n                found.append(p)\n"
        "        except OSError:\n            pass\nprint(found)\n"
    )
    report, _ = run(source, "python", tests, time_s=5.0, keep_output_bytes=4096)
    assert report.verdict == "WA"
    assert report.tests[0].output.strip() == "[]"
