"""PHP (command line)."""

from .base import Language, file_entry

LANGUAGE = Language(
    id="php",
    name="PHP",
    kattis="php",
    extensions=(".php",),
    source_name="main.php",
    find_entry=file_entry("main.php"),
    entry_rule="`main.php`, else the first `.php` file",
    version=("php", "--version"),
    packages=("php-cli",),
    compile=("php", "-l", "{entry}"),
    compile_is_check=True,
    run=("php", "-d", "memory_limit=-1", "{entry}"),
    oom_markers=("Allowed memory size of",),
    codemirror="php",
    pygments="php",
    template="<?php\n[$a, $b] = array_map('intval', preg_split('/\\s+/', trim(stream_get_contents(STDIN))));\necho $a + $b, \"\\n\";\n",
)
