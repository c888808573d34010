"""Small builders for judge requests over test data written to a temporary folder."""

from __future__ import annotations

import time
from pathlib import Path

from sandbox.spec import JudgeReport, JudgeRequest, Limits, TestSpec, ValidatorSpec

ADD_PY = "a, b = map(int, input().split())\nprint(a + b)\n"
ADD_CPP = "#include <iostream>\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a+b<<'\\n';}\n"


def leftover_containers() -> list[str]:
    """Sandbox containers created by this process still present (other judges may share the engine). Spares the pool
    keeps ready (never used) are removed first: they are not leftovers."""
    from sandbox.container import OWNER
    from sandbox.docker_client import LABEL, client_or_unavailable
    from sandbox.pool import drain

    drain()
    client = client_or_unavailable()
    return [c["Id"][:12] for c in client.api.containers(all=True, filters={"label": f"{LABEL}.owner={OWNER}"})]


def add_tests(folder: Path, count: int = 3, group: str = "secret") -> list[TestSpec]:
    folder.mkdir(parents=True, exist_ok=True)
    tests = []
    for i in range(1, count + 1):
        (folder / f"{i}.in").write_text(f"{i} {i * 10}\n")
        (folder / f"{i}.ans").write_text(f"{i * 11}\n")
        tests.append(TestSpec(f"{group}/{i}", group, folder / f"{i}.in", folder / f"{i}.ans"))
    return tests


def run(
    source: str,
    language: str,
    tests: list[TestSpec],
    time_s: float = 1.0,
    memory_mb: int = 256,
    output_kb: int = 1024,
    validator: ValidatorSpec | None = None,
    **kw,
) -> tuple[JudgeReport, float]:
    from sandbox.judge import judge

    limits = Limits(
        time_s=time_s,
        memory_mb=memory_mb,
        output_kb=output_kb,
        compile_time_s=kw.pop("compile_time_s", 30.0),
        compile_memory_mb=kw.pop("compile_memory_mb", 1024),
    )
    slot = kw.pop("slot", None)
    request = JudgeRequest(
        source=source,
        language=language,
        tests=tests,
        limits=limits,
        validator=validator or ValidatorSpec("default"),
        **kw,
    )
    started = time.monotonic()
    report = judge(request, slot=slot)
    return report, time.monotonic() - started
