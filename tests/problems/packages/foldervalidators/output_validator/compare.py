# Run through the `run` script, which passes --tokens first: run directly (without its run script), it refuses.
import sys

if sys.argv[1:2] != ["--tokens"]:
    sys.exit("compare.py must be started by the run script")
_input, answer_file, _feedback = sys.argv[2:5]
with open(answer_file) as f:
    expected = f.read().split()
sys.exit(42 if sys.stdin.read().split() == expected else 43)
