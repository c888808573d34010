"""Input validator for Dialogue Turns: exit 42 if stdin is a valid input, 43 otherwise."""
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
    n, q = ints(lines[0], 2, "line 1")
    if not (1 <= n <= 10**5 and 1 <= q <= 10**5):
        fail("n or q out of range")
    if len(lines) != 1 + n + q:
        fail(f"expected {1 + n + q} lines, found {len(lines)}")
    prev_t = -1
    for i in range(n):
        s, t = ints(lines[1 + i], 2, f"line {2 + i}")
        if not (1 <= s <= 10**9 and 0 <= t <= 10**9):
            fail(f"line {2 + i}: value out of range")
        if t < prev_t:
            fail(f"line {2 + i}: times must not decrease")
        prev_t = t
    for j in range(q):
        a, b = ints(lines[1 + n + j], 2, f"line {2 + n + j}")
        if not (0 <= a <= b <= 10**9):
            fail(f"line {2 + n + j}: need 0 <= a <= b <= 10^9")
    sys.exit(42)


main()
