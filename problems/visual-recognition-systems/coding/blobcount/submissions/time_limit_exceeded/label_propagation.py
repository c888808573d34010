# Gives every pixel its own label and sweeps the image, taking the smallest neighbouring label, until nothing
# changes: one sweep is O(H * W) but long winding blobs need O(H * W) sweeps.
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    h, w = int(data[0]), int(data[1])
    rows = data[2:2 + h]
    label = [[(i * w + j if rows[i][j] == 49 else -1) for j in range(w)] for i in range(h)]
    changed = True
    while changed:
        changed = False
        for i in range(h):
            for j in range(w):
                best = label[i][j]
                if best < 0:
                    continue
                for y, x in ((i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1)):
                    if 0 <= y < h and 0 <= x < w and 0 <= label[y][x] < best:
                        best = label[y][x]
                if best != label[i][j]:
                    label[i][j] = best
                    changed = True
    roots = sum(1 for i in range(h) for j in range(w) if label[i][j] == i * w + j)
    print(roots)


main()
