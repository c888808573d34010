"""PyPy 3: a faster Python 3 implementation (Python 3.9 language level)."""

from .base import Language, file_entry

LANGUAGE = Language(
    id="pypy",
    name="PyPy 3",
    aliases=("pypy3",),
    extensions=(".py", ".py3"),
    detect=False,
    source_name="main.py",
    find_entry=file_entry("main.py", "__main__.py"),
    entry_rule="`main.py` (the package format's default), else `__main__.py`, else the first `.py` file",
    version=("pypy3", "--version"),
    packages=("pypy3",),
    compile=("pypy3", "-c", "import sys\nfor f in sys.argv[1:]: compile(open(f, 'rb').read(), f, 'exec')", "{sources}"),
    compile_is_check=True,
    run=("pypy3", "-B", "{entry}"),
    oom_markers=("MemoryError",),
    codemirror="python",
    pygments="python3",
    template="import sys\n\n\ndef main():\n    data = sys.stdin.read().split()\n    # solve here\n    print(len(data))\n\n\nmain()\n",
)
