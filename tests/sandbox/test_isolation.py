"""Isolation properties of the sandbox, each proven by a hostile program (sandbox/README.md lists them).

Every program here prints the a+b answer only when the property holds for it, so a broken property turns an
accepted submission into a wrong answer (or, for limits, an accepted one into the verdict it deserves)."""

from __future__ import annotations

import concurrent.futures
import time

import pytest

from sandbox.spec import TestSpec
from tests.sandbox.helpers import ADD_PY, add_tests, run

pytestmark = pytest.mark.docker

SOLVE = "import os, sys\na, b = map(int, sys.stdin.read().split())\n"

# The program cannot kill, stop or signal any process of the judge: every attempt fails, and the program then goes
# on to print its answer (the honest verdict is AC).
KILL_PARENT = (
    SOLVE
    + """import signal
denied = 0
for target in (os.getppid(), 1):
    for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGUSR1):
        try:
            os.kill(target, sig)
        except PermissionError:
            denied += 1
print(a + b if denied == 6 else 'judge signalled')
"""
)
STOP_PARENT = (
    SOLVE
    + """import signal, time
denied = 0
for target in (os.getppid(), 1):
    try:
        os.kill(target, signal.SIGSTOP)
    except PermissionError:
        denied += 1
time.sleep(0.3)
print(a + b if denied == 2 else 'judge stopped')
"""
)
OTHER_UID = (
    SOLVE
    + """
def uid_of(pid):
    for line in open(f'/proc/{pid}/status'):
        if line.startswith('Uid:'):
            return int(line.split()[1])
mine, judge, launcher = os.getuid(), uid_of(1), uid_of(os.getppid())
print(a + b if mine not in (judge, launcher) and mine != 0 else f'same uid {mine} {judge} {launcher}')
"""
)
# CPU time of processes the program never waits for: SIGCHLD ignored means the kernel reaps the worker and its CPU
# time never reaches the program's own rusage; the cgroup still counts it.
HIDDEN_CPU = (
    SOLVE
    + """import signal, time
signal.signal(signal.SIGCHLD, signal.SIG_IGN)
r, w = os.pipe()
if os.fork() == 0:
    end = time.process_time() + 1.6
    x = 0
    while time.process_time() < end:
        x += 1
    os.write(w, b'done')
    os._exit(0)
os.read(r, 4)
print(a + b)
"""
)
ORPHAN_CPU = (
    SOLVE
    + """import time
r, w = os.pipe()
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        end = time.process_time() + 1.6
        while time.process_time() < end:
            pass
        os.write(w, b'done')
    os._exit(0)
os.wait()
os.read(r, 4)
print(a + b)
"""
)
# Peak memory of every process together: three children of 90 MB each stay under a 200 MB limit one by one.
SPLIT_MEMORY = (
    SOLVE
    + """import time
r, w = os.pipe()
kids = []
for _ in range(3):
    pid = os.fork()
    if pid == 0:
        block = bytearray(90 << 20)
        for i in range(0, len(block), 4096):
            block[i] = 1
        os.write(w, b'x')
        time.sleep(0.5)
        os._exit(0)
    kids.append(pid)
for _ in kids:
    os.read(r, 1)
time.sleep(0.2)
print(a + b)
"""
)
# Pinned to one core for all its processes, which cannot widen their CPU set.
PINNED = (
    SOLVE
    + """
def cores():
    try:
        os.sched_setaffinity(0, range(os.cpu_count() or 1))
    except OSError:
        pass
    return os.sched_getaffinity(0)
mine = cores()
r, w = os.pipe()
if os.fork() == 0:
    os.write(w, repr(sorted(cores())).encode())
    os._exit(0)
child = eval(os.read(r, 100))
os.wait()
print(a + b if len(mine) == 1 and child == sorted(mine) else f'cores {sorted(mine)} child {child}')
"""
)
REPORT_CORE = "import os\nprint(sorted(os.sched_getaffinity(0)))\n"
# The working directory is read-only: no new file, no change to the program's own files.
READ_ONLY_CWD = (
    SOLVE
    + """
wrote = []
for path in ('note.txt', __file__, os.path.join(os.getcwd(), 'x')):
    try:
        with open(path, 'a') as f:
            f.write('x')
        wrote.append(path)
    except OSError:
        pass
try:
    os.mkdir('dir')
    wrote.append('dir')
except OSError:
    pass
try:
    os.chmod(__file__, 0o777)
    wrote.append('chmod')
except OSError:
    pass
print(a + b if not wrote else f'wrote {wrote}')
"""
)
# /tmp is private, writable and empty at the start of every test, whatever the previous test left: files of mode
# 000, unreadable folders, FIFOs, symbolic links (to the judge's folders, too). The judge's own files (input,
# output) are not there to be found.
SCRATCH = (
    SOLVE
    + """import stat
left = sorted(os.listdir('/tmp'))
os.makedirs('/tmp/deep/er')
open('/tmp/deep/er/f', 'w').write('x')
os.chmod('/tmp/deep/er', 0)
os.chmod('/tmp/deep', 0)
open('/tmp/locked', 'w').write('x')
os.chmod('/tmp/locked', 0)
os.mkfifo('/tmp/fifo')
os.symlink('/work', '/tmp/link-work')
os.symlink('/judge', '/tmp/.judge')
os.symlink('/tmp/missing', '/tmp/dangling')
open('/tmp/.hidden', 'w').write('state')
print(a + b if not left else f'left over {left}')
"""
)

