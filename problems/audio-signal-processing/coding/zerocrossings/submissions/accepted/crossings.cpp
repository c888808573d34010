#include <cstdio>
#include <vector>
#include <algorithm>
#include <string>
using namespace std;

int main() {
    int n, q;
    if (scanf("%d %d", &n, &q) != 2) return 0;
    vector<long long> a(n);
    for (auto& v : a) scanf("%lld", &v);
    vector<int> cross;  // 1-based positions i with a_i * a_{i+1} < 0
    for (int i = 0; i + 1 < n; i++)
        if (a[i] * a[i + 1] < 0) cross.push_back(i + 1);
    int k = cross.size();
    int g = max(k - 1, 0);
    vector<vector<int>> table(1, vector<int>(g));
    for (int j = 0; j < g; j++) table[0][j] = cross[j + 1] - cross[j];
    for (int span = 1; 2 * span <= g; span *= 2) {
        const vector<int>& prev = table.back();
        vector<int> next(prev.size() - span);
        for (size_t j = 0; j < next.size(); j++) next[j] = max(prev[j], prev[j + span]);
        table.push_back(move(next));
    }
    string out;
    out.reserve((size_t)q * 12);
    char buf[32];
    for (int t = 0; t < q; t++) {
        int l, r;
        scanf("%d %d", &l, &r);
        int lo = lower_bound(cross.begin(), cross.end(), l) - cross.begin();
        int hi = int(lower_bound(cross.begin(), cross.end(), r) - cross.begin()) - 1;
        int count = 0, best;
        if (lo > hi) {
            best = r - l + 1;
        } else {
            count = hi - lo + 1;
            best = max(cross[lo] - l + 1, r - cross[hi]);
            if (hi > lo) {
                int len = hi - lo;
                int level = 31 - __builtin_clz(len);
                best = max(best, max(table[level][lo], table[level][hi - (1 << level)]));
            }
        }
        snprintf(buf, sizeof buf, "%d %d\n", count, best);
        out += buf;
    }
    fputs(out.c_str(), stdout);
    return 0;
}
