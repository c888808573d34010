"""The table of languages: ids, derived lists, file names, entry points of folder submissions (no Docker needed)."""

from __future__ import annotations

import pytest

from sandbox.languages import (
    LANGUAGES,
    SubmissionError,
    get_language,
    language_for_filename,
    language_for_files,
    packages,
    upload_extensions,
)
from sandbox.languages._jvm import java_main_class

EXPECTED = {
    "python",
    "python-scipy",
    "pypy",
    "c",
    "cpp",
    "cpp20",
    "java",
    "kotlin",
    "javascript",
    "typescript",
    "go",
    "rust",
    "csharp",
    "ruby",
    "php",
}


def test_table_has_the_languages_and_every_row_is_complete():
    assert set(LANGUAGES) == EXPECTED
    for language in LANGUAGES.values():
        assert language.name and language.extensions and language.template.strip() and language.version
        assert language.packages and language.codemirror and language.pygments and language.entry_rule
        program = language.prepare(language.template)
        assert program.run and program.files


def test_image_packages_and_upload_extensions_derive_from_the_table():
    assert set(packages()) == {p for lang in LANGUAGES.values() for p in lang.packages}
    assert {"python3-numpy", "python3-scipy", "pypy3", "kotlin", "golang-go", "rustc", "mono-mcs", "php-cli"} <= set(
        packages()
    )
    assert {".py", ".kt", ".go", ".rs", ".cs", ".rb", ".php", ".ts"} <= set(upload_extensions())


def test_scientific_python_lists_its_libraries_and_uses_the_same_interpreter():
    sci, plain = get_language("python-scipy"), get_language("python")
    assert sci.libraries == ("numpy", "scipy")
    assert sci.prepare("print(1)").run == plain.prepare("print(1)").run
    assert get_language("python3numpy") is sci  # the package format's code


@pytest.mark.parametrize(
    "name, language",
    [
        ("a.py", "python"),
        ("x/Sol.java", "java"),
        ("main.CPP", "cpp"),
        ("m.cc", "cpp"),
        ("m.c", "c"),
        ("s.js", "javascript"),
        ("a.kt", "kotlin"),
        ("a.ts", "typescript"),
        ("a.go", "go"),
        ("a.rs", "rust"),
        ("a.cs", "csharp"),
        ("a.rb", "ruby"),
        ("a.php", "php"),
    ],
)
def test_language_for_filename(name, language):
    assert language_for_filename(name).id == language


def test_shared_extensions_are_never_guessed_and_unknown_names_raise():
    assert language_for_filename("a.cob") is None
    assert language_for_filename("a.py").id == "python"  # never pypy or python-scipy
    assert language_for_filename("a.cpp").id == "cpp"  # never cpp20
    with pytest.raises(KeyError, match="cobol"):
        get_language("cobol")
    assert get_language("c++").id == "cpp" and get_language("python3").id == "python"
    assert language_for_files(["main.cc", "message.cc", "message.hpp", "notes.txt"]).id == "cpp"


def test_folder_submission_keeps_only_the_languages_files():
    cpp = get_language("cpp")
    program = cpp.prepare(
        files={"main.cc": b"int main(){}", "msg.cc": b"", "msg.hpp": b"", "zz-random.txt": b"x", "tool.py": b""}
    )
    assert set(program.files) == {"main.cc", "msg.cc", "msg.hpp"}
    assert program.compile[-2:] == ("main.cc", "msg.cc")
    with pytest.raises(SubmissionError, match="no C\\+\\+17"):
        cpp.prepare(files={"readme.txt": b"hello"})
    with pytest.raises(SubmissionError, match="leaves the submission folder"):
        cpp.prepare(files={"../evil.cc": b""})


def test_python_and_javascript_entry_points_follow_the_package_format():
    python = get_language("python")
    assert python.prepare(files={"main.py": b"", "message.py": b""}).run[-1] == "main.py"  # the format's default
    assert python.prepare(files={"__main__.py": b"", "lib.py": b""}).run[-1] == "__main__.py"
    assert python.prepare(files={"solve.py": b""}).run[-1] == "solve.py"
    # neither: the first file by name, as problemtools and DOMjudge run it
    assert python.prepare(files={"b.py": b"", "a.py": b""}).run[-1] == "a.py"
    js = get_language("javascript")
    assert js.prepare(files={"main.js": b"", "module.js": b""}).run[-1] == "main.js"
    assert js.prepare(files={"hello.js": b"", "module.js": b"", "package.json": b'{"type": "module"}'}).run[-1] == (
        "hello.js"
    )
    assert (
        js.prepare(files={"hello.js": b"", "module.js": b"", "package.json": b'{"main": "hello.js"}'}).run[-1]
        == "hello.js"
    )
    assert js.prepare(files={"main.mjs": b"", "module.mjs": b""}).run[-1] == "main.mjs"
    with pytest.raises(SubmissionError, match="no such file"):
        js.prepare(files={"a.js": b"", "package.json": b'{"main": "gone.js"}'})


