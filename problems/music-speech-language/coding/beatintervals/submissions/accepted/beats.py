import sys
from collections import Counter


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, tol = int(data[0]), int(data[1])
    times = sorted(map(int, data[2:2 + n]))
    two_t = 2 * tol
    q = [(2 * (b - a) + tol) // two_t * tol for a, b in zip(times, times[1:])]
    counts = Counter(q)
    best_count = max(counts.values())
    best_value = min(v for v, c in counts.items() if c == best_count)
    streak = longest = 1
    for i in range(1, len(q)):
        if q[i] == q[i - 1]:
            streak += 1
            if streak > longest:
                longest = streak
        else:
            streak = 1
    print(best_value, best_count, longest)


main()
