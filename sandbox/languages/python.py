from .base import Language

LANGUAGE = Language(
    id="python",
    name="Python 3",
    extensions=(".py",),
    source_name="main.py",
    # py_compile turns syntax errors into a compile error instead of a run-time error on every test.
    compile_argv=("python3", "-m", "py_compile", "{src}"),
    run_argv=("python3", "-B", "{src}"),
    pygments_lexer="python3",
    codemirror_mode="python",
    template="import sys\n\n\ndef main():\n    data = sys.stdin.read().split()\n    # solve here\n    print(len(data))\n\n\nmain()\n",
    oom_markers=("MemoryError",),
)
