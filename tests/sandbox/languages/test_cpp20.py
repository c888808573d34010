def test_cpp20(judge_three):
    # std::ranges and designated initializers are C++20: the same program does not compile as C++17.
    accepted = (
        "#include <iostream>\n#include <ranges>\n#include <vector>\nstruct P{long long a,b;};\n"
        "int main(){long long a,b;std::cin>>a>>b;P p{.a=a,.b=b};std::vector<long long> v{p.a,p.b};"
        "long long s=0;for(long long x: v | std::views::all) s+=x;std::cout<<s<<'\\n';}\n"
    )
    judge_three("cpp20", accepted, "int main(){return 0;}\n", "int main(){ concept x = 1; }\n")
