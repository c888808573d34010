"""TypeScript: type-checked and compiled to JavaScript by tsc, run by Node.js. A small declaration file gives the
Node.js globals (require, process, console) a type, since the image has no @types/node."""

from .base import Language, file_entry

NODE_GLOBALS = """declare function require(name: string): any;
declare const process: any;
declare const module: any;
declare const Buffer: any;
declare const __dirname: string;
declare const console: { log(...items: any[]): void; error(...items: any[]): void; };
"""

LANGUAGE = Language(
    id="typescript",
    name="TypeScript",
    kattis="typescript",
    aliases=("ts",),
    extensions=(".ts",),
    source_name="main.ts",
    find_entry=file_entry("main.ts"),
    entry_rule="`main.ts`, else the first `.ts` file",
    support_files=(("node-globals.d.ts", NODE_GLOBALS),),
    version=("tsc", "--version"),
    packages=("node-typescript", "nodejs"),
    compile=(
        "tsc",
        "--outDir",
        "out",
        "--noEmitOnError",
        "--strict",
        "false",
        "--target",
        "es2020",
        "--module",
        "commonjs",
        "--lib",
        "es2020",
        "--skipLibCheck",
        "{sources}",
        "node-globals.d.ts",
    ),
    compile_memory_mb=1024,
    run=("node", "--max-old-space-size={memory_mb}", "--stack-size=65500", "out/{entry_stem}.js"),
    threads=16,
    oom_markers=("JavaScript heap out of memory", "Allocation failed - process out of memory"),
    codemirror="typescript",
    pygments="typescript",
    template=(
        "const data: number[] = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean).map(Number);\n"
        "const [a, b] = data;\nconsole.log(String(a + b));\n"
    ),
)
