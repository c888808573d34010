"""CPU time per request of the candidate's most frequent requests, inside the app (no network, no server).

    python3 bench/request_costs.py                      # SQLite (the embedded default), 1,000 requests each
    python3 bench/request_costs.py --requests 3000 --database-url postgresql+psycopg://user@127.0.0.1:5432/db
    python3 bench/request_costs.py --calls [--database-url ...]   # also Python function calls per request
    python3 bench/request_costs.py --database-url ... --broker-url redis://127.0.0.1:6379/0  # the scaled setup's Celery

A signed-in candidate with a started test sends, through the app's test client, code autosaves, essay autosaves and
status polls of a queued run (nothing judges it), a request for the favicon (the floor: the session check and the
framework, no work of its own) and submissions (each one finished in the database after it is answered, outside the
measured time, since a candidate may only have a few waiting; the database server's figure for them includes that).
With --broker-url the submissions are handed to Celery through that Redis broker, as on the scaled setup (nothing
consumes the messages). Prints the process CPU time per request of each kind and, on a PostgreSQL server
on this machine, the server's CPU time per request too (its backends' times in /proc). These are the requests a
crowd sends most (bench/load.py: every candidate autosaves essay and code every 10 s and polls while waiting), so
their cost decides how many candidates a web process holds. Single-threaded; figures are provisional on a shared
machine. --calls also counts the Python function calls per request (cProfile, 500 more requests of each kind): a
figure that does not move with the machine's speed, for comparing two versions of the code.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from proc_stat import cpu_seconds, stat_fields
from sqlalchemy import Engine, text

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


def server_cpu_seconds(engine: Engine) -> float | None:
    """CPU seconds used so far by the PostgreSQL backends serving this database, or None (SQLite, a remote server)."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as connection:
        pids = connection.scalars(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")).all()
    try:
        return sum(cpu_seconds(stat_fields(pid)) for pid in pids)
    except OSError:  # not on this machine
        return None


def calls_per_request(send: Callable[[int], Any], after: Callable[[Any], None], first: int, count: int = 500) -> float:
    """Python function calls (cProfile's count, built-in functions included) per request of this kind."""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    for i in range(first, first + count):
        profile.enable()
        response = send(i)
        profile.disable()
        after(response)
    stats = pstats.Stats(profile)
    return stats.total_calls / count  # type: ignore[attr-defined]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--calls", action="store_true", help="also count Python function calls per request")
    parser.add_argument("--broker-url", default="", help="hand submissions to Celery through this Redis broker")
    args = parser.parse_args()
    if args.broker_url:
        os.environ.update(ASSESSMENT_JUDGE_BACKEND="celery", ASSESSMENT_BROKER_URL=args.broker_url)

    from started_candidate import started_candidate

    with tempfile.TemporaryDirectory(prefix="request-costs-") as tmp:
        taker = started_candidate(Path(tmp), args.database_url)
        app, client, ids, headers, base = taker.app, taker.client, taker.ids, taker.headers, taker.test_url
        queued = client.post(
            f"{base}/problems/{ids['problem']}/run",
            json={"language": "python", "source": "print(1)\n", "mode": "samples"},
            headers=headers,
        )
        status_url = queued.get_json()["status_url"]

        def code(i: int):
            body = {"language": "python", "source": f"x = {i}\n", "revision": i + 1, "base_revision": i, "tab": "b"}
            return client.post(f"{base}/problems/{ids['problem']}/draft", json=body, headers=headers)

        def essay(i: int):
            body = {"text": f"word {i} " * 40, "revision": i + 1, "base_revision": i, "tab": "b"}
            return client.post(f"{base}/essays/{ids['prompt']}/draft", json=body, headers=headers)

        engine = app.extensions["assessment.db"].engine

        def submission(i: int):
            body = {"language": "python", "source": f"print({i})\n"}
            return client.post(f"{base}/problems/{ids['problem']}/submit", json=body, headers=headers)

        def finish(response) -> None:  # not measured: the candidate may only have a few unfinished submissions
            with engine.begin() as connection:
                connection.execute(done, {"id": response.get_json()["submission_id"]})

        done = text("UPDATE submissions SET status = 'done' WHERE id = :id")
        nothing: Callable[[Any], None] = lambda _: None  # noqa: E731
        kinds: dict[str, tuple[Callable[[int], Any], Callable[[Any], None], int]] = {
            "code autosave": (code, nothing, 200),
            "essay autosave": (essay, nothing, 200),
            "status poll": (lambda _: client.get(status_url), nothing, 200),
            "favicon (floor)": (lambda _: client.get("/favicon.ico"), nothing, 200),
            "submission": (submission, finish, 202),
        }
        judging = app.extensions["assessment.judge_backend"].name
        print(f"backend: {engine.dialect.name}, judging: {judging}, {args.requests} requests each")
        for name, (send, after, expected) in kinds.items():
            after(send(0))
            server_began = server_cpu_seconds(engine)
            spent = 0.0
            for i in range(1, args.requests + 1):
                began = time.process_time()
                response = send(i)
                spent += time.process_time() - began
                assert response.status_code == expected, (name, response.status_code)
                after(response)
            server_ended = server_cpu_seconds(engine)
            line = f"{name:18} {spent / args.requests * 1000:.2f} ms CPU per request"
            if server_began is not None and server_ended is not None:
                line += f", the database server {(server_ended - server_began) / args.requests * 1000:.2f} ms"
            if args.calls:
                line += f", {calls_per_request(send, after, args.requests + 1):.0f} Python calls"
            print(line)
        app.extensions["assessment.db"].dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
