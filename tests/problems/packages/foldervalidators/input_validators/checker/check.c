#include <stdio.h>
int main(void) {
    long a, b; char end;
    if (scanf("%ld %ld%c", &a, &b, &end) != 3 || end != '\n') return 43;
    if (getchar() != EOF) return 43;
    return (a > -1000000000L && a < 1000000000L && b > -1000000000L && b < 1000000000L) ? 42 : 43;
}
