def test_c(judge_three):
    judge_three(
        "c",
        '#include <stdio.h>\nint main(void){long long a,b;scanf("%lld %lld",&a,&b);printf("%lld\\n",a+b);}\n',
        '#include <stdio.h>\nint main(void){puts("0");}\n',
        "int main(void) { return }\n",
    )
