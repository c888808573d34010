// Off by one: also counts the crossing between a_r and a_{r+1}, which lies outside the selection.
#include <cstdio>
#include <vector>
#include <algorithm>
using namespace std;

int main() {
    int n, q;
    if (scanf("%d %d", &n, &q) != 2) return 0;
    vector<long long> a(n);
    for (auto& v : a) scanf("%lld", &v);
    vector<int> pre(n + 1, 0);  // pre[i] = crossings at positions 1..i
    for (int i = 1; i <= n; i++) pre[i] = pre[i - 1] + (i < n && a[i - 1] * a[i] < 0 ? 1 : 0);
    vector<int> runEnd(n + 2);  // last sample of the piece that starts at or contains i
    runEnd[n] = n;
    for (int i = n - 1; i >= 1; i--) runEnd[i] = (a[i - 1] * a[i] < 0) ? i : runEnd[i + 1];
    for (int t = 0; t < q; t++) {
        int l, r;
        scanf("%d %d", &l, &r);
        int count = pre[r] - pre[l - 1];
        int best = 0;
        for (int i = l; i <= r; ) {
            int e = min(runEnd[i], r);
            best = max(best, e - i + 1);
            i = e + 1;
        }
        printf("%d %d\n", count, best);
    }
    return 0;
}
