"""Ruby."""

from .base import Language, single_entry

LANGUAGE = Language(
    id="ruby",
    name="Ruby",
    kattis="ruby",
    aliases=("rb",),
    extensions=(".rb",),
    source_name="main.rb",
    find_entry=single_entry("main.rb"),
    entry_rule="`main.rb`, or the only `.rb` file",
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
