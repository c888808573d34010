"""Input validator for Mesh Surface: exit 42 if stdin is a valid input, 43 otherwise.

Checks the exact format and ranges, that no face is degenerate, that the mesh is closed and consistently
oriented (every directed edge once, its reverse once) and that the enclosed volume is positive."""
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
    nv, nf = ints(lines[0], 2, "line 1")
    if not (4 <= nv <= 10**5 and 4 <= nf <= 2 * 10**5):
        fail("V or F out of range")
    if len(lines) != 1 + nv + nf:
        fail(f"expected {1 + nv + nf} lines, found {len(lines)}")
    pts = []
    for i in range(nv):
        p = ints(lines[1 + i], 3, f"line {2 + i}")
        if any(abs(c) > 10**4 for c in p):
            fail(f"line {2 + i}: coordinate out of range")
        pts.append(p)
    edges = set()
    six_volume = 0
    for k in range(nf):
        where = f"line {2 + nv + k}"
        a, b, c = ints(lines[1 + nv + k], 3, where)
        if not (1 <= a <= nv and 1 <= b <= nv and 1 <= c <= nv):
            fail(f"{where}: vertex index out of range")
        if len({a, b, c}) != 3:
            fail(f"{where}: face vertices must be distinct")
        pa, pb, pc = pts[a - 1], pts[b - 1], pts[c - 1]
        u = [pb[i] - pa[i] for i in range(3)]
        v = [pc[i] - pa[i] for i in range(3)]
        n = (u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0])
        if n == (0, 0, 0):
            fail(f"{where}: face has zero area")
        six_volume += pa[0] * n[0] + pa[1] * n[1] + pa[2] * n[2]
        for e in ((a, b), (b, c), (c, a)):
            if e in edges:
                fail(f"{where}: directed edge {e} occurs twice (inconsistent orientation)")
            edges.add(e)
    for u, v in edges:
        if (v, u) not in edges:
            fail(f"edge {u}->{v} has no twin {v}->{u}: the mesh is not closed")
    if six_volume <= 0:
        fail("the enclosed volume is not positive (faces point inwards?)")
    sys.exit(42)


main()
