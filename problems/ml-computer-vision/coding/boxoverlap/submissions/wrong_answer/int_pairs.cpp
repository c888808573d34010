// Bug: counts the overlapping pairs in a 32-bit int, which overflows when most tracks overlap.
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
    int pairs = 0;
    size_t e = 0;
    for (int s : starts) {
        while (ends[e] < s) {
            ++e;
            --active;
        }
        pairs += active;  // every track still visible overlaps the new one
        ++active;
        best = std::max(best, active);
    }
    std::printf("%d %d\n", best, pairs);
    return 0;
}
