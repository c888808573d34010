#include <cstdio>
#include <vector>
#include <algorithm>
#include <string>
using namespace std;

int main() {
    int n, q;
    if (scanf("%d %d", &n, &q) != 2) return 0;
    vector<long long> s(n), t(n);
    for (int i = 0; i < n; i++) scanf("%lld %lld", &s[i], &t[i]);
    vector<int> changes(n, 0);
    for (int i = 1; i < n; i++) changes[i] = changes[i - 1] + (s[i] != s[i - 1] ? 1 : 0);
    string out;
    out.reserve((size_t)q * 7);
    for (int k = 0; k < q; k++) {
        long long a, b;
        scanf("%lld %lld", &a, &b);
        int lo = lower_bound(t.begin(), t.end(), a) - t.begin();
        int hi = int(upper_bound(t.begin(), t.end(), b) - t.begin()) - 1;
        int ans = lo > hi ? 0 : 1 + changes[hi] - changes[lo];
        out += to_string(ans);
        out += '\n';
    }
    fputs(out.c_str(), stdout);
    return 0;
}
