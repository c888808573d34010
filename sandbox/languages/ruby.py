"""Ruby."""

from .base import Language, file_entry

LANGUAGE = Language(
    id="ruby",
    name="Ruby",
    kattis="ruby",
    aliases=("rb",),
    extensions=(".rb",),
    source_name="main.rb",
    find_entry=file_entry("main.rb"),
    entry_rule="`main.rb`, else the first `.rb` file",
    version=("ruby", "--version"),
    packages=("ruby",),
    compile=("ruby", "-c", "{entry}"),
    compile_is_check=True,
    run=("ruby", "{entry}"),
    oom_markers=("failed to allocate memory (NoMemoryError)",),
    codemirror="ruby",
    pygments="ruby",
    template="a, b = STDIN.read.split.map(&:to_i)\nputs a + b\n",
)