# The wall-clock limit is the time limit + 1 s: a program that sleeps past it (or stops itself, or waits on a parent
# it tried to stop) gets TLE, as contest judges give it, however little CPU it used.
SLEEPS_PAST_THE_LIMIT = SOLVE + "import time\ntime.sleep(9.5)\nprint(a + b)\n"
# The stack is unlimited (the memory limit bounds it), as the reference judges run programs: threads then get glibc's
# default 2 MiB stack, not one as large as the memory limit.
STACK = (
    SOLVE
    + """import ctypes, resource
libc = ctypes.CDLL(None)
attr = ctypes.create_string_buffer(128)
size = ctypes.c_size_t()
libc.pthread_getattr_default_np(attr)
libc.pthread_attr_getstacksize(attr, ctypes.byref(size))
soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
ok = soft == hard == resource.RLIM_INFINITY and size.value == 2 << 20
print(a + b if ok else f'stack {soft} {hard}, threads {size.value}')
"""
)
# Files readable by root only stay closed: the canary contest judges' environments carry, and /etc/shadow.
ROOT_ONLY = (
    SOLVE
    + """denied = []
for path in ('/etc/root-permission-test.txt', '/etc/shadow'):
    try:
        open(path).read()
    except PermissionError:
        denied.append(path)
    except OSError as exc:
        print(f'{path}: {exc}')
print(a + b if len(denied) == 2 else f'readable or missing: {denied}')
"""
)


