"""Input validator for Exposure Curve: exit 42 if stdin is a valid input, 43 otherwise."""
import re
import sys

NUMBER = re.compile(r"0|[1-9][0-9]*")
GAMMA = re.compile(r"(0|[1-9][0-9]?)(\.[0-9]{1,3})?")


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
    if len(head) != 2 or not NUMBER.fullmatch(head[0]) or not GAMMA.fullmatch(head[1]):
        return 43
    n = int(head[0])
    gamma = float(head[1])
    if not (1 <= n <= 200_000 and 0.1 <= gamma <= 10):
        return 43
    tokens = lines[1].split(" ")
    if len(tokens) != n:
        return 43
    for t in tokens:
        if not NUMBER.fullmatch(t) or int(t) > 255:
            return 43
    return 42


sys.exit(main())
