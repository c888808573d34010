"""A machine too busy to give a run its CPU: the run gets no verdict (SandboxOverloaded, judged again later) instead
of a time limit it did not earn, while a program that is slow by itself keeps its time-limit verdict, however busy
the machine, and cannot pass its own threads' waiting off as the machine's. Where the time spent waiting for a CPU
can be read (runc); under gVisor only the all-seconds limit applies (test_isolation)."""

from __future__ import annotations

import pytest

from sandbox.judge import SandboxOverloaded
from tests.sandbox.helpers import add_tests, run

pytestmark = pytest.mark.docker

# About 0.6 s of CPU, then the sum: well within the 2 s limit on an idle core.
HEAVY_HONEST = """import time
a, b = map(int, input().split())
end = time.process_time() + 0.6
while time.process_time() < end:
    pass
print(a + b)
"""
SLEEPS = "import time\na, b = map(int, input().split())\ntime.sleep(30)\nprint(a + b)\n"
# Forty threads woken together by a barrier queue for the one core, run 20 microseconds each and sleep: a lot of
# waiting for a CPU, all of it caused by the program itself, and little CPU time; the main thread never answers.
CROWD_C = r"""#include <pthread.h>
#include <time.h>
#include <unistd.h>
#define THREADS 40
static pthread_barrier_t barrier;
static void *crowd(void *arg) {
    (void)arg;
    for (;;) {
        pthread_barrier_wait(&barrier);
        struct timespec t0, t;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
        do clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        while ((t.tv_sec - t0.tv_sec) * 1000000000L + (t.tv_nsec - t0.tv_nsec) < 20000);
        usleep(3000);
    }
    return 0;
}
int main(void) {
    pthread_barrier_init(&barrier, 0, THREADS);
    pthread_t id;
    for (int i = 0; i < THREADS - 1; i++) pthread_create(&id, 0, crowd, 0);
    crowd(0);
}
"""


@pytest.fixture
def runc(docker_sandbox, monkeypatch):
    monkeypatch.delenv("ASSESSMENT_SANDBOX_RUNTIME", raising=False)


def test_an_honest_program_starved_by_the_machine_gets_no_verdict(tmp_path, runc, starved_core):
    tests = add_tests(tmp_path / "data", count=2)
    with pytest.raises(SandboxOverloaded, match="too busy to time it fairly"):
        run(HEAVY_HONEST, "python", tests, time_s=2.0)


def test_the_same_program_on_a_free_core_is_accepted(tmp_path, runc):
    report, _ = run(HEAVY_HONEST, "python", add_tests(tmp_path / "data", count=2), time_s=2.0)
    assert report.verdict == "AC", report.tests
    assert all(500 <= t.time_ms < 2000 for t in report.tests), report.tests


def test_a_sleeping_program_is_a_time_limit_on_a_starved_core_too(tmp_path, runc, starved_core):
    report, _ = run(SLEEPS, "python", add_tests(tmp_path / "data", count=1), time_s=1.0)
    outcome = report.tests[0]
    assert (report.verdict, outcome.message) == ("TLE", "wall-clock limit of 2 s exceeded"), outcome
    assert outcome.wall_ms < 4000, outcome


def test_a_program_cannot_pass_its_own_threads_waiting_off_as_a_busy_machine(tmp_path, runc):
    """The threads wait for each other far longer than the run lasts; only what the rest of the machine made them
    wait is forgiven, so the wall-clock limit ends the run at 2 s, as for any program that does not answer."""
    report, _ = run(CROWD_C, "c", add_tests(tmp_path / "data", count=1), time_s=1.0)
    outcome = report.tests[0]
    assert (report.verdict, outcome.message) == ("TLE", "wall-clock limit of 2 s exceeded"), outcome
    assert outcome.time_ms < 1000 and outcome.wall_ms < 2500, outcome


def test_sandboxes_weigh_less_than_the_web_only_where_waiting_is_forgiven(runtime):
    """runc: every sandbox is created with the configured CPU weight (default 128 against the 1024 of any other
    process) and, with the cgroupfs driver on cgroup v1, at the root of the cgroup tree, so that the weight counts
    against the web's processes and not only against other containers. gVisor cannot show the time a run waited for
    a CPU, so there the sandbox keeps the default weight and place."""
    from sandbox.container import Sandbox, SandboxConfig, default_runtime
    from sandbox.docker_client import client_or_unavailable

    client = client_or_unavailable()
    sandbox = Sandbox(SandboxConfig("submission", 256, 16, runtime=default_runtime()))
    try:
        host = client.api.inspect_container(sandbox.container_id)["HostConfig"]
    finally:
        sandbox.close()
    info = client.info()
    v1_cgroupfs = info.get("CgroupDriver") == "cgroupfs" and str(info.get("CgroupVersion")) == "1"
    if runtime == "runsc":
        assert (host["CpuShares"], host["CgroupParent"]) == (0, "")
    else:
        assert host["CpuShares"] == 128
        assert host["CgroupParent"] == ("/" if v1_cgroupfs else "")


SCHEDULING_POLICY = (
    "import os\na, b = map(int, input().split())\n"
    "print(a + b if os.sched_getscheduler(0) == os.SCHED_IDLE else 'normal')\n"
)


def test_programs_run_at_idle_priority_where_waiting_is_forgiven(tmp_path, runtime):
    """runc: the program (and every process it starts) runs under SCHED_IDLE, so a web thread that wakes up takes
    the core at once instead of waiting for the program's time slice; gVisor: the normal policy (an idle-priority
    run there could be starved into a time limit)."""
    report, _ = run(SCHEDULING_POLICY, "python", add_tests(tmp_path / "data", count=1))
    assert report.verdict == ("WA" if runtime == "runsc" else "AC"), report.tests  # WA: it printed "normal"


def test_the_weight_is_a_setting_with_a_clear_error(monkeypatch):
    from sandbox import settings

    monkeypatch.setenv("ASSESSMENT_SANDBOX_CPU_SHARES", "1024")
    assert settings.cpu_shares() == 1024
    for wrong in ("0", "4096", "low"):
        monkeypatch.setenv("ASSESSMENT_SANDBOX_CPU_SHARES", wrong)
        with pytest.raises(ValueError, match="ASSESSMENT_SANDBOX_CPU_SHARES must be a whole number from 2 to 1024"):
            settings.cpu_shares()


def test_an_interactive_runs_sandboxes_do_not_yield(tmp_path, runc, monkeypatch):
    """The interactor runs on the program's core from another container, so the program could make the interactor's
    work look like the machine's: an interactive run's wall limit counts every second (never "starved") and neither of
    its sandboxes takes the lower weight or SCHED_IDLE, as before the sandboxes yielded."""
    from sandbox import pool
    from tests.sandbox.test_interactive import INTERACTOR, SEARCH, _problem

    created = []
    acquire = pool.POOL.acquire
    monkeypatch.setattr(pool.POOL, "acquire", lambda config: created.append(config) or acquire(config))
    tests, validator = _problem(tmp_path, INTERACTOR)
    report, _ = run(SEARCH, "python", tests, validator=validator, interactive=True, time_s=1.0)
    assert report.verdict == "AC", report.tests
    assert sorted(c.role for c in created) == ["submission", "validator"]
    assert not any(c.yields for c in created)
    created.clear()
    report, _ = run(HEAVY_HONEST, "python", add_tests(tmp_path / "plain", count=1), time_s=2.0)
    assert [c.yields for c in created] == [True]
