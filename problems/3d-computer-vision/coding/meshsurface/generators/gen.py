"""Writes data/secret/*.in for Mesh Surface and their .ans (by running the accepted Python solution).

Run from anywhere: python3 generators/gen.py  (deterministic: fixed seeds)."""
import math
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = ROOT / "data" / "secret"
SOLUTION = ROOT / "submissions" / "accepted" / "mesh.py"


class Mesh:
    def __init__(self) -> None:
        self.v: list[tuple[int, int, int]] = []
        self.f: list[tuple[int, int, int]] = []

    def add_vertex(self, p) -> int:
        self.v.append(tuple(int(c) for c in p))
        return len(self.v)  # 1-based

    def add_face(self, a, b, c, inside) -> None:
        """Adds face (a, b, c), flipped if needed so that its normal points away from the point `inside`."""
        pa, pb, pc = self.v[a - 1], self.v[b - 1], self.v[c - 1]
        u = [pb[i] - pa[i] for i in range(3)]
        w = [pc[i] - pa[i] for i in range(3)]
        n = (u[1] * w[2] - u[2] * w[1], u[2] * w[0] - u[0] * w[2], u[0] * w[1] - u[1] * w[0])
        centroid = [(pa[i] + pb[i] + pc[i]) / 3 for i in range(3)]
        out = sum(n[i] * (centroid[i] - inside[i]) for i in range(3))
        assert out != 0
        self.f.append((a, b, c) if out > 0 else (a, c, b))

    def render(self) -> str:
        lines = [f"{len(self.v)} {len(self.f)}"]
        lines += [f"{x} {y} {z}" for x, y, z in self.v]
        lines += [f"{a} {b} {c}" for a, b, c in self.f]
        return "\n".join(lines) + "\n"


def box(m: Mesh, lo, hi, cavity=False) -> None:
    """An axis-aligned box; with cavity=True its faces point inwards (a hole inside another solid)."""
    ids = {}
    for dx in (0, 1):
        for dy in (0, 1):
            for dz in (0, 1):
                ids[dx, dy, dz] = m.add_vertex((hi[0] if dx else lo[0], hi[1] if dy else lo[1],
                                                 hi[2] if dz else lo[2]))
    center = [(lo[i] + hi[i]) / 2 for i in range(3)]
    start = len(m.f)
    for axis in range(3):
        for side in (0, 1):
            corners = []
            for s in (0, 1):
                for t in (0, 1):
                    key = [0, 0, 0]
                    key[axis] = side
                    others = [i for i in range(3) if i != axis]
                    key[others[0]], key[others[1]] = s, t
                    corners.append(ids[tuple(key)])
            a, b, c, d = corners  # (0,0) (0,1) (1,0) (1,1)
            m.add_face(a, b, d, center)
            m.add_face(a, d, c, center)
    if cavity:
        m.f[start:] = [(a, c, b) for a, b, c in m.f[start:]]


def tetrahedron(m: Mesh, pts) -> None:
    ids = [m.add_vertex(p) for p in pts]
    center = [sum(p[i] for p in pts) / 4 for i in range(3)]
    for a, b, c in ((0, 1, 2), (0, 1, 3), (0, 2, 3), (1, 2, 3)):
        m.add_face(ids[a], ids[b], ids[c], center)


def octahedron(m: Mesh, r) -> None:
    ids = [m.add_vertex(p) for p in ((r, 0, 0), (-r, 0, 0), (0, r, 0), (0, -r, 0), (0, 0, r), (0, 0, -r))]
    for x in (0, 1):
        for y in (2, 3):
            for z in (4, 5):
                m.add_face(ids[x], ids[y], ids[z], (0, 0, 0))


def blob(m: Mesh, center, radius, rings, segments, wobble) -> None:
    """A star-shaped closed surface on a latitude/longitude grid (radius varies with the angles)."""
    cx, cy, cz = center

    def point(theta, phi):
        r = radius * (1 + wobble(theta, phi))
        return (round(cx + r * math.sin(theta) * math.cos(phi)), round(cy + r * math.sin(theta) * math.sin(phi)),
                round(cz + r * math.cos(theta)))

    north = m.add_vertex(point(0, 0))
    grid = [[m.add_vertex(point(math.pi * k / rings, 2 * math.pi * j / segments)) for j in range(segments)]
            for k in range(1, rings)]
    south = m.add_vertex(point(math.pi, 0))
    for j in range(segments):
        j2 = (j + 1) % segments
        m.add_face(north, grid[0][j], grid[0][j2], center)
        m.add_face(south, grid[-1][j], grid[-1][j2], center)
        for k in range(rings - 2):
            a, b, c, d = grid[k][j], grid[k + 1][j], grid[k + 1][j2], grid[k][j2]
            m.add_face(a, b, c, center)
            m.add_face(a, c, d, center)


