# Sums every window pixel by pixel: O(H * W * r^2).
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    h, w, r = int(data[0]), int(data[1]), int(data[2])
    grid = [list(map(int, data[3 + i * w:3 + (i + 1) * w])) for i in range(h)]
    out = []
    for i in range(h):
        line = []
        for j in range(w):
            total = count = 0
            for y in range(max(0, i - r), min(h, i + r + 1)):
                row = grid[y]
                for x in range(max(0, j - r), min(w, j + r + 1)):
                    total += row[x]
                    count += 1
            line.append(total // count)
        out.append(" ".join(map(str, line)))
    sys.stdout.write("\n".join(out) + "\n")


main()
