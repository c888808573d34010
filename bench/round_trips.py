"""What a transaction's BEGIN and COMMIT cost on PostgreSQL: CPU of the client and of the server per statement.

    python3 bench/round_trips.py --database-url postgresql+psycopg://user@127.0.0.1:5432/db [--statements 20000]

Runs the same one-row SELECT by primary key (prepared, as psycopg does after five runs) over one psycopg connection,
alternately in autocommit (one round trip each) and each in a transaction of its own (BEGIN, SELECT, COMMIT: three
round trips, as a request that reads does), and prints the client process's CPU time and the server process's
(/proc, so the server must be on this machine) per statement. The difference is what a transaction's two extra
round trips cost each side.
"""

from __future__ import annotations

import argparse
import time

import psycopg
from proc_stat import cpu_seconds, stat_fields


def backend_cpu_seconds(connection: psycopg.Connection) -> float:
    return cpu_seconds(stat_fields(connection.info.backend_pid))


def measure(url: str, autocommit: bool, statements: int) -> tuple[float, float]:
    with psycopg.connect(url, autocommit=autocommit) as connection:
        cursor = connection.cursor()

        def one() -> None:
            cursor.execute("SELECT oid FROM pg_class WHERE oid = %s", (1259,))
            cursor.fetchall()
            connection.commit()  # nothing to do in autocommit

        for _ in range(100):
            one()
        server, client = backend_cpu_seconds(connection), time.process_time()
        for _ in range(statements):
            one()
        return (time.process_time() - client) / statements, (backend_cpu_seconds(connection) - server) / statements


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--statements", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    url = args.database_url.replace("postgresql+psycopg://", "postgresql://")
    for _ in range(args.rounds):
        for autocommit in (True, False):
            client, server = measure(url, autocommit, args.statements)
            how = "autocommit (1 round trip)" if autocommit else "BEGIN, SELECT, COMMIT (3)"
            print(f"{how:28} client {client * 1e6:6.1f} us, server {server * 1e6:6.1f} us CPU per statement")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
