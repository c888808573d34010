# Checks that the mesh is closed before measuring it, finding each edge's twin by a linear search:
# O(F^2) in total.
import sys
from math import sqrt


def main() -> None:
    data = sys.stdin.buffer.read().split()
    nv, nf = int(data[0]), int(data[1])
    coords = list(map(int, data[2:2 + 3 * nv]))
    pts = [coords[i:i + 3] for i in range(0, 3 * nv, 3)]
    idx = list(map(int, data[2 + 3 * nv:2 + 3 * nv + 3 * nf]))
    faces = [(idx[k], idx[k + 1], idx[k + 2]) for k in range(0, 3 * nf, 3)]
    edges = []
    for a, b, c in faces:
        edges += [(a, b), (b, c), (c, a)]
    for u, v in edges:
        if (v, u) not in edges:
            print("mesh is not closed")
            return
    area = 0.0
    six_volume = 0
    for a, b, c in faces:
        pa, pb, pc = pts[a - 1], pts[b - 1], pts[c - 1]
        u = [pb[i] - pa[i] for i in range(3)]
        v = [pc[i] - pa[i] for i in range(3)]
        n = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]
        area += sqrt(n[0] ** 2 + n[1] ** 2 + n[2] ** 2) / 2
        six_volume += pa[0] * n[0] + pa[1] * n[1] + pa[2] * n[2]
    print(f"{area:.6f} {six_volume / 6:.6f}")


main()
