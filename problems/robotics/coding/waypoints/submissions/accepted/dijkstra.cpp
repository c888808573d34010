#include <cstdio>
#include <vector>
#include <algorithm>
#include <climits>
#include <queue>
#include <functional>
#include <utility>
using namespace std;

int main() {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 0;
    vector<int> head(n + 1, -1), nxt(m), to(m);
    vector<long long> wt(m);
    for (int j = 0; j < m; j++) {
        int u, v;
        long long w;
        scanf("%d %d %lld", &u, &v, &w);
        to[j] = v; wt[j] = w; nxt[j] = head[u]; head[u] = j;
    }
    const long long INF = LLONG_MAX;
    vector<long long> dist(n + 1, INF);
    priority_queue<pair<long long, int>, vector<pair<long long, int>>, greater<>> pq;
    dist[1] = 0;
    pq.push({0, 1});
    while (!pq.empty()) {
        auto [d, u] = pq.top();
        pq.pop();
        if (d > dist[u]) continue;
        if (u == n) break;
        for (int e = head[u]; e != -1; e = nxt[e]) {
            long long nd = d + wt[e];
            if (nd < dist[to[e]]) { dist[to[e]] = nd; pq.push({nd, to[e]}); }
        }
    }
    printf("%lld\n", dist[n] == INF ? -1LL : dist[n]);
    return 0;
}
