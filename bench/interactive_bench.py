"""Interactive round trip: `python3 bench/interactive_bench.py [--exchanges 2000] [--runtime runsc]`.

The interactor sends a number and waits for it back, N times; the program echoes. The program and the interactor run
in two sandboxes and the host relays the bytes between them, so one exchange crosses the relay twice. Prints the
program's wall time per exchange (median of 3 submissions) for a Python and a C++ program.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sandbox.build import build_images
from sandbox.judge import judge
from sandbox.pool import POOL
from sandbox.spec import JudgeRequest, Limits, TestSpec, ValidatorSpec

INTERACTOR = """import sys
n = int(open(sys.argv[1]).read())
for i in range(n):
    print(i, flush=True)
    if sys.stdin.readline().strip() != str(i):
        sys.exit(43)
sys.exit(42)
"""
PROGRAMS = {
    "python": "import sys\nfor line in sys.stdin:\n    sys.stdout.write(line)\n    sys.stdout.flush()\n",
    "cpp": "#include <cstdio>\nint main(){char b[64];while(fgets(b,64,stdin)){fputs(b,stdout);fflush(stdout);}}\n",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--exchanges", type=int, default=2000)
    parser.add_argument("--runtime", default=None)
    args = parser.parse_args()
    if args.runtime:
        os.environ["ASSESSMENT_SANDBOX_RUNTIME"] = args.runtime
    build_images(log=lambda *a, **k: None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "validator").mkdir()
        (folder / "validator" / "validate.py").write_text(INTERACTOR)
        (folder / "1.in").write_text(f"{args.exchanges}\n")
        (folder / "1.ans").write_text("\n")
        tests = [TestSpec("t", "secret", folder / "1.in", folder / "1.ans")]
        for language, source in PROGRAMS.items():
            walls = []
            for _ in range(3):
                request = JudgeRequest(
                    source,
                    language,
                    tests,
                    Limits(20.0, 256),
                    ValidatorSpec("custom", folder / "validator"),
                    interactive=True,
                )
                report = judge(request, slot=0)
                if report.verdict != "AC":
                    raise SystemExit(f"{language}: {report}")
                walls.append(report.tests[0].wall_ms / args.exchanges)
            print(
                f"{language}: {statistics.median(walls) * 1000:.0f} us per exchange "
                f"(runtime {args.runtime or 'runc'}, load {os.getloadavg()[0]:.1f})"
            )
    POOL.drain()


if __name__ == "__main__":
    main()
