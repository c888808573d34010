PHP = "<?php\n[$a, $b] = array_map('intval', preg_split('/\\s+/', trim(stream_get_contents(STDIN))));\necho $a + $b, \"\\n\";\n"


def test_php(judge_three):
    judge_three("php", PHP, PHP.replace("$a + $b", "$a * $b"), "<?php\necho (;\n")
