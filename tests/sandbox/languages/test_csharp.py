CS = (
    "using System;\npublic class Program {\n    public static void Main() {\n"
    "        var p = Console.ReadLine().Split(' ');\n        Console.WriteLine(long.Parse(p[0]) + long.Parse(p[1]));\n"
    "    }\n}\n"
)


def test_csharp(judge_three):
    judge_three("csharp", CS, CS.replace(") + long", ") * long"), CS.replace("var p", "int p"))
