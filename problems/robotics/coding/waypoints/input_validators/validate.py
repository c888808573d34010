"""Input validator for Waypoints: exit 42 if stdin is a valid input, 43 otherwise."""
import re
import sys

INT = re.compile(rb"(0|-?[1-9][0-9]*)")


def fail(msg: str) -> None:
    sys.stderr.write(msg + "\n")
    sys.exit(43)


def ints(line: bytes, count: int, where: str) -> list[int]:
    parts = line.split(b" ")
    if len(parts) != count:
        fail(f"{where}: expected {count} integers separated by single spaces")
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
    n, m = ints(lines[0], 2, "line 1")
    if not (1 <= n <= 10**5 and 0 <= m <= 2 * 10**5):
        fail("n or m out of range")
    if len(lines) != 1 + m:
        fail(f"expected {1 + m} lines, found {len(lines)}")
    for j in range(m):
        u, v, w = ints(lines[1 + j], 3, f"line {2 + j}")
        if not (1 <= u <= n and 1 <= v <= n and 1 <= w <= 10**9):
            fail(f"line {2 + j}: value out of range")
    sys.exit(42)


main()
