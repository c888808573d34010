"""C++20 (g++ 12): the same compiler as C++17 with -std=gnu++20."""

from .base import Language

LANGUAGE = Language(
    id="cpp20",
    name="C++20 (g++)",
    aliases=("c++20",),
    extensions=(".cpp", ".cc", ".cxx", ".c++"),
    detect=False,
    also_reads=(".h", ".hpp", ".hh", ".hxx"),
    source_name="main.cpp",
    entry_rule="every C++ file is compiled into one program",
    version=("g++", "--version"),
    packages=("g++", "libc6-dev"),
    compile=("g++", "-O2", "-std=gnu++20", "-pipe", "-o", "main", "{sources}"),
    run=("./main",),
    codemirror="cpp",
    pygments="cpp",
    template=(
        "#include <bits/stdc++.h>\nusing namespace std;\n\nint main() {\n    ios::sync_with_stdio(false);\n"
        "    cin.tie(nullptr);\n    long long a, b;\n    if (!(cin >> a >> b)) return 0;\n"
        "    cout << a + b << '\\n';\n    return 0;\n}\n"
    ),
)