def test_a_named_entry_point_comes_first():
    python = get_language("python")
    assert python.prepare(files={"main.py": b"", "run.py": b""}, entrypoint="run.py").run[-1] == "run.py"
    assert python.prepare(files={"src/run.py": b"", "main.py": b""}, entrypoint="run.py").run[-1] == "src/run.py"
    with pytest.raises(SubmissionError, match="not one of the submission's source files"):
        python.prepare(files={"main.py": b""}, entrypoint="gone.py")
    assert python.prepare("print(1)", entrypoint="other.py").run[-1] == "main.py"  # a single file is its own entry
    js = get_language("javascript")
    folder = {"a.js": b"", "solve.js": b"", "package.json": b'{"main": "a.js"}'}
    assert js.prepare(files=folder, entrypoint="solve.js").run[-1] == "solve.js"
    java = get_language("java")
    two = {
        "A.java": b"class A { public static void main(String[] a) {} }",
        "b/B.java": b"package b;\nclass B { public static void main(String[] a) {} }",
    }
    assert java.prepare(files=two, entrypoint="B").run[-1] == "b.B"
    assert java.prepare(files=two, entrypoint="b.B").run[-1] == "b.B"
    assert java.prepare(files=two, entrypoint="A.java").run[-1] == "A"
    with pytest.raises(SubmissionError, match="not a class with a main method"):
        java.prepare(files=two, entrypoint="C")
    kotlin = get_language("kotlin")
    kt = {"solve.kt": b"fun main() {}", "other.kt": b"fun main() {}"}
    assert kotlin.prepare(files=kt, entrypoint="solve.kt").run[-1] == "SolveKt"
    assert kotlin.prepare(files=kt, entrypoint="OtherKt").run[-1] == "OtherKt"


def test_javascript_checks_the_syntax_of_every_file():
    program = get_language("javascript").prepare(files={"main.js": b"", "module.js": b""})
    assert program.compile is not None and program.compile[-2:] == ("main.js", "module.js")


def test_java_class_names_packages_and_main_detection():
    assert java_main_class("public class Main { public static void main(String[] a) {} }") == "Main"
    assert java_main_class("import java.util.*;\npublic final class Solver {}") == "Solver"
    assert (
        java_main_class("// public class Fake\nclass Helper {}\nclass Prog { public static void main(String[] a){} }")
        == "Prog"
    )
    java = get_language("java")
    assert java.file_name("public class Foo { public static void main(String[] a) {} }") == "Foo.java"
    run = java.prepare("package bin;\nclass Main { public static void main(String[] a) {} }", memory_mb=128).run
    assert run[-1] == "bin.Main" and "-Xmx128m" in run
    folder = {
        "a/A.java": b"package com.acme;\npublic class A { static int x; }",
        "B.java": b"package com.acme.app;\npublic class B { public static void main(String[] args) {} }",
    }
    assert java.prepare(files=folder).run[-1] == "com.acme.app.B"
    with pytest.raises(SubmissionError, match="no class with a main method"):
        java.prepare(files={"A.java": b"class A {}"})
    two = {
        "A.java": b"class A { public static void main(String[] a) {} }",
        "B.java": b"class B { public static void main(String[] a) {} }",
    }
    with pytest.raises(SubmissionError, match="several"):
        java.prepare(files=two)
    assert (
        java.prepare(files={**two, "Main.java": b"class Main { public static void main(String[] a) {} }"}).run[-1]
        == "Main"
    )


def test_kotlin_entry_class():
    kotlin = get_language("kotlin")
    assert kotlin.prepare("fun main() {}").run[-1] == "MainKt"
    assert (
        kotlin.prepare(files={"solve.kt": b"package x.y\nfun main() {}", "util.kt": b"fun f() = 1"}).run[-1]
        == "x.y.SolveKt"
    )
    assert kotlin.prepare(files={"App.kt": b"object App { @JvmStatic fun main(a: Array<String>) {} }"}).run[-1] == "App"


def test_typescript_compiles_to_javascript_with_node_globals_declared():
    program = get_language("typescript").prepare("console.log(1)")
    assert "node-globals.d.ts" in program.files and program.run[-1] == "out/main.js"
    assert "--noEmitOnError" in program.compile
