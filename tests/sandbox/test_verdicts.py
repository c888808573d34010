"""Every verdict for every language, judged in the real sandbox."""

from __future__ import annotations

import pytest

from tests.sandbox.helpers import ADD_CPP, ADD_PY, add_tests, run

pytestmark = pytest.mark.docker

JAVA_MAIN = """import java.util.*;
public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long a = in.nextLong(), b = in.nextLong();
        System.out.println(a + b);
    }
}
"""
JAVA_OTHER_NAME = JAVA_MAIN.replace("public class Main", "public class AddTwo")
ADD_C = '#include <stdio.h>\nint main(void){long long a,b;scanf("%lld %lld",&a,&b);printf("%lld\\n",a+b);return 0;}\n'
ADD_JS = "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n"

CASES = {
    # python
    "python-ac": ("python", ADD_PY, "AC", {}),
    "python-wa": ("python", "a, b = map(int, input().split())\nprint(a - b)\n", "WA", {}),
    "python-tle": ("python", "while True:\n    pass\n", "TLE", {"time_s": 0.5}),
    "python-mle": (
        "python",
        "x = bytearray(150 << 20)\nfor i in range(0, len(x), 4096):\n    x[i] = 1\nprint(len(x))\n",
        "MLE",
        {"memory_mb": 64},
    ),
    "python-rte": ("python", "raise SystemExit(3)\n", "RTE", {}),
    "python-rte-exception": ("python", "print(1 // 0)\n", "RTE", {}),
    # output beyond the cap is discarded and the program runs on: OLE when it ends, TLE when it never does
    "python-ole": ("python", "import sys\nsys.stdout.write('x' * (1 << 20))\n", "OLE", {"output_kb": 256}),
    "python-flood": (
        "python",
        "import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n",
        "TLE",
        {"output_kb": 256, "time_s": 0.5},
    ),
    "python-ce": ("python", "def broken(:\n    pass\n", "CE", {}),
    # C++
    "cpp-ac": ("cpp", ADD_CPP, "AC", {}),
    "cpp-wa": ("cpp", '#include <cstdio>\nint main(){puts("42");}\n', "WA", {}),
    "cpp-tle": ("cpp", "int main(){volatile unsigned long x=0; for(;;) x++;}\n", "TLE", {"time_s": 0.5}),
    "cpp-mle": (
        "cpp",
        "#include <cstdlib>\n#include <cstring>\nint main(){for(;;){char*p=(char*)malloc(1<<20);memset(p,1,1<<20);}}\n",
        "MLE",
        {"memory_mb": 64},
    ),
    "cpp-segv": ("cpp", "int main(){volatile int*p=nullptr; *p=1; return 0;}\n", "RTE", {"signal": "SIGSEGV"}),
    "cpp-abort": ("cpp", "#include <cstdlib>\nint main(){abort();}\n", "RTE", {"signal": "SIGABRT"}),
    # the stack is unlimited, as the reference judges run programs: deep recursion ends by the memory limit
    "c-stack-hog": (
        "c",
        "int deep(int n){volatile char a[1<<20]; for(int i=0;i<(1<<20);i+=4096) a[i]=(char)n;\n"
        "return deep(n + 1) + a[n % 4096];}\nint main(void){return deep(0);}\n",
        "MLE",
        {"memory_mb": 64},
    ),
    "cpp-ole": (
        "cpp",
        '#include <cstdio>\nint main(){for(int i=0;i<100000;i++) fputs("yyyyyyyyyyyyyyyyyyyy\\n", stdout);}\n',
        "OLE",
        {"output_kb": 256},
    ),
    "cpp-ac-large-binary": (
        "cpp",
        (
            "#include <iostream>\nint table[1 << 21] = {1};\nint main(){long long a,b;"
            "std::cin>>a>>b;std::cout<<a+b+table[12345]<<'\\n';}\n"
        ),
        "AC",
        {},
    ),
    "cpp-ce": ("cpp", "int main(){ return undefined_thing; }\n", "CE", {}),
    "cpp-ce-dev-random": (
        "cpp",
        '#include "/dev/random"\nint main(){}\n',
        "CE",
        {"compile_time_s": 8.0, "compile_memory_mb": 512},
    ),
    # C
    "c-ac": ("c", ADD_C, "AC", {}),
    "c-rte-fpe": (
        "c",
        (
            '#include <stdio.h>\nint main(void){int a=1; volatile int z=0; scanf("%d", &a);'
            ' printf("%d\\n", a / z); return 0;}\n'
        ),
        "RTE",
        {"signal": "SIGFPE"},
    ),
    "c-ce": ("c", "int main(void) { return }\n", "CE", {}),
    # Java
    "java-ac-main": ("java", JAVA_MAIN, "AC", {}),
    "java-ac-other-public-class": ("java", JAVA_OTHER_NAME, "AC", {}),
    "java-wa": ("java", JAVA_MAIN.replace("a + b", "a * b"), "WA", {}),
    "java-mle": (
        "java",
        (
            "import java.util.*;\npublic class Main { public static void main(String[] a) {"
            " List<long[]> l = new ArrayList<>(); while (true) l.add(new long[1 << 20]); } }\n"
        ),
        "MLE",
        {"memory_mb": 128},
    ),
    "java-rte": (
        "java",
        'public class Main { public static void main(String[] a) { throw new RuntimeException("boom"); } }\n',
        "RTE",
        {},
    ),
    "java-tle": (
        "java",
        "public class Main { public static void main(String[] a) { long x = 0; while (true) x++; } }\n",
        "TLE",
        {"time_s": 0.5},
    ),
    "java-ce": ("java", 'public class Main { public static void main(String[] a) { int x = "s"; } }\n', "CE", {}),
    # JavaScript
    "js-ac": ("javascript", ADD_JS, "AC", {}),
    "js-mle": ("javascript", "const a = []; for (;;) a.push(new Array(1e6).fill(1.5));\n", "MLE", {"memory_mb": 128}),
    "js-rte": ("javascript", "null.x;\n", "RTE", {}),
    "js-ce": ("javascript", "function ( {\n", "CE", {}),
}


