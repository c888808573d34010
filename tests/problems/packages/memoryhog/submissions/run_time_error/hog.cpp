#include <cstdio>
#include <vector>
int main() {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    std::vector<char> block(400u << 20, 1);   // 400 MiB, touched
    printf("%lld\n", a + b + block[12345] - 1);
}
