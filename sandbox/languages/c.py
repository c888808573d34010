"""C (gcc, GNU C17): every .c file of a folder is compiled together."""

from .base import Language

LANGUAGE = Language(
    id="c",
    name="C (gcc, C17)",
    kattis="c",
    extensions=(".c",),
    also_reads=(".h",),
    source_name="main.c",
    entry_rule="every `.c` file is compiled into one program",
    version=("gcc", "--version"),
    packages=("gcc", "libc6-dev"),
    compile=("gcc", "-O2", "-std=gnu17", "-pipe", "-o", "main", "{sources}", "-lm"),
    run=("./main",),
    codemirror="c",
    pygments="c",
    template=(
        "#include <stdio.h>\n\nint main(void) {\n    long long a, b;\n"
        '    if (scanf("%lld %lld", &a, &b) != 2) return 0;\n    printf("%lld\\n", a + b);\n    return 0;\n}\n'
    ),
)
