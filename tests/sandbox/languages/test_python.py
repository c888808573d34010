def test_python(judge_three):
    judge_three(
        "python",
        "a, b = map(int, input().split())\nprint(a + b)\n",
        "a, b = map(int, input().split())\nprint(a - b)\n",
        "def broken(:\n    pass\n",
    )
