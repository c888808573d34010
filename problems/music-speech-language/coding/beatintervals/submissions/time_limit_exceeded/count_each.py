# Counts every interval's value by scanning the whole list again: O(n^2).
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, tol = int(data[0]), int(data[1])
    times = sorted(map(int, data[2:2 + n]))
    q = [(2 * (b - a) + tol) // (2 * tol) * tol for a, b in zip(times, times[1:])]
    best_value, best_count = None, 0
    for v in q:
        c = q.count(v)
        if c > best_count or (c == best_count and v < best_value):
            best_value, best_count = v, c
    streak = longest = 1
    for i in range(1, len(q)):
        streak = streak + 1 if q[i] == q[i - 1] else 1
        longest = max(longest, streak)
    print(best_value, best_count, longest)


main()
