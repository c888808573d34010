# O(n * q): scans the whole log for every query.
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, q = int(data[0]), int(data[1])
    speakers = [int(x) for x in data[2:2 + 2 * n:2]]
    times = [int(x) for x in data[3:3 + 2 * n:2]]
    out = []
    pos = 2 + 2 * n
    for _ in range(q):
        a = int(data[pos])
        b = int(data[pos + 1])
        pos += 2
        turns = 0
        prev = None
        for i in range(n):
            if a <= times[i] <= b:
                if speakers[i] != prev:
                    turns += 1
                prev = speakers[i]
        out.append(turns)
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
