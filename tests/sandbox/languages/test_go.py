GO = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfmt.Println(a + b)\n}\n'


def test_go(judge_three):
    judge_three(
        "go", GO, GO.replace("a + b", "a - b"), GO.replace("var a, b int64", "var a, b int64\n\tvar unused int")
    )
