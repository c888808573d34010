"""The language registry: ids, file names, commands (no Docker needed)."""

from __future__ import annotations

import pytest

from sandbox.languages import LANGUAGES, get_language, language_for_filename
from sandbox.languages.java import main_class


def test_registry_has_the_five_languages():
    assert sorted(LANGUAGES) == ["c", "cpp", "java", "javascript", "python"]
    for language in LANGUAGES.values():
        assert language.name and language.extensions and language.template.strip()
        assert language.pygments_lexer and language.codemirror_language
        assert language.run_command(language.template, 256)


@pytest.mark.parametrize(
    "name, language",
    [
        ("a.py", "python"),
        ("x/Sol.java", "java"),
        ("main.CPP", "cpp"),
        ("m.cc", "cpp"),
        ("m.c", "c"),
        ("s.js", "javascript"),
    ],
)
def test_language_for_filename(name, language):
    assert language_for_filename(name).id == language


def test_unknown():
    assert language_for_filename("a.rb") is None
    with pytest.raises(KeyError):
        get_language("cobol")


def test_compile_commands():
    assert get_language("python").compile_command("print(1)") == ("python3", "-m", "py_compile", "main.py")
    assert "-std=gnu++17" in get_language("cpp").compile_command("")
    assert "-lm" in get_language("c").compile_command("")
    assert get_language("javascript").compile_command("")[:2] == ("node", "--check")
    assert "--max-old-space-size=256" in get_language("javascript").run_command("", 256)


def test_java_class_name_detection():
    assert main_class("public class Main { public static void main(String[] a) {} }") == "Main"
    assert main_class("import java.util.*;\npublic final class Solver {}") == "Solver"
    assert (
        main_class("// public class Fake\nclass Helper {}\nclass Prog { public static void main(String[] a){} }")
        == "Prog"
    )
    assert main_class("/* no classes */") == "Main"
    java = get_language("java")
    assert java.file_name("public class Foo {}") == "Foo.java"
    run = java.run_command("public class Foo {}", 128)
    assert run[-1] == "Foo" and "-Xmx128m" in run and "-XX:+UseSerialGC" in run
