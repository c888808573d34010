#include <algorithm>
#include <cstdio>
#include <vector>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<int> starts(n), ends(n);
    for (int i = 0; i < n; ++i)
        if (std::scanf("%d %d", &starts[i], &ends[i]) != 2) return 1;
    std::sort(starts.begin(), starts.end());
    std::sort(ends.begin(), ends.end());
    int best = 0, active = 0;
    size_t e = 0;
    long long disjoint = 0;
    for (int s : starts) {
        while (ends[e] < s) {
            ++e;
            --active;
        }
        ++active;
        best = std::max(best, active);
        disjoint += static_cast<long long>(e);  // tracks that ended strictly before s
    }
    long long pairs = static_cast<long long>(n) * (n - 1) / 2 - disjoint;
    std::printf("%d %lld\n", best, pairs);
    return 0;
}
