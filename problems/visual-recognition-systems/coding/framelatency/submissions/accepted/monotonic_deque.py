import sys
from collections import deque


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    t = list(map(int, data[2:2 + n]))
    window = deque()  # indices; their latencies strictly decrease from front to back
    out = []
    for i in range(n):
        x = t[i]
        while window and t[window[-1]] <= x:
            window.pop()
        window.append(i)
        if window[0] <= i - k:
            window.popleft()
        if i >= k - 1:
            out.append(t[window[0]])
    sys.stdout.write(" ".join(map(str, out)) + "\n")


main()
