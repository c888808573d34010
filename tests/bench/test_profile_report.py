"""bench/profile_report.py: reading py-spy's collapsed stacks into a top list of busy samples and a flame graph."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import profile_report

PROFILE = """\
process 1:"python";Thread._bootstrap (threading.py:1002);ThreadedTaskDispatcher.handler_thread (waitress/task.py:71);Condition.wait (threading.py:327) 70
process 1:"python";Thread._bootstrap (threading.py:1002);ThreadedTaskDispatcher.handler_thread (waitress/task.py:71);draft (assessment/candidate/routes.py:10);DefaultDialect.do_execute (sqlalchemy/engine/default.py:1192) 20
process 1:"python";Thread._bootstrap (threading.py:1002);JudgeWorker.run (assessment/judging/worker.py:312);Sandbox._recv_exact (sandbox/container.py:236) 50
process 1:"python";Thread._bootstrap (threading.py:1002);JudgeWorker.run (assessment/judging/worker.py:312);judge (sandbox/judge.py:387) 10
a line that is not a stack
"""


def test_top_list_counts_busy_samples_only_and_splits_them_by_part(tmp_path):
    path = tmp_path / "web.collapsed"
    path.write_text(PROFILE)
    stacks = profile_report.read_collapsed(path)
    assert sum(stacks.values()) == 150

    text = profile_report.top(stacks)
    assert "150 samples, 30 busy" in text
    assert "web request 66.7%" in text and "judge 33.3%" in text
    assert "Condition.wait" not in text and "_recv_exact" not in text  # waiting, not working
    assert "   66.7     66.7  DefaultDialect.do_execute" in text


def test_report_writes_top_list_and_flame_graph_next_to_the_profile(tmp_path):
    path = tmp_path / "web.collapsed"
    path.write_text(PROFILE)
    top_path, svg_path = profile_report.report(path)
    assert top_path == tmp_path / "web-top.txt" and "busy" in top_path.read_text()
    svg = svg_path.read_text()
    assert svg.startswith("<svg") and "JudgeWorker.run" in svg and "150 samples" in svg
