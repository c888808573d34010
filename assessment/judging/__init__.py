"""Judging: turning a queued submission into a verdict and a score.

- requests.py  build a sandbox JudgeRequest from a loaded problem package, per submission kind
- scoring.py   overall verdict and score from the sandbox's report (pure functions)
- queue.py     the submissions table as a job queue: claim, lease, progress, store, re-queue
- worker.py    judge one claimed submission; the JudgeWorker thread loop; `judge_next_now`
- service.py   in-process workers and housekeeping started with the web app (`start_background_services`)
- verify.py    check a package's reference submissions get the verdicts their folders name
"""

from __future__ import annotations

from collections.abc import Callable

# Callables run with a submission id after its result was stored (web code registers listeners here).
notify: list[Callable[[int], None]] = []
