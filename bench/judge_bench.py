"""Sandbox speed per language: `python3 bench/judge_bench.py [--languages python,cpp] [--tests 40] [--runtime runsc]`.

For every language of the table (an a+b program in each):
- bare start: the program started directly, without the judge, inside a runner container (the same image, so every
  language is measured the same way; median of 30 starts), and on the host for Python and C++ where it has them;
- per-test cost: the median time between consecutive tests of one submission with N tests (run, check, clean up),
  over 3 submissions (a median, so that other load on the machine does not swamp it); `extra` = per-test - bare;
- fixed cost per submission: a 1-test submission minus one per-test cost, with the pool kept warm the way a judge
  keeps it (wait for the background refill between submissions): write the source, compile (or check the syntax),
  seal, run, hand the sandbox back;
- `--throughput N`: submissions per minute with one judge per core (slots 0 and 1), 10 tests each.
`--runtime runsc` runs every sandbox under gVisor (ASSESSMENT_SANDBOX_RUNTIME); the plain `docker run` of the runner
image is measured with the same runtime for scale.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sandbox.build import build_images
from sandbox.container import runner_image
from sandbox.docker_client import client_or_unavailable
from sandbox.judge import judge
from sandbox.languages import LANGUAGES
from sandbox.pool import POOL
from sandbox.spec import JudgeRequest, Limits, TestSpec, ValidatorSpec

PY = "a, b = map(int, input().split())\nprint(a + b)\n"
JAVA = (
    "import java.util.*;\npublic class Main { public static void main(String[] x) { Scanner in = new Scanner("
    "System.in); long a = in.nextLong(), b = in.nextLong(); System.out.println(a + b); } }\n"
)
PROGRAMS = {
    "python": PY,
    "python-scipy": PY,
    "pypy": PY,
    "c": '#include <stdio.h>\nint main(void){long long a,b;scanf("%lld %lld",&a,&b);printf("%lld\\n",a+b);}\n',
    "cpp": "#include <iostream>\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a+b<<'\\n';}\n",
    "cpp20": "#include <iostream>\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a+b<<'\\n';}\n",
    "java": JAVA,
    "kotlin": 'fun main() {\n    val (a, b) = readLine()!!.trim().split(" ").map { it.toLong() }\n    println(a + b)\n}\n',
    "javascript": "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\n"
    "console.log(a + b);\n",
    "typescript": "const [a, b]: number[] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\n"
    "console.log(a + b);\n",
    "go": 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfmt.Println(a + b)\n}\n',
    "rust": "use std::io::Read;\nfn main(){let mut s=String::new();std::io::stdin().read_to_string(&mut s).unwrap();"
    'let v:Vec<i64>=s.split_whitespace().map(|x|x.parse().unwrap()).collect();println!("{}",v[0]+v[1]);}\n',
    "csharp": "using System;\npublic class P { public static void Main() { var p = Console.ReadLine().Split(' ');"
    " Console.WriteLine(long.Parse(p[0]) + long.Parse(p[1])); } }\n",
    "ruby": "a, b = STDIN.read.split.map(&:to_i)\nputs a + b\n",
    "php": "<?php\n[$a, $b] = array_map('intval', explode(' ', trim(fgets(STDIN))));\necho $a + $b, \"\\n\";\n",
}
# Measures the program's start inside a runner container, without the judge: {argv, runs} -> median seconds.
BARE_SCRIPT = """import json, statistics, subprocess, sys, time
spec = json.loads(sys.argv[1])
times = []
for _ in range(spec['runs']):
    t = time.perf_counter()
    subprocess.run(spec['argv'], input=b'1 2\\n', stdout=subprocess.DEVNULL, check=True, cwd='/work')
    times.append(time.perf_counter() - t)
