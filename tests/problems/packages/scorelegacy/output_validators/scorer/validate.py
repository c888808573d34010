# 10 points for the exact sum, 4 for one off; anything else is a wrong answer.
import sys

_input, answer_file, feedback = sys.argv[1:4]
with open(answer_file) as f:
    expected = int(f.read())
try:
    got = int(sys.stdin.read().strip())
except ValueError:
    sys.exit(43)
if abs(got - expected) > 1:
    sys.exit(43)
with open(feedback + "score.txt", "w") as out:
    out.write("10\n" if got == expected else "4\n")
sys.exit(42)
