RUST = (
    "use std::io::Read;\nfn main() {\n    let mut s = String::new();\n"
    "    std::io::stdin().read_to_string(&mut s).unwrap();\n"
    "    let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();\n"
    '    println!("{}", v[0] + v[1]);\n}\n'
)


def test_rust(judge_three):
    judge_three("rust", RUST, RUST.replace("v[0] + v[1]", "v[0] - v[1]"), RUST.replace("let mut s", "let s: u8"))
