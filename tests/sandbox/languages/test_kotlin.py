KOTLIN = 'fun main() {\n    val (a, b) = readLine()!!.trim().split(" ").map { it.toLong() }\n    println(a + b)\n}\n'


def test_kotlin(judge_three):
    judge_three("kotlin", KOTLIN, KOTLIN.replace("a + b", "a * b"), KOTLIN.replace("val (a, b)", "val (a, b) = 1 +"))