def torus(m: Mesh, big, small, nu, nv) -> None:
    grid = []
    for i in range(nu):
        u = 2 * math.pi * i / nu
        row = []
        for j in range(nv):
            v = 2 * math.pi * j / nv
            row.append(m.add_vertex((round((big + small * math.cos(v)) * math.cos(u)),
                                     round((big + small * math.cos(v)) * math.sin(u)), round(small * math.sin(v)))))
        grid.append(row)
    for i in range(nu):
        i2 = (i + 1) % nu
        for j in range(nv):
            j2 = (j + 1) % nv
            a, b, c, d = grid[i][j], grid[i2][j], grid[i2][j2], grid[i][j2]
            for tri in ((a, b, c), (a, c, d)):
                # the core circle point nearest to this face is "inside"
                mid = [sum(m.v[t - 1][k] for t in tri) / 3 for k in range(3)]
                ang = math.atan2(mid[1], mid[0])
                m.add_face(*tri, (big * math.cos(ang), big * math.sin(ang), 0))


def terrain(m: Mesh, rng, x0, y0, rows, cols, step, base, height) -> None:
    """A block with a flat bottom at z = base and a random height-field top (like a scanned relief)."""
    tops = [[m.add_vertex((x0 + i * step, y0 + j * step, base + 1 + rng.randint(0, height)))
             for j in range(cols)] for i in range(rows)]
    for i in range(rows - 1):
        for j in range(cols - 1):
            a, b, c, d = tops[i][j], tops[i + 1][j], tops[i + 1][j + 1], tops[i][j + 1]
            m.f.append((a, b, c))
            m.f.append((a, c, d))
    # boundary ring counter-clockwise seen from above
    ring = [(i, 0) for i in range(rows - 1)] + [(rows - 1, j) for j in range(cols - 1)]
    ring += [(i, cols - 1) for i in range(rows - 1, 0, -1)] + [(0, j) for j in range(cols - 1, 0, -1)]
    bottoms = [m.add_vertex((x0 + i * step, y0 + j * step, base)) for i, j in ring]
    center = m.add_vertex((x0 + (rows - 1) * step // 2, y0 + (cols - 1) * step // 2, base))
    for k in range(len(ring)):
        k2 = (k + 1) % len(ring)
        tp, tq = tops[ring[k][0]][ring[k][1]], tops[ring[k2][0]][ring[k2][1]]
        bp, bq = bottoms[k], bottoms[k2]
        m.f.append((bp, bq, tq))
        m.f.append((bp, tq, tp))
        m.f.append((center, bq, bp))


def tests():
    m = Mesh()
    tetrahedron(m, [(0, 0, 0), (1, 0, 0), (0, 1, 0), (0, 0, 1)])
    yield "01-min-tetrahedron", m
    m = Mesh()
    box(m, (-3, -3, -3), (3, 3, 3))
    yield "02-cube-around-origin", m
    m = Mesh()
    octahedron(m, 10**4)
    yield "03-octahedron-extreme", m
    m = Mesh()
    box(m, (9000, 9500, 9900), (10**4, 10**4, 10**4))
    yield "04-box-far-from-origin", m
    m = Mesh()
    box(m, (-10**4, -10**4, -10**4), (10**4, 10**4, 10**4))
    yield "05-max-box", m
    m = Mesh()
    tetrahedron(m, [(-10**4, -10**4, -10**4), (10**4, -10**4 + 1, -10**4), (-10**4, -10**4, -10**4 + 1),
                    (10**4, 10**4, 10**4)])
    yield "06-sliver", m
    m = Mesh()
    box(m, (100, 100, 100), (200, 300, 400))
    tetrahedron(m, [(-500, -500, -500), (-400, -500, -500), (-500, -380, -500), (-500, -500, -350)])
    box(m, (-9000, 5000, -20), (-8000, 5001, 20))
    yield "07-three-objects", m
    m = Mesh()
    box(m, (-1000, -1000, -1000), (3000, 3000, 3000))
    box(m, (0, 0, 0), (1000, 2000, 500), cavity=True)
    box(m, (1500, 1500, 1500), (2500, 2500, 2500), cavity=True)
    yield "08-cavities", m
    m = Mesh()
    torus(m, 6000, 2500, 60, 30)
    yield "09-torus", m
    rng = random.Random(8101)
    m = Mesh()
    terrain(m, rng, 5000, -7000, 20, 30, 37, 2000, 500)
    yield "10-terrain-small", m
    m = Mesh()
    blob(m, (1234, -2345, 345), 5000, 40, 60, lambda t, p: 0.2 * math.sin(3 * t) * math.cos(5 * p))
    yield "11-blob-medium", m
    rng = random.Random(8102)
    m = Mesh()
    terrain(m, rng, -9900, -9800, 130, 130, 150, -9000, 9000)
    yield "12-max-terrain", m
    m = Mesh()
    blob(m, (0, 0, 0), 9000, 101, 175, lambda t, p: 0.1 * math.sin(4 * t) * math.cos(7 * p) + 0.05 * math.cos(9 * p))
    yield "13-large-blob", m


def main() -> None:
    SECRET.mkdir(parents=True, exist_ok=True)
    for name, mesh in tests():
        text = mesh.render()
        (SECRET / f"{name}.in").write_text(text, newline="\n")
        ans = subprocess.run([sys.executable, str(SOLUTION)], input=text.encode(), capture_output=True, check=True)
        (SECRET / f"{name}.ans").write_bytes(ans.stdout)
        print(f"{name}: V={len(mesh.v)} F={len(mesh.f)} {len(text)} bytes")


if __name__ == "__main__":
    main()
