import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, gamma = int(data[0]), float(data[1])
    hist = [0] * 256
    for value in data[2:2 + n]:
        hist[int(value)] += 1
    darkest = next(v for v in range(256) if hist[v])
    c_min = hist[darkest]
    curve = [0.0] * 256
    if c_min == n:
        curve = [float(v) for v in range(256)]
    else:
        running = 0
        for v in range(256):
            running += hist[v]
            if v >= darkest:
                curve[v] = 255.0 * ((running - c_min) / (n - c_min)) ** gamma
    mean = sum(hist[v] * curve[v] for v in range(256)) / n
    sys.stdout.write("".join(f"{x:.9f}\n" for x in curve) + f"{mean:.9f}\n")


main()
