"""Sandbox speed: `python3 bench/judge_bench.py [--tests 40] [--submissions 12]`.

Measures, for Python and C++ (an a+b program):
- bare start: the same program started directly on the host (no sandbox), median of 30;
- per-test extra cost: the median time between consecutive tests of a judge with N tests (run, check, clean up),
  over 3 submissions (a median, so that other load on the machine does not swamp it);
- fixed overhead per submission: judge with 1 test minus one per-test cost (container create/start/remove, writing the
  source, compiling), next to a plain `docker run --rm` of the runner image for scale;
- throughput: submissions per minute with one judge thread per core, each submission having 10 tests.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sandbox.build import RUNNER_IMAGE, build_images
from sandbox.docker_client import client_or_unavailable
from sandbox.judge import judge
from sandbox.spec import JudgeRequest, Limits, TestSpec, ValidatorSpec

PROGRAMS = {
    "python": "a, b = map(int, input().split())\nprint(a + b)\n",
    "cpp": "#include <iostream>\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a+b<<'\\n';}\n",
}


def make_tests(folder: Path, n: int) -> list[TestSpec]:
    tests = []
    for i in range(n):
        (folder / f"{i}.in").write_text(f"{i} {i + 1}\n")
        (folder / f"{i}.ans").write_text(f"{2 * i + 1}\n")
        tests.append(TestSpec(f"t{i}", "secret", folder / f"{i}.in", folder / f"{i}.ans"))
    return tests


def bare_start(language: str, folder: Path, runs: int = 30) -> float:
    if language == "python":
        src = folder / "bare.py"
        src.write_text(PROGRAMS["python"])
        # the system interpreter, the same Python 3.11 as in the runner image (not a pyenv shim)
        argv = ["/usr/bin/python3" if Path("/usr/bin/python3").exists() else "python3", str(src)]
    else:
        src = folder / "bare.cpp"
        src.write_text(PROGRAMS["cpp"])
        subprocess.run(["g++", "-O2", "-o", str(folder / "bare"), str(src)], check=True)
        argv = [str(folder / "bare")]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(argv, input=b"1 2\n", stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def timed_judge(language: str, tests: list[TestSpec], marks: list[float] | None = None) -> float:
    request = JudgeRequest(PROGRAMS[language], language, tests, Limits(2.0, 256), ValidatorSpec("default"))

    def progress(phase: str, i: int, n: int) -> None:
        if marks is not None and phase == "running":
            marks.append(time.perf_counter())

    t = time.perf_counter()
    report = judge(request, progress=progress)
    elapsed = time.perf_counter() - t
    if report.verdict != "AC":
        raise SystemExit(f"benchmark submission was not accepted: {report}")
    return elapsed


def docker_run_cost(runs: int = 5) -> float:
    client = client_or_unavailable()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        client.containers.run(RUNNER_IMAGE, ["true"], remove=True, network_mode="none")
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def throughput(language: str, tests: list[TestSpec], submissions: int) -> float:
    workers = os.cpu_count() or 1
    t = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda _: timed_judge(language, tests), range(submissions)))
    return submissions / (time.perf_counter() - t) * 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tests", type=int, default=40)
    parser.add_argument("--submissions", type=int, default=12)
    args = parser.parse_args()
    build_images(log=lambda *a, **k: None)
    docker_run = docker_run_cost()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        many = make_tests(folder, args.tests)
        ten = many[:10]
        for language in PROGRAMS:
            bare = bare_start(language, folder)
            timed_judge(language, many[:1])  # warm caches
            one = statistics.median(timed_judge(language, many[:1]) for _ in range(3))
            intervals = []
            for _ in range(3):
                marks: list[float] = []
                timed_judge(language, many, marks)
                intervals += [b - a for a, b in itertools.pairwise(marks)]
            per_test = statistics.median(intervals)  # robust against other load on the machine
            fixed = one - per_test
            rate = throughput(language, ten, args.submissions)
            rows.append((language, bare * 1000, per_test * 1000, per_test / bare, fixed * 1000, rate))
    print(f"\nload average: {os.getloadavg()[0]:.1f}")
    print(f"plain `docker run --rm {RUNNER_IMAGE} true`: {docker_run * 1000:.0f} ms; cores: {os.cpu_count()}\n")
    head = ("language", "bare start ms", "extra/test ms", "extra/bare", "fixed ms", "subs/min (10 tests)")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    for lang, bare, per, ratio, fixed, rate in rows:
        print(f"| {lang} | {bare:.1f} | {per:.1f} | {ratio:.2f}x | {fixed:.0f} | {rate:.0f} |")
    print("\nTargets: extra/test <= 2x bare start; fixed overhead <= one docker run (+ the compiler's own time).")


if __name__ == "__main__":
    main()
