TS = (
    "const data: number[] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\n"
    "const total: number = data[0] + data[1];\nconsole.log(total);\n"
)


def test_typescript(judge_three):
    # A type error is a compile error (tsc --noEmitOnError), not just a syntax error.
    judge_three(
        "typescript",
        TS,
        TS.replace("data[0] + data[1]", "data[0] * data[1]"),
        TS.replace("const total: number = data[0] + data[1]", "const total: number = 'text'"),
    )
