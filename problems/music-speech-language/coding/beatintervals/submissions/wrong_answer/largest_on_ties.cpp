// Counts with a map but uses >= when picking the most common value, so ties go to the largest interval.
#include <cstdio>
#include <vector>
#include <algorithm>
#include <map>
using namespace std;

int main() {
    int n;
    long long tol;
    if (scanf("%d %lld", &n, &tol) != 2) return 0;
    vector<long long> t(n);
    for (auto& x : t) scanf("%lld", &x);
    sort(t.begin(), t.end());
    map<long long, int> cnt;
    long long prevq = -1;
    int streak = 0, longest = 0;
    for (int i = 0; i + 1 < n; i++) {
        long long q = (2 * (t[i + 1] - t[i]) + tol) / (2 * tol) * tol;
        cnt[q]++;
        streak = q == prevq ? streak + 1 : 1;
        longest = max(longest, streak);
        prevq = q;
    }
    long long bestValue = 0;
    int bestCount = 0;
    for (auto& [v, c] : cnt)
        if (c >= bestCount) { bestCount = c; bestValue = v; }
    printf("%lld %d %d\n", bestValue, bestCount, longest);
    return 0;
}
