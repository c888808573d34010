JS = "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n"


def test_javascript(judge_three):
    judge_three("javascript", JS, JS.replace("a + b", "a * b"), "function ( {\n")
