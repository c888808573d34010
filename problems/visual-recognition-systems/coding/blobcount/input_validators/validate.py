"""Input validator for Blob Count: exit 42 if stdin is a valid input, 43 otherwise."""
import re
import sys

NUMBER = re.compile(r"[1-9][0-9]*")
ROW = re.compile(r"[01]+")


def main() -> int:
    try:
        text = sys.stdin.buffer.read().decode("ascii")
    except UnicodeDecodeError:
        return 43
    if not text.endswith("\n") or "\r" in text:
        return 43
    lines = text[:-1].split("\n")
    head = lines[0].split(" ")
    if len(head) != 2 or not all(NUMBER.fullmatch(x) for x in head):
        return 43
    h, w = int(head[0]), int(head[1])
    if not (1 <= h <= 500 and 1 <= w <= 500) or len(lines) != h + 1:
        return 43
    for row in lines[1:]:
        if len(row) != w or not ROW.fullmatch(row):
            return 43
    return 42


sys.exit(main())
