"""Java 17 (OpenJDK): a single file is named after its public class; the class with main() runs, with its package."""

from ._jvm import java_entry, java_main_class
from .base import Language

LANGUAGE = Language(
    id="java",
    name="Java 17",
    kattis="java",
    extensions=(".java",),
    source_name="Main.java",
    name_file=lambda source: f"{java_main_class(source)}.java",
    find_entry=java_entry,
    entry_rule="the class with `main` (also inside a named package); the one named Main when several have one",
    version=("javac", "-version"),
    packages=("openjdk-17-jdk-headless",),
    compile=(
        "javac",
        "-J-Xmx768m",
        "-J-XX:+UseSerialGC",
        "-J-XX:-UsePerfData",
        "-J-Xshare:auto",
        "-encoding",
        "UTF-8",
        "-d",
        ".",
        "{sources}",
    ),
    compile_memory_mb=1024,
    run=(
        "java",
        "-Xmx{memory_mb}m",
        "-Xss64m",
        "-XX:+UseSerialGC",
        "-XX:-UsePerfData",
        "-Xshare:auto",
        "-XX:TieredStopAtLevel=4",
        "-cp",
        ".",
        "{entry}",
    ),
    threads=48,
    oom_markers=("java.lang.OutOfMemoryError",),
    codemirror="java",
    pygments="java",
    template=(
        "import java.io.*;\nimport java.util.*;\n\npublic class Main {\n"
        "    public static void main(String[] args) throws IOException {\n"
        "        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));\n"
        "        StringTokenizer st = new StringTokenizer(in.readLine());\n"
        "        long a = Long.parseLong(st.nextToken()), b = Long.parseLong(st.nextToken());\n"
        "        System.out.println(a + b);\n    }\n}\n"
    ),
)
