#include <cmath>
#include <cstdio>
#include <vector>

int main() {
    int n;
    double gamma;
    if (std::scanf("%d %lf", &n, &gamma) != 2) return 1;
    std::vector<long long> hist(256, 0);
    for (int i = 0; i < n; ++i) {
        int a;
        if (std::scanf("%d", &a) != 1) return 1;
        ++hist[a];
    }
    int darkest = 0;
    while (hist[darkest] == 0) ++darkest;
    long long cmin = hist[darkest];
    std::vector<double> curve(256, 0.0);
    if (cmin == n) {
        for (int v = 0; v < 256; ++v) curve[v] = v;
    } else {
        long long running = 0;
        for (int v = 0; v < 256; ++v) {
            running += hist[v];
            if (v >= darkest)
                curve[v] = 255.0 * std::pow(double(running - cmin) / double(n - cmin), gamma);
        }
    }
    double total = 0;
    for (int v = 0; v < 256; ++v) total += hist[v] * curve[v];
    for (int v = 0; v < 256; ++v) std::printf("%.9f\n", curve[v]);
    std::printf("%.9f\n", total / n);
    return 0;
}
