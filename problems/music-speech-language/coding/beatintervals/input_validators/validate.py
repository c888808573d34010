"""Input validator for Beat Intervals: exit 42 if stdin is a valid input, 43 otherwise."""
import re
import sys

INT = re.compile(rb"(0|-?[1-9][0-9]*)")


def fail(msg: str) -> None:
    sys.stderr.write(msg + "\n")
    sys.exit(43)


def ints(line: bytes, count: int, where: str) -> list[int]:
    parts = line.split(b" ")
    if len(parts) != count:
        fail(f"{where}: expected {count} integers separated by single spaces, found {len(parts)} fields")
    values = []
    for p in parts:
        if not INT.fullmatch(p) or len(p) > 12:
            fail(f"{where}: bad integer {p[:20]!r}")
        values.append(int(p))
    return values


def main() -> None:
    data = sys.stdin.buffer.read()
    if not data.endswith(b"\n"):
        fail("input must end with a newline")
    lines = data[:-1].split(b"\n")
    if len(lines) != 2:
        fail(f"expected 2 lines, found {len(lines)}")
    n, tol = ints(lines[0], 2, "line 1")
    if not (2 <= n <= 2 * 10**5 and 1 <= tol <= 10**6):
        fail("n or T out of range")
    times = ints(lines[1], n, "line 2")
    if any(not 0 <= t <= 10**9 for t in times):
        fail("line 2: onset time out of range")
    if len(set(times)) != n:
        fail("line 2: onset times must be distinct")
    sys.exit(42)


main()
