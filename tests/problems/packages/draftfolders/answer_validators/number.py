# Answer validator: `answer.py <test input> < answer`; the answer is one real number, half the input.
import sys

with open(sys.argv[1]) as f:
    n = int(f.read())
try:
    value = float(sys.stdin.read())
except ValueError:
    sys.exit(43)
sys.exit(42 if abs(value - n / 2) < 1e-9 else 43)
