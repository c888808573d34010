import re
import sys

data = sys.stdin.read()
m = re.fullmatch(r"([1-9][0-9]{0,2})\n((?:-?\d{1,9} )*-?\d{1,9})\n", data)
sys.exit(42 if m and int(m.group(1)) == len(m.group(2).split()) <= 100 else 43)
