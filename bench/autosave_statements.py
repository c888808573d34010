"""SQL statements per code autosave: the hottest write path (every candidate saves every few seconds while typing).

    python3 bench/autosave_statements.py                                   # SQLite (the embedded default)
    python3 bench/autosave_statements.py --database-url postgresql+psycopg://user@127.0.0.1:5432/db

Signs a candidate in through the real forms, starts the test, then sends --saves code autosaves (each a small edit of
the previous text, as typing produces) through the app's test client and counts what reaches the database driver per
save: statements by kind (SELECT, INSERT, UPDATE, ...) and commits. The first save (which creates the draft) is
reported on its own line; the figures that matter are the steady-state saves after it. Also prints the time spent in
the database driver per statement kind and the mean time per save inside the app (no network); timings are
provisional on a shared machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    from sqlalchemy import event
    from started_candidate import started_candidate

    from assessment.attempts.code_history import patch_for

    with tempfile.TemporaryDirectory(prefix="autosave-bench-") as tmp:
        taker = started_candidate(Path(tmp), args.database_url)
        app, client = taker.app, taker.client
        csrf = taker.headers["X-CSRFToken"]
        url = f"{taker.test_url}/problems/{taker.ids['problem']}/draft"

        engine = app.extensions["assessment.db"].engine
        counts: Counter[str] = Counter()

        seconds: Counter[str] = Counter()
        started_at: dict[int, tuple[str, float]] = {}

        def on_execute(conn, cursor, statement, parameters, context, executemany) -> None:
            kind = statement.lstrip().split(None, 1)[0].upper()
            counts[kind] += 1
            started_at[id(cursor)] = (kind, time.perf_counter())

        def after_execute(conn, cursor, statement, parameters, context, executemany) -> None:
            kind, began = started_at.pop(id(cursor))
            seconds[kind] += time.perf_counter() - began

        def on_commit(conn) -> None:
            counts["COMMIT"] += 1

        event.listen(engine, "before_cursor_execute", on_execute)
        event.listen(engine, "after_cursor_execute", after_execute)
        event.listen(engine, "commit", on_commit)

        text = "def solve():\n    pass\n"
        previous = text

        def save(revision: int, source: str, base_text: str) -> None:
            body = {"language": "python", "source": source, "revision": revision, "base_revision": revision - 1}
            body["tab"] = "bench-tab"
            body.update(patch_for(base_text, source))  # what the editor page sends with a save
            response = client.post(url, json=body, headers={"X-CSRFToken": csrf})
            assert response.status_code == 200 and response.get_json()["saved"], response.get_data(as_text=True)

        counts.clear()
        save(1, text, "")
        first = dict(counts)
        counts.clear()
        seconds.clear()
        started = time.perf_counter()
        for revision in range(2, args.saves + 2):
            text = text.replace("    pass\n", f"    x{revision} = {revision}\n    pass\n")
            save(revision, text, previous)
            previous = text
        elapsed = time.perf_counter() - started
        per_save = {kind: count / args.saves for kind, count in sorted(counts.items())}
        backend = engine.dialect.name
        print(f"backend: {backend}")
        print("first save (creates the draft): " + ", ".join(f"{k} {v}" for k, v in sorted(first.items())))
        print(
            f"steady state, per save over {args.saves} saves: "
            + ", ".join(f"{k} {v:g}" for k, v in per_save.items())
            + f"; statements {sum(v for k, v in per_save.items() if k != 'COMMIT'):g}"
        )
        print(
            "time in the database driver per save: "
            + ", ".join(f"{k} {v / args.saves * 1000:.3f} ms" for k, v in sorted(seconds.items()))
        )
        print(f"mean time per save inside the app: {elapsed / args.saves * 1000:.2f} ms (provisional)")
        app.extensions["assessment.db"].dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
