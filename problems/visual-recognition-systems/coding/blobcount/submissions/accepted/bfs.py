import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    h, w = int(data[0]), int(data[1])
    # Flat grid with a border of zeros on the right and at the bottom: index i*(w+1)+j.
    stride = w + 1
    grid = bytearray(b"".join(row + b"0" for row in data[2:2 + h]) + b"0" * stride)
    one = ord("1")
    blobs = 0
    for start in range(h * stride):
        if grid[start] != one:
            continue
        blobs += 1
        grid[start] = 0
        stack = [start]
        while stack:
            cell = stack.pop()
            for nxt in (cell - 1, cell + 1, cell - stride, cell + stride):
                if nxt >= 0 and grid[nxt] == one:
                    grid[nxt] = 0
                    stack.append(nxt)
    print(blobs)


main()
