"""Input validator for Nearest Points: exit 42 if stdin is a valid input, 43 otherwise."""
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
    (n,) = ints(lines[0], 1, "line 1")
    if not 2 <= n <= 10**5:
        fail("n out of range")
    if len(lines) != 1 + n:
        fail(f"expected {1 + n} lines, found {len(lines)}")
    for i in range(n):
        if any(abs(c) > 10**6 for c in ints(lines[1 + i], 3, f"line {2 + i}")):
            fail(f"line {2 + i}: coordinate out of range")
    sys.exit(42)


main()
