from .base import Language

LANGUAGE = Language(
    id="cpp",
    name="C++17 (g++)",
    extensions=(".cpp", ".cc", ".cxx", ".c++"),
    source_name="main.cpp",
    compile_argv=("g++", "-O2", "-std=gnu++17", "-pipe", "-o", "main", "{src}"),
    run_argv=("./main",),
    pygments_lexer="cpp",
    codemirror_mode="cpp",
    template="#include <bits/stdc++.h>\nusing namespace std;\n\nint main() {\n    ios::sync_with_stdio(false);\n    cin.tie(nullptr);\n    long long a, b;\n    if (!(cin >> a >> b)) return 0;\n    cout << a + b << '\\n';\n    return 0;\n}\n",
)
