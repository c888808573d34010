#include <cstdio>
#include <vector>
#include <algorithm>
#include <cmath>
using namespace std;

int main() {
    int n, w;
    if (scanf("%d %d", &n, &w) != 2) return 0;
    vector<long long> sq(n);
    for (int i = 0; i < n; i++) {
        long long v;
        scanf("%lld", &v);
        sq[i] = v * v;
    }
    long long window = 0;
    for (int i = 0; i < w; i++) window += sq[i];
    long long best = window;
    int best_start = 0;
    for (int s = 1; s + w <= n; s++) {
        window += sq[s + w - 1] - sq[s - 1];
        if (window > best) { best = window; best_start = s; }
    }
    printf("%.6f %d\n", sqrt((double)best / w), best_start + 1);
    return 0;
}
