# Computes c(a_i) for every pixel by scanning the whole image: O(n^2).
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, gamma = int(data[0]), float(data[1])
    pixels = [int(x) for x in data[2:2 + n]]
    darkest = min(pixels)
    c_min = sum(1 for p in pixels if p == darkest)
    curve = [float(v) for v in range(256)] if c_min == n else [0.0] * 256
    total = 0.0
    for a in pixels:
        rank = 0
        for p in pixels:
            if p <= a:
                rank += 1
        if c_min != n:
            curve[a] = 255.0 * ((rank - c_min) / (n - c_min)) ** gamma
    if c_min != n:
        running = 0
        seen = set(pixels)
        for v in range(256):
            if v in seen:
                running = curve[v]
            elif v > darkest:
                curve[v] = running
    for a in pixels:
        total += curve[a]
    sys.stdout.write("".join(f"{x:.9f}\n" for x in curve) + f"{total / n:.9f}\n")


main()
