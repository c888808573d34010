import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    h, w = int(data[0]), int(data[1])
    stride = w + 1
    # Flat map with a blocked column on the right and a blocked row below, so neighbours never leave the map.
    cells = bytearray(b"".join(row + b"#" for row in data[2:2 + h]) + b"#" * stride)
    start = cells.index(b"S")
    goal = cells.index(b"G")
    blocked = ord("#")
    came = [-1] * len(cells)          # the move that first reached a cell (index into MOVES)
    came[start] = 4
    steps = (-stride, stride, -1, 1)  # U, D, L, R
    frontier = [start]
    while frontier and came[goal] < 0:
        nxt = []
        for cell in frontier:
            for move in range(4):
                other = cell + steps[move]
                if other >= 0 and came[other] < 0 and cells[other] != blocked:
                    came[other] = move
                    nxt.append(other)
        frontier = nxt
    if came[goal] < 0:
        print(-1)
        return
    path = []
    cell = goal
    while cell != start:
        move = came[cell]
        path.append("UDLR"[move])
        cell -= steps[move]
    path.reverse()
    sys.stdout.write(f"{len(path)}\n{''.join(path)}\n")


main()
