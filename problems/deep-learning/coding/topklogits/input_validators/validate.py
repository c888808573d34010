"""Input validator for Top-k Logits: exit 42 if stdin is a valid input, 43 otherwise."""
import re
import sys

NATURAL = re.compile(r"[1-9][0-9]*")
INTEGER = re.compile(r"0|-?[1-9][0-9]*")


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
    if len(head) != 2 or not all(NATURAL.fullmatch(x) for x in head):
        return 43
    n, k = int(head[0]), int(head[1])
    if not (1 <= k <= n <= 200_000):
        return 43
    values = lines[1].split(" ")
    if len(values) != n:
        return 43
    for x in values:
        if not INTEGER.fullmatch(x) or abs(int(x)) > 9999:
            return 43
    return 42


sys.exit(main())