print(statistics.median(times))
"""


def make_tests(folder: Path, n: int) -> list[TestSpec]:
    tests = []
    for i in range(n):
        (folder / f"{i}.in").write_text(f"{i} {i + 1}\n")
        (folder / f"{i}.ans").write_text(f"{2 * i + 1}\n")
        tests.append(TestSpec(f"t{i}", "secret", folder / f"{i}.in", folder / f"{i}.ans"))
    return tests


def timed_judge(language: str, tests: list[TestSpec], marks: list[float] | None = None, slot: int = 0) -> float:
    request = JudgeRequest(PROGRAMS[language], language, tests, Limits(2.0, 256), ValidatorSpec("default"))

    def progress(phase: str, i: int, n: int) -> None:
        if marks is not None and phase == "running":
            marks.append(time.perf_counter())

    t = time.perf_counter()
    report = judge(request, progress=progress, slot=slot)
    elapsed = time.perf_counter() - t
    if report.verdict != "AC":
        raise SystemExit(f"benchmark submission in {language} was not accepted: {report}")
    return elapsed


def bare_in_container(language: str, runs: int = 30) -> float:
    """Compile the program in a runner container (no limits, no judge) and time its direct starts there."""
    client = client_or_unavailable()
    lang = LANGUAGES[language]
    program = lang.prepare(PROGRAMS[language], memory_mb=256)
    container = client.containers.run(
        runner_image(client),
        ["sleep", "600"],
        detach=True,
        user="0:0",
        network_mode="none",
        working_dir="/work",
        environment={"HOME": "/tmp"},
        runtime=os.environ.get("ASSESSMENT_SANDBOX_RUNTIME") or None,
    )
    try:
        archive = io.BytesIO()
        with tarfile.open(fileobj=archive, mode="w") as tar:
            for name, data in program.files.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        container.put_archive("/work", archive.getvalue())
        if program.compile:
            code, out = container.exec_run(list(program.compile), workdir="/work", environment=dict(lang.compile_env))
            if code != 0:
                raise SystemExit(f"bare compile of {language} failed: {out.decode()[-500:]}")
        spec = json.dumps({"argv": list(program.run), "runs": runs})
        code, out = container.exec_run(
            ["python3", "-c", BARE_SCRIPT, spec], workdir="/work", environment={**dict(lang.run_env), "HOME": "/tmp"}
        )
        if code != 0:
            raise SystemExit(f"bare run of {language} failed: {out.decode()[-500:]}")
        return float(out.decode().strip().splitlines()[-1])
    finally:
        container.remove(force=True)


def bare_on_host(language: str, folder: Path, runs: int = 30) -> float | None:
    if language == "python" and Path("/usr/bin/python3").exists():
        src = folder / "bare.py"
        src.write_text(PY)
        argv = ["/usr/bin/python3", str(src)]
    elif language == "cpp" and shutil.which("g++"):
        src = folder / "bare.cpp"
        src.write_text(PROGRAMS["cpp"])
        subprocess.run(["g++", "-O2", "-o", str(folder / "bare"), str(src)], check=True)
        argv = [str(folder / "bare")]
    else:
        return None
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(argv, input=b"1 2\n", stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def docker_run_cost(runs: int = 5) -> float:
    client = client_or_unavailable()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        client.containers.run(
            runner_image(client),
            ["true"],
            remove=True,
            network_mode="none",
            runtime=os.environ.get("ASSESSMENT_SANDBOX_RUNTIME") or None,
        )
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def throughput(language: str, tests: list[TestSpec], submissions: int) -> float:
    t = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda i: timed_judge(language, tests, slot=i % 2), range(submissions)))
    return submissions / (time.perf_counter() - t) * 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--languages", default=",".join(PROGRAMS), help="comma-separated language ids")
    parser.add_argument("--tests", type=int, default=40)
    parser.add_argument("--runtime", default=None, help="OCI runtime for every sandbox, e.g. runsc")
    parser.add_argument("--throughput", type=int, default=0, help="also measure N submissions with 2 judges")
    args = parser.parse_args()
    if args.runtime:
        os.environ["ASSESSMENT_SANDBOX_RUNTIME"] = args.runtime
    build_images(log=lambda *a, **k: None)
    docker_run = docker_run_cost()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        many = make_tests(folder, args.tests)
        for language in args.languages.split(","):
            bare = bare_in_container(language)
            host = bare_on_host(language, folder)
            timed_judge(language, many[:1])  # warm caches and the pool
            ones = []
            for _ in range(5):
                POOL.wait_idle()
                ones.append(timed_judge(language, many[:1]))
            one = statistics.median(ones)
            intervals = []
            for _ in range(3):
                POOL.wait_idle()
                marks: list[float] = []
                timed_judge(language, many, marks)
                intervals += [b - a for a, b in itertools.pairwise(marks)]
            per_test = statistics.median(intervals)  # robust against other load on the machine
            fixed = one - per_test
            rate = throughput(language, many[:10], args.throughput) if args.throughput else None
            rows.append(
                (
                    language,
                    LANGUAGES[language].name,
                    bare * 1000,
                    host,
                    per_test * 1000,
                    (per_test - bare) * 1000,
                    fixed * 1000,
                    rate,
                )
            )
            print(
                f"{language}: bare {bare * 1000:.1f} ms, per test {per_test * 1000:.1f} ms, "
                f"fixed {fixed * 1000:.0f} ms",
                file=sys.stderr,
            )
    POOL.drain()
    print(
        f"\nruntime: {args.runtime or 'runc (engine default)'}; load average: {os.getloadavg()[0]:.1f}; "
        f"cores: {os.cpu_count()}"
    )
    print(f"plain `docker run --rm <runner> true`: {docker_run * 1000:.0f} ms\n")
    head = (
        "language",
        "bare start (container)",
        "bare start (host)",
        "per test",
        "extra per test",
        "fixed per submission",
        "subs/min (10 tests, 2 judges)",
    )
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(" --- " for _ in head) + "|")
    for _lang, name, bare, host, per, extra, fixed, rate in rows:
        host_text = f"{host * 1000:.1f} ms" if host is not None else "-"
        print(
            f"| {name} | {bare:.1f} ms | {host_text} | {per:.1f} ms | {extra:+.1f} ms | {fixed:.0f} ms | "
            f"{f'{rate:.0f}' if rate else '-'} |"
        )


if __name__ == "__main__":
    main()
