// Keeps the window's sum of squares in a 32-bit int: overflows for loud clips with long windows.
#include <cstdio>
#include <vector>
#include <algorithm>
#include <cmath>
using namespace std;

int main() {
    int n, w;
    if (scanf("%d %d", &n, &w) != 2) return 0;
    vector<int> a(n);
    for (int i = 0; i < n; i++) scanf("%d", &a[i]);
    int window = 0;
    for (int i = 0; i < w; i++) window += a[i] * a[i];
    int best = window, best_start = 0;
    for (int s = 1; s + w <= n; s++) {
        window += a[s + w - 1] * a[s + w - 1] - a[s - 1] * a[s - 1];
        if (window > best) { best = window; best_start = s; }
    }
    printf("%.6f %d\n", sqrt((double)best / w), best_start + 1);
    return 0;
}
