// Randomised incremental grid (Rabin / Khuller-Matias): expected O(n) time for any input.
#include <cstdio>
#include <vector>
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <random>
using namespace std;

struct P { long long x, y, z; };

static long long floordiv(long long a, long long b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

int main() {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    vector<P> p(n);
    for (auto& q : p) scanf("%lld %lld %lld", &q.x, &q.y, &q.z);
    mt19937_64 rng(20220701);
    shuffle(p.begin(), p.end(), rng);
    auto d2 = [&](const P& a, const P& b) {
        long long dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
        return dx * dx + dy * dy + dz * dz;
    };
    long long best = d2(p[0], p[1]);
    long long side = 1;
    const long long BIAS = 1LL << 21;
    auto key = [&](const P& q, int ox, int oy, int oz) {
        long long cx = floordiv(q.x, side) + BIAS + ox, cy = floordiv(q.y, side) + BIAS + oy;
        long long cz = floordiv(q.z, side) + BIAS + oz;
        return (cx << 44) | (cy << 22) | cz;
    };
    unordered_map<long long, vector<int>> grid;
    grid.reserve(2 * n + 16);
    auto rebuild = [&](int count) {
        long long r = (long long)sqrtl((long double)best);  // exact integer square root of best
        while (r * r > best) r--;
        while ((r + 1) * (r + 1) <= best) r++;
        side = r + 1;  // side > sqrt(best): pairs closer than sqrt(best) lie in neighbouring cells
        grid.clear();
        for (int i = 0; i < count; i++) grid[key(p[i], 0, 0, 0)].push_back(i);
    };
    if (best > 0) rebuild(2);
    for (int i = 2; i < n && best > 0; i++) {
        bool improved = false;
        for (int ox = -1; ox <= 1; ox++)
            for (int oy = -1; oy <= 1; oy++)
                for (int oz = -1; oz <= 1; oz++) {
                    auto it = grid.find(key(p[i], ox, oy, oz));
                    if (it == grid.end()) continue;
                    for (int j : it->second) {
                        long long d = d2(p[i], p[j]);
                        if (d < best) { best = d; improved = true; }
                    }
                }
        if (improved) {
            if (best > 0) rebuild(i + 1);
        } else {
            grid[key(p[i], 0, 0, 0)].push_back(i);
        }
    }
    printf("%lld\n", best);
    return 0;
}
