"""Input validator for Frame Latency Monitor: exit 42 if stdin is a valid input, 43 otherwise."""
import re
import sys

NUMBER = re.compile(r"[1-9][0-9]*")


def main() -> int:
    try:
        text = sys.stdin.buffer.read().decode("ascii")
    except UnicodeDecodeError:
        return 43
    if not text.endswith("\n") or "\r" in text:
        return 43
    lines = text[:-1].split("\n")
    if len(lines) != 2:
        return 43
    head = lines[0].split(" ")
    if len(head) != 2 or not all(NUMBER.fullmatch(x) for x in head):
        return 43
    n, k = int(head[0]), int(head[1])
    if not (1 <= k <= n <= 200_000):
        return 43
    tokens = lines[1].split(" ")
    if len(tokens) != n:
        return 43
    for x in tokens:
        if not NUMBER.fullmatch(x) or int(x) > 100_000:
            return 43
    return 42


sys.exit(main())
