"""Input validator for Box Blur: exit 42 if stdin is a valid input, 43 otherwise."""
import re
import sys

NUMBER = re.compile(r"0|[1-9][0-9]*")


def main() -> int:
    raw = sys.stdin.buffer.read()
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        return 43
    if not text.endswith("\n") or "\r" in text:
        return 43
    lines = text[:-1].split("\n")
    head = lines[0].split(" ")
    if len(head) != 3 or not all(NUMBER.fullmatch(t) for t in head):
        return 43
    h, w, r = map(int, head)
    if not (1 <= h <= 500 and 1 <= w <= 500 and 0 <= r <= 500):
        return 43
    if len(lines) != h + 1:
        return 43
    for line in lines[1:]:
        tokens = line.split(" ")
        if len(tokens) != w:
            return 43
        for t in tokens:
            if not NUMBER.fullmatch(t) or int(t) > 255:
                return 43
    return 42


sys.exit(main())
