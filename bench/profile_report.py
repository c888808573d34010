"""Read a py-spy profile (collapsed stacks, `py-spy record --format raw`) into a top list and a flame graph.

    python3 bench/profile_report.py PROFILE.collapsed [--top 30]     # writes PROFILE-top.txt and PROFILE.svg

bench/load.py --profile DIR records the web process with py-spy while it measures and calls this on the result. The
collapsed stacks themselves open in any flame graph viewer (speedscope, flamegraph.pl, inferno); the top list says,
for each function, the share of samples spent in it (self) and under it (total), which is where to look first.
"""

from __future__ import annotations

import argparse
import html
import sys
import zlib
from collections import Counter
from pathlib import Path

Stack = tuple[str, ...]

# Leaf frames where a thread waits rather than works: py-spy's idle detection misses some of them (threads parked on
# a lock or a socket), so the top list also reads "busy" samples only, the ones that cost the process CPU.
IDLE_LEAVES = {
    "Condition.wait",
    "Event.wait",
    "Thread._wait_for_tstate_lock",
    "Sandbox._recv_exact",  # the judge waiting for the program in its sandbox
    "SocketIO.readinto",
    "select",
    "poll",
    "sleep",
    "accept",
    "socket.accept",
    "_worker",  # an idle thread of a pool (gunicorn's gthread workers) waiting for work
    "EpollSelector.select",
    "Connection.wait",  # psycopg waiting for PostgreSQL's answer
}
# Where a sample's thread spends its life: the first frame that names one of these says which part of the server it is.
PARTS = (
    ("judge", ("JudgeWorker.run ",)),
    ("web request", ("ThreadedTaskDispatcher.handler_thread ", "Worker.handle ", "ThreadWorker.handle ")),
    ("server loop", ("MultiSocketServer.run ", "WSGIServer.run ", "Arbiter.run ", "ThreadWorker.run ")),
)


def read_collapsed(path: Path) -> Counter[Stack]:
    stacks: Counter[Stack] = Counter()
    for line in path.read_text(errors="replace").splitlines():
        frames, _, count = line.rpartition(" ")
        if frames and count.isdigit():
            stacks[tuple(frames.split(";"))] += int(count)
    return stacks


def busy(stacks: Counter[Stack]) -> Counter[Stack]:
    """The samples whose thread was working, not waiting on a lock, a socket or a timer."""
    return Counter({frames: n for frames, n in stacks.items() if function(frames[-1]) not in IDLE_LEAVES})


def function(frame: str) -> str:
    """ "Condition.wait (threading.py:327)" -> "Condition.wait"."""
    return frame.split(" (", 1)[0]


def part_of(frames: Stack) -> str:
    for frame in frames:
        for name, markers in PARTS:
            if frame.startswith(markers):
                return name
    return "other"


def by_part(stacks: Counter[Stack]) -> Counter[str]:
    parts: Counter[str] = Counter()
    for frames, count in stacks.items():
        parts[part_of(frames)] += count
    return parts


def top(stacks: Counter[Stack], limit: int = 30) -> str:
    everything = stacks
    stacks = busy(stacks)
    total = sum(stacks.values()) or 1
    own: Counter[str] = Counter()
    under: Counter[str] = Counter()
    for frames, count in stacks.items():
        own[frames[-1]] += count
        for frame in set(frames):  # a recursive function counts once per sample
            under[frame] += count
    lines = [
        f"{sum(everything.values())} samples, {sum(stacks.values())} busy (not waiting on a lock, socket or timer);"
        " shares below are of the busy ones",
        "by part: " + ", ".join(f"{name} {100 * n / total:.1f}%" for name, n in by_part(stacks).most_common()),
        "",
        f"{'self %':>7} {'total %':>8}  function (file:line)",
    ]
    for frame, count in own.most_common(limit):
        lines.append(f"{100 * count / total:7.1f} {100 * under[frame] / total:8.1f}  {frame}")
    lines += ["", "by total (time spent in and under each function)", f"{'total %':>8}  function"]
    for frame, count in under.most_common(limit):
        lines.append(f"{100 * count / total:8.1f}  {frame}")
    return "\n".join(lines) + "\n"


def flame_svg(stacks: Counter[Stack], title: str, width: int = 1600, row: int = 16) -> str:
    """A flame graph: callers at the bottom, each box as wide as its share of the samples."""
    tree: dict = {}
    for frames, count in stacks.items():
        node = tree
        for frame in frames:
            entry = node.setdefault(frame, [0, {}])
            entry[0] += count
            node = entry[1]
    total = sum(stacks.values()) or 1

    def depth(node: dict) -> int:
        return 1 + max((depth(child) for _, child in node.values()), default=0) if node else 0

    height = (depth(tree) + 2) * row
    boxes: list[str] = []

    def draw(node: dict, x: float, level: int) -> None:
        for frame, (count, children) in sorted(node.items()):
            w = width * count / total
            if w >= 0.5:
                y = height - (level + 1) * row
                hue = 20 + zlib.crc32(frame.split(" ")[0].encode()) % 40
                label = html.escape(frame)
                text = html.escape(frame[: int(w / 7)]) if w > 30 else ""
                boxes.append(
                    f"<g><title>{label} ({count} samples, {100 * count / total:.1f}%)</title>"
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row - 1}" fill="hsl({hue},90%,60%)"/>'
                    f'<text x="{x + 3:.1f}" y="{y + row - 4}" font-size="11" font-family="monospace">{text}</text></g>'
                )
                draw(children, x, level + 1)
            x += w

    draw(tree, 0.0, 0)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f'<text x="4" y="14" font-size="13" font-family="sans-serif">{html.escape(title)}: {total} samples '
        "(hover a box for its function and share)</text>" + "".join(boxes) + "</svg>\n"
    )


def report(path: Path, limit: int = 30) -> tuple[Path, Path]:
    """Write PATH-top.txt and PATH.svg next to the collapsed stacks; returns their paths."""
    stacks = read_collapsed(path)
    top_path = path.with_name(path.stem + "-top.txt")
    svg_path = path.with_suffix(".svg")
    top_path.write_text(top(stacks, limit))
    svg_path.write_text(flame_svg(stacks, path.stem))
    return top_path, svg_path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("collapsed", type=Path)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    for written in report(args.collapsed, args.top):
        print(f"wrote {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
