def test_cpp17(judge_three):
    judge_three(
        "cpp",
        "#include <iostream>\n#include <optional>\nint main(){long long a,b;std::cin>>a>>b;"
        "std::optional<long long> s=a+b;std::cout<<*s<<'\\n';}\n",
        '#include <cstdio>\nint main(){puts("42");}\n',
        "int main(){ return undefined_thing; }\n",
    )