CASES = {
    # name: (source, expected verdict, limits)
    "kill-the-parent": (KILL_PARENT, "AC", {}),
    "stop-the-parent": (STOP_PARENT, "AC", {}),
    "runs-as-another-user": (OTHER_UID, "AC", {}),
    "cpu-of-auto-reaped-children": (HIDDEN_CPU, "TLE", {"time_s": 1.0}),
    "cpu-of-orphans": (ORPHAN_CPU, "TLE", {"time_s": 1.0}),
    "memory-of-all-processes": (SPLIT_MEMORY, "MLE", {"memory_mb": 200, "time_s": 3.0}),
    "pinned-to-one-core": (PINNED, "AC", {}),
    "read-only-working-directory": (READ_ONLY_CWD, "AC", {}),
    "private-scratch-emptied": (SCRATCH, "AC", {}),
    "unlimited-stack-default-thread-stacks": (STACK, "AC", {}),
    "root-only-files-unreadable": (ROOT_ONLY, "AC", {}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_isolation_property(case, tmp_path, runtime):
    source, expected, limits = CASES[case]
    tests = add_tests(tmp_path / "data", count=3)
    report, elapsed = run(source, "python", tests, **limits)
    details = [(t.verdict, t.message, t.time_ms, t.memory_kb, t.stderr_tail[-300:]) for t in report.tests]
    assert report.judge_error is None, report.judge_error
    assert report.verdict == expected, details
    assert len(report.tests) == 3 and all(t.verdict == expected for t in report.tests), details
    assert elapsed < 40


def test_sleeping_past_the_wall_limit_is_a_time_limit(tmp_path, runtime):
    """Limit 2 s: the wall-clock limit is 3 s (it was 5 s), so sleeping is TLE however little CPU it used; only time
    spent waiting for a CPU (a loaded machine) is not counted. gVisor does not show that time (no schedstat), so
    there only the hard limit, 3 x the limit + 2 s, applies."""
    report, _ = run(SLEEPS_PAST_THE_LIMIT, "python", add_tests(tmp_path / "data", count=1), time_s=2.0)
    outcome = report.tests[0]
    limit_s = 8 if runtime == "runsc" else 3
    assert (report.verdict, outcome.message) == ("TLE", f"wall-clock limit of {limit_s} s exceeded"), outcome
    assert outcome.time_ms < 1000 and limit_s * 1000 <= outcome.wall_ms < limit_s * 1000 + 1400


def test_concurrent_slots_never_share_a_core(tmp_path, runtime):
    """Two judges with slots 0 and 1 run on different cores (the worker slot picks the core), for every process of
    the sandbox (the container's cpuset), whatever the runtime."""
    from sandbox.container import OWNER
    from sandbox.cpus import judging_cpus
    from sandbox.docker_client import LABEL, client_or_unavailable

    client = client_or_unavailable()
    if len(judging_cpus(client)) < 2:
        pytest.fail("this test needs a Docker host with at least two CPUs")
    (tmp_path / "in").write_text("\n")
    tests = [TestSpec("custom", "custom", tmp_path / "in", None)]
    program = "import time\ntime.sleep(1.5)\n" + REPORT_CORE
    seen: set[str] = set()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        futures = [
            pool.submit(run, program, "python", tests, keep_output_bytes=100, slot=slot, time_s=2.0) for slot in (0, 1)
        ]
        while not all(f.done() for f in futures):
            for info in client.api.containers(
                filters={"label": [f"{LABEL}.owner={OWNER}", f"{LABEL}.role=submission"]}
            ):
                detail = client.api.inspect_container(info["Id"])
                if detail["State"]["Running"] and detail["Config"]["Labels"].get(f"{LABEL}.role") == "submission":
                    seen.add(detail["HostConfig"]["CpusetCpus"])
            time.sleep(0.2)
        reports = [f.result()[0] for f in futures]
    assert all(r.verdict == "OK" for r in reports), reports
    assert {"0", "1"} <= seen, seen
    # and inside: one CPU for the program (gVisor numbers its one virtual CPU 0)
    assert all(len(eval(r.tests[0].output.strip())) == 1 for r in reports)


def test_accepted_after_every_hostile_program(tmp_path, docker_sandbox):
    report, _ = run(ADD_PY, "python", add_tests(tmp_path, count=2))
    assert report.verdict == "AC"


def test_runtime_is_the_one_asked_for(tmp_path, runtime):
    """Under ASSESSMENT_SANDBOX_RUNTIME=runsc the program sees gVisor's kernel, under runc the host's."""
    (tmp_path / "in").write_text("\n")
    source = "print(open('/proc/version').read())\n"
    report, _ = run(source, "python", [TestSpec("custom", "custom", tmp_path / "in", None)], keep_output_bytes=500)
    with open("/proc/version") as f:
        host = f.read().strip()
    assert (report.tests[0].output.strip() != host) == (runtime == "runsc"), (runtime, report.tests[0].output)
