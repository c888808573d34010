"""Long-running processes take what they built at start out of Python's cyclic garbage collector
(assessment/heap.py): a full collection then stops a web process only for what requests made since."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref

import pytest

from assessment.heap import freeze_again_when_warm, freeze_startup_objects
from tests.conftest import REPO


@pytest.fixture
def unfrozen_afterwards():
    yield
    gc.unfreeze()


def test_a_full_collection_after_freezing_looks_only_at_what_was_made_since(unfrozen_afterwards):
    kept = [["built at start", i] for i in range(1000)]  # lists: always tracked by the collector
    frozen = freeze_startup_objects()
    assert frozen >= len(kept)
    tracked = {id(o) for o in gc.get_objects()}  # what a full collection traverses
    assert not any(id(o) in tracked for o in kept)
    made_later = ["made by a request"]
    assert any(o is made_later for o in gc.get_objects())
    assert kept[0] == ["built at start", 0]  # frozen objects stay as they were


def test_garbage_left_by_starting_is_collected_before_freezing(unfrozen_afterwards):
    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle only the collector can free
    left_behind = weakref.ref(a)
    del a, b
    freeze_startup_objects()
    assert left_behind() is None


def test_what_the_first_requests_built_is_frozen_once_warm(unfrozen_afterwards):
    freeze_startup_objects()
    built_by_first_requests = [["a page's template", i] for i in range(100)]
    assert any(o is built_by_first_requests[0] for o in gc.get_objects())
    timer = freeze_again_when_warm(after_s=0.05)
    timer.join()
    assert not timer.is_alive()
    tracked = {id(o) for o in gc.get_objects()}
    assert not any(id(o) in tracked for o in built_by_first_requests)


def frozen_in_a_fresh_process(code: str, tmp_path) -> int:
    """Run `code` in a new interpreter with a fresh instance; it prints a number, returned."""
    env = dict(
        os.environ,
        ASSESSMENT_INSTANCE=str(tmp_path / "instance"),
        ASSESSMENT_SECRET_KEY="frozen-startup-" + "0" * 40,
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"),
        PYTHONPATH=str(REPO),
    )
    env.pop("DATABASE_URL", None)
    (tmp_path / "metrics").mkdir()
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return int(done.stdout.strip().splitlines()[-1])


def test_each_web_process_freezes_the_app_it_built(tmp_path):
    """Granian's factory, as each web process of `assessment run` calls it."""
    code = (
        "import gc\n"
        "from assessment.cli.processes import web_app\n"
        "app = web_app()\n"
        "assert not any(o is app for o in gc.get_objects()), 'the app is still tracked'\n"
        "import threading\n"
        "assert any(t.name == 'freeze-when-warm' for t in threading.enumerate()), 'no freeze once warm'\n"
        "print(gc.get_freeze_count())\n"
    )
    assert frozen_in_a_fresh_process(code, tmp_path) > 10_000


def test_the_wsgi_entry_point_freezes_the_app_it_built(tmp_path):
    code = "import gc\nimport assessment.wsgi\nprint(gc.get_freeze_count())\n"
    assert frozen_in_a_fresh_process(code, tmp_path) > 10_000


def test_the_celery_worker_freezes_before_its_pool_forks(tmp_path):
    code = "import gc\nimport assessment.celery_worker\nprint(gc.get_freeze_count())\n"
    assert frozen_in_a_fresh_process(code, tmp_path) > 10_000


def test_the_judge_process_freezes_the_app_it_built(tmp_path):
    """`assessment run`'s judge process, up to where it starts judging."""
    code = (
        "import gc\n"
        "import assessment.cli.judge as judge\n"
        "judge.serve_judges = lambda app, stop, poll_s: print(gc.get_freeze_count())\n"
        "from assessment.cli.processes import judge_process\n"
        "judge_process()\n"
    )
    assert frozen_in_a_fresh_process(code, tmp_path) > 10_000


def test_a_judge_host_worker_freezes_the_app_it_built(tmp_path):
    """`assessment worker` (judge threads only, on extra judge hosts), up to where it starts judging."""
    code = (
        "import gc\n"
        "import assessment.cli.judge as judge\n"
        "judge.serve_judges = lambda app, stop, **kw: print(gc.get_freeze_count())\n"
        "judge.worker_command.main([], standalone_mode=False)\n"
    )
    assert frozen_in_a_fresh_process(code, tmp_path) > 10_000
