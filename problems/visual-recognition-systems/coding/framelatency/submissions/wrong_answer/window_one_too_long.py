# Bug: the front index expires one frame too late, so each window effectively holds k + 1 frames.
import sys
from collections import deque


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    t = list(map(int, data[2:2 + n]))
    window = deque()
    out = []
    for i in range(n):
        while window and t[window[-1]] <= t[i]:
            window.pop()
        window.append(i)
        if window[0] < i - k:
            window.popleft()
        if i >= k - 1:
            out.append(t[window[0]])
    sys.stdout.write(" ".join(map(str, out)) + "\n")


main()
