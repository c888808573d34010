"""Input validator for Box Overlap: exit 42 if stdin is a valid input, 43 otherwise."""
import re
import sys

NUMBER = re.compile(r"0|[1-9][0-9]*")


def main() -> int:
    try:
        text = sys.stdin.buffer.read().decode("ascii")
    except UnicodeDecodeError:
        return 43
    if not text.endswith("\n") or "\r" in text:
        return 43
    lines = text[:-1].split("\n")
    if not NUMBER.fullmatch(lines[0]):
        return 43
    n = int(lines[0])
    if not (1 <= n <= 100_000) or len(lines) != n + 1:
        return 43
    for line in lines[1:]:
        pair = line.split(" ")
        if len(pair) != 2 or not all(NUMBER.fullmatch(x) for x in pair):
            return 43
        l, r = int(pair[0]), int(pair[1])
        if not (0 <= l <= r <= 100_000):
            return 43
    return 42


sys.exit(main())
