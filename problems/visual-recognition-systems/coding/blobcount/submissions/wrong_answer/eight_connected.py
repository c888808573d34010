# Bug: also joins pixels that only touch at a corner (8-connectivity).
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    h, w = int(data[0]), int(data[1])
    rows = [bytearray(r) for r in data[2:2 + h]]
    one = ord("1")
    blobs = 0
    for si in range(h):
        for sj in range(w):
            if rows[si][sj] != one:
                continue
            blobs += 1
            rows[si][sj] = 0
            stack = [(si, sj)]
            while stack:
                i, j = stack.pop()
                for di in (-1, 0, 1):
                    for dj in (-1, 0, 1):
                        y, x = i + di, j + dj
                        if 0 <= y < h and 0 <= x < w and rows[y][x] == one:
                            rows[y][x] = 0
                            stack.append((y, x))
    print(blobs)


main()
