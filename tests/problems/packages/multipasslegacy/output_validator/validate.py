# Multi-pass checker: each pass the program reads x and must print x + 1; the next pass gets x + 1, three in all.
import os
import sys

input_file, _answer_file, feedback = sys.argv[1:4]
with open(input_file) as f:
    x = int(f.read())
state = os.path.join(feedback, "pass")
done = 0
if os.path.exists(state):
    with open(state) as f:
        done = int(f.read())
with open(state, "w") as f:
    f.write(str(done + 1))
if os.path.exists(os.path.join(feedback, "start")):
    with open(os.path.join(feedback, "start")) as f:
        x = int(f.read()) + done
else:
    with open(os.path.join(feedback, "start"), "w") as f:
        f.write(str(x))
try:
    got = int(sys.stdin.read().strip())
except ValueError:
    sys.exit(43)
if got != x + 1:
    with open(os.path.join(feedback, "judgemessage.txt"), "a") as f:
        f.write(f"pass {done + 1}: expected {x + 1}, got {got}\n")
    sys.exit(43)
if done + 1 < 3:
    with open(os.path.join(feedback, "nextpass.in"), "w") as f:
        f.write(f"{got}\n")
sys.exit(42)
