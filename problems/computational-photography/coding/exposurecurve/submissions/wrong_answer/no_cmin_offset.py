# Bug: the textbook formula without subtracting c_min, so the darkest level is not mapped to 0.
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, gamma = int(data[0]), float(data[1])
    hist = [0] * 256
    for value in data[2:2 + n]:
        hist[int(value)] += 1
    curve = []
    running = 0
    for v in range(256):
        running += hist[v]
        curve.append(255.0 * (running / n) ** gamma)
    mean = sum(hist[v] * curve[v] for v in range(256)) / n
    sys.stdout.write("".join(f"{x:.9f}\n" for x in curve) + f"{mean:.9f}\n")


main()
