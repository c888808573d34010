"""Go: every .go file of a folder is built into one program."""

from .base import Language

LANGUAGE = Language(
    id="go",
    name="Go",
    kattis="go",
    aliases=("golang",),
    extensions=(".go",),
    source_name="main.go",
    entry_rule="every `.go` file is built into one program (package main)",
    version=("go", "version"),
    packages=("golang-go",),
    compile=("go", "build", "-o", "main", "{sources}"),
    compile_env=(
        ("GOCACHE", "/tmp/go-cache"),
        ("GOPATH", "/tmp/go"),
        ("GO111MODULE", "off"),
        ("CGO_ENABLED", "0"),
        ("GOFLAGS", "-buildvcs=false"),
    ),
    compile_memory_mb=1024,
    run=("./main",),
    run_env=(("GOMAXPROCS", "1"),),
    threads=16,
    codemirror="go",
    pygments="go",
    template=(
        'package main\n\nimport (\n\t"bufio"\n\t"fmt"\n\t"os"\n)\n\nfunc main() {\n'
        "\tin := bufio.NewReader(os.Stdin)\n\tvar a, b int64\n\tfmt.Fscan(in, &a, &b)\n\tfmt.Println(a + b)\n}\n"
    ),
)
