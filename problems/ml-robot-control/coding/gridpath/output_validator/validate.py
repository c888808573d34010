"""Output validator for Grid Path.

Usage: validate.py input judge_answer feedback_dir [args] < team_output
Accepts (exit 42) when the team reports the optimal number of moves and, if the goal is reachable, a legal
route of exactly that many moves from S to G; otherwise exits 43 and explains why in feedback_dir/judgemessage.txt.
"""
import os
import re
import sys

MOVES = {"U": (-1, 0), "D": (1, 0), "L": (0, -1), "R": (0, 1)}
MAX_OUTPUT = 1 << 22


def verdict(feedback_dir: str, accepted: bool, message: str) -> None:
    with open(os.path.join(feedback_dir, "judgemessage.txt"), "w", encoding="utf-8") as f:
        f.write(message + "\n")
    sys.exit(42 if accepted else 43)


def main() -> None:
    if len(sys.argv) < 4:
        sys.stderr.write("usage: validate.py input judge_answer feedback_dir < team_output\n")
        sys.exit(1)
    input_path, answer_path, feedback_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(input_path, encoding="ascii") as f:
        tokens = f.read().split()
    h, w = int(tokens[0]), int(tokens[1])
    grid = tokens[2:2 + h]
    with open(answer_path, encoding="ascii") as f:
        best = int(f.read().split()[0])

    raw = sys.stdin.buffer.read(MAX_OUTPUT + 1)
    if len(raw) > MAX_OUTPUT:
        verdict(feedback_dir, False, "output is far too long")
    team = raw.decode("ascii", errors="replace").split()
    if not team:
        verdict(feedback_dir, False, "empty output")
    if not re.fullmatch(r"-?[0-9]{1,9}", team[0]):
        verdict(feedback_dir, False, f"the first token should be the number of moves, found {team[0][:30]!r}")
    claimed = int(team[0])
    if best == -1:
        if claimed != -1 or len(team) != 1:
            verdict(feedback_dir, False, "the goal is unreachable; expected just -1")
        verdict(feedback_dir, True, "correct: the goal is unreachable")
    if claimed == -1:
        verdict(feedback_dir, False, "printed -1 but the goal is reachable")
    if claimed != best:
        verdict(feedback_dir, False, f"reported {claimed} moves, the shortest route has {best}")
    if len(team) != 2:
        verdict(feedback_dir, False, f"expected the number of moves and one route string, found {len(team)} tokens")
    route = team[1]
    if len(route) != claimed:
        verdict(feedback_dir, False, f"the route has {len(route)} moves but {claimed} were reported")
    for i, row in enumerate(grid):
        j = row.find("S")
        if j >= 0:
            y, x = i, j
    for step, move in enumerate(route, start=1):
        if move not in MOVES:
            verdict(feedback_dir, False, f"move {step} is {move!r}; use only U, D, L and R")
        dy, dx = MOVES[move]
        y, x = y + dy, x + dx
        if not (0 <= y < h and 0 <= x < w):
            verdict(feedback_dir, False, f"move {step} ({move}) leaves the map")
        if grid[y][x] == "#":
            verdict(feedback_dir, False, f"move {step} ({move}) enters the blocked cell at row {y + 1}, "
                                         f"column {x + 1}")
    if grid[y][x] != "G":
        verdict(feedback_dir, False, f"the route ends at row {y + 1}, column {x + 1}, not at the goal")
    verdict(feedback_dir, True, f"correct: a shortest route of {best} moves")


main()
