"""Python 3 with NumPy and SciPy: the same interpreter as Python 3, for problems whose statement allows the libraries."""

from .base import Language, file_entry

LANGUAGE = Language(
    id="python-scipy",
    name="Python 3 (NumPy, SciPy)",
    kattis="python3numpy",
    aliases=("numpy", "scipy"),
    extensions=(".py", ".py3"),
    detect=False,
    source_name="main.py",
    find_entry=file_entry("main.py", "__main__.py"),
    entry_rule="`main.py` (the package format's default), else `__main__.py`, else the first `.py` file",
    version=(
        "python3",
        "-c",
        (
            "import sys, numpy, scipy; print(f'Python {sys.version.split()[0]}, "
            "numpy {numpy.__version__}, scipy {scipy.__version__}')"
        ),
    ),
    packages=("python3", "python3-numpy", "python3-scipy"),
    libraries=("numpy", "scipy"),
    compile=("python3", "-m", "py_compile", "{sources}"),
    compile_is_check=True,
    run=("python3", "-B", "{entry}"),
    run_env=(("OPENBLAS_NUM_THREADS", "1"), ("OMP_NUM_THREADS", "1"), ("MKL_NUM_THREADS", "1")),
    oom_markers=("MemoryError", "numpy.core._exceptions._ArrayMemoryError"),
    codemirror="python",
    pygments="python3",
    template=(
        "import sys\nimport numpy as np\n\n\ndef main():\n    data = np.array(sys.stdin.read().split(), dtype=np.int64)\n"
        "    print(int(data.sum()))\n\n\nmain()\n"
    ),
)
