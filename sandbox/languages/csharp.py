"""C# (Mono's mcs compiler and runtime): every .cs file of a folder is compiled together."""

from .base import Language

LANGUAGE = Language(
    id="csharp",
    name="C# (Mono)",
    kattis="csharp",
    aliases=("c#", "cs"),
    extensions=(".cs",),
    source_name="main.cs",
    entry_rule="every `.cs` file is compiled into one program (the class with `Main`)",
    version=("mono", "--version"),
    packages=("mono-mcs", "mono-runtime"),
    compile=("mcs", "-optimize+", "-out:main.exe", "{sources}"),
    compile_memory_mb=1024,
    run=("mono", "main.exe"),
    run_env=(("MONO_GC_PARAMS", "nursery-size=8m"),),
    threads=32,
    idle_priority=False,  # Mono prints "unknown policy 5" into the program's output under SCHED_IDLE
    oom_markers=("System.OutOfMemoryException",),
    codemirror="csharp",
    pygments="csharp",
    template=(
        "using System;\n\npublic class Program\n{\n    public static void Main()\n    {\n"
        "        var p = Console.ReadLine().Split(' ', StringSplitOptions.RemoveEmptyEntries);\n"
        "        Console.WriteLine(long.Parse(p[0]) + long.Parse(p[1]));\n    }\n}\n"
    ),
)
