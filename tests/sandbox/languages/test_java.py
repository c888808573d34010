JAVA = """import java.util.*;
public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long a = in.nextLong(), b = in.nextLong();
        System.out.println(a + b);
    }
}
"""


def test_java(judge_three):
    judge_three("java", JAVA, JAVA.replace("a + b", "a * b"), JAVA.replace("long a", 'int z = "s"; long a'))


def test_java_file_with_a_package_line_runs(judge_three):
    """What an IDE writes: a package line and a non-public class (DOMjudge's test-package.java)."""
    packaged = "package bin;\n\n" + JAVA.replace("public class Main", "class Main")
    judge_three("java", packaged, packaged.replace("a + b", "a - b"), packaged.replace(";\n\nimport", "\nimport"))
