"""Every language of the table has its own test module here (adding a language = its module + its test)."""

from pathlib import Path

from sandbox import languages


def test_every_language_module_has_a_test():
    folder = Path(languages.__file__).parent
    modules = {p.stem for p in folder.glob("*.py") if not p.stem.startswith("_") and p.stem != "base"}
    tests = {p.stem.removeprefix("test_") for p in Path(__file__).parent.glob("test_*.py")}
    assert modules <= tests, f"languages without a test in tests/sandbox/languages/: {sorted(modules - tests)}"
