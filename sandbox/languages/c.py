from .base import Language

LANGUAGE = Language(
    id="c",
    name="C (gcc, C17)",
    extensions=(".c",),
    source_name="main.c",
    compile_argv=("gcc", "-O2", "-std=gnu17", "-pipe", "-o", "main", "{src}", "-lm"),
    run_argv=("./main",),
    pygments_lexer="c",
    codemirror_mode="c",
    template='#include <stdio.h>\n\nint main(void) {\n    long long a, b;\n    if (scanf("%lld %lld", &a, &b) != 2) return 0;\n    printf("%lld\\n", a + b);\n    return 0;\n}\n',
)