@pytest.mark.parametrize("case", list(CASES))
def test_verdict(case, tmp_path, docker_sandbox):
    language, source, expected, extra = CASES[case]
    extra = dict(extra)
    signal = extra.pop("signal", None)
    tests = add_tests(tmp_path, count=2)
    report, elapsed = run(source, language, tests, **extra)
    assert report.verdict == expected, (
        report.verdict,
        report.judge_error,
        report.compile_output[:500],
        [(t.verdict, t.message, t.stderr_tail[-300:]) for t in report.tests],
    )
    assert report.judge_error is None
    if expected == "CE":
        assert report.tests == []
        assert report.compile_output.strip()
    else:
        assert report.tests and report.tests[0].verdict == expected
    if signal:
        assert report.tests[0].signal == signal
    assert elapsed < 40


def test_ac_reports_time_and_memory(tmp_path, docker_sandbox):
    report, _ = run(ADD_CPP, "cpp", add_tests(tmp_path, count=3))
    assert report.verdict == "AC"
    assert [t.name for t in report.tests] == ["secret/1", "secret/2", "secret/3"]
    for outcome in report.tests:
        assert outcome.exit_code == 0 and outcome.signal is None
        assert 0 <= outcome.time_ms < 500 and 0 < outcome.memory_kb < 64 * 1024


def test_mle_by_peak_rss_below_cgroup_limit(tmp_path, docker_sandbox):
    """Using 100 MB under a 64 MB limit is MLE even though the container itself could hold it."""
    source = "x = bytearray(100 << 20)\nfor i in range(0, len(x), 4096):\n    x[i] = 1\nprint(3)\n"
    report, _ = run(source, "python", add_tests(tmp_path, count=1), memory_mb=64)
    assert report.verdict == "MLE"
    assert report.tests[0].memory_kb > 64 * 1024


def test_python_uses_no_more_time_than_limit_on_sleep(tmp_path, docker_sandbox):
    """Sleeping uses no CPU: the wall-clock limit (the limit + 1 s) ends it as TLE."""
    report, elapsed = run("import time\ntime.sleep(60)\n", "python", add_tests(tmp_path, count=1), time_s=0.5)
    assert report.verdict == "TLE"
    assert report.tests[0].wall_ms >= 1400 and elapsed < 10
