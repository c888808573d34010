"""The scaled setup judges in the queue's order, not the broker's: a Celery worker's task is a turn that claims the
first queued submission (sample runs first, candidates taking turns), so one candidate's burst waits behind
everyone else's next item and what a waiting candidate is told ("n ahead") is the order the judges keep. The
messages are published in the order the rows were queued (first in, first out), which is not that order."""

from __future__ import annotations

from sqlalchemy import func, select

from assessment.judging import queue
from assessment.models import Submission
from tests.fault.conftest import wait_for
from tests.judging.helpers import add_problem, queue_mixed_rush, write_package


def test_celery_workers_judge_in_the_queues_order_not_the_brokers(require_docker, scale_app, workers, tmp_path):
    database = scale_app.extensions["assessment.db"]
    with database.new_session() as s:
        problem = add_problem(s, write_package(tmp_path / "packages", secret=1))
        expected = queue_mixed_rush(s, problem)  # queued (and published, one task each) while no worker runs
        rows = {row.id: row for row in s.scalars(select(Submission)).all()}
        told = {sid: queue.queued_ahead(s, rows[sid]) for sid in expected}
    assert [told[sid] for sid in expected] == list(range(len(expected)))

    workers("judge", concurrency=1)

    def all_judged() -> bool:
        with database.new_session() as s:
            return not s.scalar(select(func.count()).select_from(Submission).where(Submission.status != "done"))

    wait_for(all_judged, 300, interval=0.5, what="every queued item judged")
    with database.new_session() as s:
        judged = s.execute(select(Submission.id, Submission.judge_runs).order_by(Submission.started_at)).all()
    assert [sid for sid, _ in judged] == expected, "judged in the queue's order: what each candidate was told"
    assert {runs for _, runs in judged} == {1}
