# Randomised incremental grid (Rabin / Khuller-Matias): expected O(n) time for any input.
import random
import sys
from math import isqrt

BIAS = 1 << 21  # cell indices lie in [-10^6 - 1, 10^6 + 1]; shifted they fit in 22 bits
SHIFT_Y = 1 << 22
SHIFT_X = 1 << 44
OFFSETS = [dx * SHIFT_X + dy * SHIFT_Y + dz for dx in (-1, 0, 1) for dy in (-1, 0, 1) for dz in (-1, 0, 1)]


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    vals = list(map(int, data[1:1 + 3 * n]))
    pts = list(zip(vals[0::3], vals[1::3], vals[2::3]))
    random.Random(20220701).shuffle(pts)

    def key(p, s):
        return ((p[0] // s + BIAS) * SHIFT_X + (p[1] // s + BIAS) * SHIFT_Y + (p[2] // s + BIAS))

    def build(count, s):
        grid = {}
        for p in pts[:count]:
            k = key(p, s)
            cell = grid.get(k)
            if cell is None:
                grid[k] = [p]
            else:
                cell.append(p)
        return grid

    (ax, ay, az), (bx, by, bz) = pts[0], pts[1]
    best = (ax - bx) ** 2 + (ay - by) ** 2 + (az - bz) ** 2
    if best == 0:
        print(0)
        return
    side = isqrt(best) + 1  # any pair closer than sqrt(best) lies in neighbouring cells
    grid = build(2, side)
    get = grid.get
    for i in range(2, n):
        p = pts[i]
        x, y, z = p
        k = (x // side + BIAS) * SHIFT_X + (y // side + BIAS) * SHIFT_Y + (z // side + BIAS)
        improved = False
        for off in OFFSETS:
            cell = get(k + off)
            if cell:
                for qx, qy, qz in cell:
                    d = (x - qx) ** 2 + (y - qy) ** 2 + (z - qz) ** 2
                    if d < best:
                        best = d
                        improved = True
        if improved:
            if best == 0:
                break
            side = isqrt(best) + 1
            grid = build(i + 1, side)
            get = grid.get
        else:
            cell = get(k)
            if cell is None:
                grid[k] = [p]
            else:
                cell.append(p)
    print(best)


main()
