import sys
from math import sqrt


def main() -> None:
    data = sys.stdin.buffer.read().split()
    nv, nf = int(data[0]), int(data[1])
    coords = list(map(int, data[2:2 + 3 * nv]))
    xs, ys, zs = coords[0::3], coords[1::3], coords[2::3]
    idx = list(map(int, data[2 + 3 * nv:2 + 3 * nv + 3 * nf]))
    area = 0.0
    six_volume = 0
    for k in range(0, 3 * nf, 3):
        a, b, c = idx[k] - 1, idx[k + 1] - 1, idx[k + 2] - 1
        ax, ay, az = xs[a], ys[a], zs[a]
        ux, uy, uz = xs[b] - ax, ys[b] - ay, zs[b] - az
        vx, vy, vz = xs[c] - ax, ys[c] - ay, zs[c] - az
        nx = uy * vz - uz * vy
        ny = uz * vx - ux * vz
        nz = ux * vy - uy * vx
        area += sqrt(nx * nx + ny * ny + nz * nz)
        six_volume += ax * nx + ay * ny + az * nz  # a . ((b - a) x (c - a)) = a . (b x c)
    print(f"{area / 2:.6f} {six_volume / 6:.6f}")


main()
