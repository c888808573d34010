"""Folder submissions (JudgeRequest.files), judged in the sandbox: every source compiled together for C/C++, the class
with main found inside a named package for Java, the package format's entry points for Python and JavaScript, files
of other languages ignored."""

from __future__ import annotations

import pytest

from tests.sandbox.helpers import add_tests, run

pytestmark = pytest.mark.docker

FOLDERS = {
    "cpp": {
        "main.cc": b'#include <iostream>\n#include "sum.hpp"\nint main(){long long a,b;std::cin>>a>>b;'
        b"std::cout<<sum(a,b)<<'\\n';}\n",
        "sum.cc": b'#include "sum.hpp"\nlong long sum(long long a, long long b){return a+b;}\n',
        "sum.hpp": b"long long sum(long long a, long long b);\n",
        "notes.txt": b"ignored",
        "tool.py": b"raise SystemExit('never runs')\n",
    },
    "java": {
        "src/com/acme/util/Adder.java": b"package com.acme.util;\npublic class Adder {\n"
        b"    public static long add(long a, long b) { return a + b; }\n}\n",
        "src/com/acme/app/Solve.java": b"package com.acme.app;\nimport com.acme.util.Adder;\nimport java.util.*;\n"
        b"public class Solve {\n    public static void main(String[] args) {\n"
        b"        Scanner in = new Scanner(System.in);\n"
        b"        System.out.println(Adder.add(in.nextLong(), in.nextLong()));\n"
        b"    }\n}\n",
    },
    "python": {
        "__main__.py": b"from helper import add\na, b = map(int, input().split())\nprint(add(a, b))\n",
        "helper.py": b"def add(a, b):\n    return a + b\n",
    },
    "javascript": {
        "package.json": b'{"main": "hello.js"}',
        "hello.js": b"const { add } = require('./module.js');\n"
        b"const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\n"
        b"console.log(add(a, b));\n",
        "module.js": b"exports.add = (a, b) => a + b;\n",
    },
}


@pytest.mark.parametrize("language", list(FOLDERS))
def test_folder_submission(language, tmp_path, docker_sandbox):
    report, _ = run("", language, add_tests(tmp_path, count=2), files=FOLDERS[language], time_s=5.0)
    assert report.verdict == "AC", (
        report.verdict,
        report.compile_output[-800:],
        report.judge_error,
        [(t.verdict, t.message, t.stderr_tail[-300:]) for t in report.tests],
    )


def test_folder_entry_point_from_the_request_and_the_first_file_without_one(tmp_path, docker_sandbox):
    files = {"a.py": b"print(0)\n", "b.py": b"a, b = map(int, input().split())\nprint(a + b)\n"}
    tests = add_tests(tmp_path, count=1)
    named, _ = run("", "python", tests, files=files, entrypoint="b.py")
    assert named.verdict == "AC", named
    first, _ = run("", "python", tests, files=files)
    assert first.verdict == "WA"  # a.py ran: the first file by name, as problemtools and DOMjudge run it


def test_every_javascript_file_is_syntax_checked(tmp_path, docker_sandbox):
    files = {"main.js": b"console.log(1);\n", "unused.js": b"import function broken() {}\n"}
    report, _ = run("", "javascript", add_tests(tmp_path, count=1), files=files)
    assert report.verdict == "CE" and "unused.js" in report.compile_output
