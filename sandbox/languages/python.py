"""Python 3 (CPython)."""

from .base import Language, file_entry

LANGUAGE = Language(
    id="python",
    name="Python 3",
    kattis="python3",
    aliases=("py3", "python3"),
    extensions=(".py", ".py3"),
    source_name="main.py",
    find_entry=file_entry("main.py", "__main__.py"),
    entry_rule="`main.py` (the package format's default), else `__main__.py`, else the first `.py` file",
    version=("python3", "--version"),
    packages=("python3",),
    # py_compile turns syntax errors into a compile error instead of a run-time error on every test.
    compile=("python3", "-m", "py_compile", "{sources}"),
    compile_is_check=True,
    run=("python3", "-B", "{entry}"),
    oom_markers=("MemoryError",),
    codemirror="python",
    pygments="python3",
    template="import sys\n\n\ndef main():\n    data = sys.stdin.read().split()\n    # solve here\n    print(len(data))\n\n\nmain()\n",
)
