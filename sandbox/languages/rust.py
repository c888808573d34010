"""Rust (rustc, edition 2021): the crate root is main.rs; other files are modules it declares."""

from .base import Language, file_entry

LANGUAGE = Language(
    id="rust",
    name="Rust",
    kattis="rust",
    extensions=(".rs",),
    source_name="main.rs",
    find_entry=file_entry("main.rs"),
    entry_rule="`main.rs` (the crate root; other files are its modules), else the first `.rs` file",
    version=("rustc", "--version"),
    packages=("rustc",),
    compile=("rustc", "-O", "--edition", "2021", "-o", "main", "{entry}"),
    compile_memory_mb=1024,
    run=("./main",),
    codemirror="rust",
    pygments="rust",
    template=(
        "use std::io::{self, Read};\n\nfn main() {\n    let mut s = String::new();\n"
        "    io::stdin().read_to_string(&mut s).unwrap();\n"
        "    let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();\n"
        '    println!("{}", v[0] + v[1]);\n}\n'
    ),
)
