def test_ruby(judge_three):
    judge_three("ruby", "a, b = STDIN.read.split.map(&:to_i)\nputs a + b\n", "puts 0\n", "def broken(\n  1\n")
