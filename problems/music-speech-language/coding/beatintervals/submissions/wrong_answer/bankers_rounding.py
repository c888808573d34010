# Quantises with Python's round(), which rounds halves to the even multiple instead of up.
import sys
from collections import Counter


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, tol = int(data[0]), int(data[1])
    times = sorted(map(int, data[2:2 + n]))
    q = [round((b - a) / tol) * tol for a, b in zip(times, times[1:])]
    counts = Counter(q)
    best_count = max(counts.values())
    best_value = min(v for v, c in counts.items() if c == best_count)
    streak = longest = 1
    for i in range(1, len(q)):
        streak = streak + 1 if q[i] == q[i - 1] else 1
        longest = max(longest, streak)
    print(best_value, best_count, longest)


main()
