def test_pypy(judge_three):
    judge_three(
        "pypy",
        "import sys, platform\nassert platform.python_implementation() == 'PyPy'\n"
        "a, b = map(int, sys.stdin.read().split())\nprint(a + b)\n",
        "print(0)\n",
        "print(1\n",
    )
