import re
import sys

data = sys.stdin.read()
ok = re.fullmatch(r"[1-9][0-9]{0,2}\n", data) and 1 <= int(data) <= 100
sys.exit(42 if ok else 43)
