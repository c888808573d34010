"""Input validator for Confusion Matrix: exit 42 if stdin is a valid input, 43 otherwise."""
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
    if len(lines) != 3:
        return 43
    head = lines[0].split(" ")
    if len(head) != 2 or not all(NUMBER.fullmatch(x) for x in head):
        return 43
    n, c = int(head[0]), int(head[1])
    if not (1 <= n <= 200_000 and 1 <= c <= 100):
        return 43
    for line in lines[1:]:
        labels = line.split(" ")
        if len(labels) != n:
            return 43
        for x in labels:
            if not NUMBER.fullmatch(x) or int(x) >= c:
                return 43
    return 42


sys.exit(main())
