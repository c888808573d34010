"""Kotlin (JVM): compiled by kotlinc into classes; `fun main` in main.kt runs as MainKt."""

from ._jvm import kotlin_entry
from .base import Language

STDLIB = "/usr/share/kotlin/kotlinc/lib/kotlin-stdlib.jar"

LANGUAGE = Language(
    id="kotlin",
    name="Kotlin (JVM)",
    kattis="kotlin",
    extensions=(".kt",),
    source_name="main.kt",
    find_entry=kotlin_entry,
    entry_rule="`<File>Kt` of the file with a top-level `fun main` (MainKt for main.kt), with its package",
    version=("kotlinc", "-version"),
    packages=("kotlin", "openjdk-17-jdk-headless"),
    compile=("kotlinc", "-J-Xmx1024m", "-J-XX:+UseSerialGC", "-J-XX:-UsePerfData", "-nowarn", "-d", ".", "{sources}"),
    compile_memory_mb=1536,
    compile_time_s=60.0,
    run=(
        "java",
        "-Xmx{memory_mb}m",
        "-Xss64m",
        "-XX:+UseSerialGC",
        "-XX:-UsePerfData",
        "-Xshare:auto",
        "-cp",
        f".:{STDLIB}",
        "{entry}",
    ),
    threads=48,
    oom_markers=("java.lang.OutOfMemoryError",),
    codemirror="kotlin",
    pygments="kotlin",
    template=(
        'fun main() {\n    val (a, b) = readLine()!!.trim().split(Regex("\\\\s+")).map { it.toLong() }\n'
        "    println(a + b)\n}\n"
    ),
)
