"""Input validator for PID Tuning: exit 42 if stdin is a valid input, 43 otherwise."""
import re
import sys

NATURAL = re.compile(r"[1-9][0-9]*")
INTEGER = re.compile(r"0|-?[1-9][0-9]*")
DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]{1,4})?")


def main() -> int:
    try:
        text = sys.stdin.buffer.read().decode("ascii")
    except UnicodeDecodeError:
        return 43
    if not text.endswith("\n") or "\r" in text:
        return 43
    lines = text[:-1].split("\n")
    if len(lines) < 3:
        return 43
    head = lines[0].split(" ")
    if len(head) != 2 or not all(NATURAL.fullmatch(x) for x in head):
        return 43
    n, m = int(head[0]), int(head[1])
    if not (1 <= n <= 200_000 and 1 <= m <= min(n, 10_000)) or len(lines) != m + 2:
        return 43
    params = lines[1].split(" ")
    if len(params) != 6 or not all(DECIMAL.fullmatch(p) for p in params) or params[5] in ("-0",):
        return 43
    if any(p.startswith("-") for p in params[:5]) or re.fullmatch(r"-0(\.0+)?", params[5]):
        return 43
    kp, ki, kd, dt, limit, x0 = map(float, params)
    if not (kp <= 20 and ki <= 20 and kd <= 0.2 and 0.001 <= dt <= 0.02 and 1 <= limit <= 10_000
            and abs(x0) <= 10_000):
        return 43
    last = 0
    for line in lines[2:]:
        pair = line.split(" ")
        if len(pair) != 2 or not NATURAL.fullmatch(pair[0]) or not INTEGER.fullmatch(pair[1]):
            return 43
        s, q = int(pair[0]), int(pair[1])
        if not (last < s <= n and abs(q) <= 10_000):
            return 43
        if last == 0 and s != 1:
            return 43
        last = s
    return 42


sys.exit(main())
