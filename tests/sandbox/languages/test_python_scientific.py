def test_python_with_numpy_and_scipy(judge_three):
    accepted = (
        "import sys\nimport numpy as np\nfrom scipy import special\n"
        "v = np.array(sys.stdin.read().split(), dtype=np.int64)\nprint(int(v.sum() * special.gamma(1.0)))\n"
    )
    judge_three(
        "python-scipy", accepted, "import numpy as np\nprint(np.int64(7))\n", "import numpy as np\nprint(np.(\n"
    )
