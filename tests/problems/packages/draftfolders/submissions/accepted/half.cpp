#include <cstdio>
int main() { long long n; scanf("%lld", &n); printf("%.3f\n", n / 2.0); }
