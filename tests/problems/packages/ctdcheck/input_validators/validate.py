import re
import sys

data = sys.stdin.read()
if not re.fullmatch(r"-?\d{1,9} -?\d{1,9}\n", data):
    sys.exit(43)
sys.exit(42)
