// Randomised grid like the reference, but the squared distance is kept in a 32-bit int.
#include <cstdio>
#include <vector>
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <random>
#include <array>
using namespace std;

int main() {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    vector<array<int, 3>> p(n);
    for (auto& q : p) scanf("%d %d %d", &q[0], &q[1], &q[2]);
    mt19937 rng(7);
    shuffle(p.begin(), p.end(), rng);
    auto dist = [&](int i, int j) {
        int dx = p[i][0] - p[j][0], dy = p[i][1] - p[j][1], dz = p[i][2] - p[j][2];
        return dx * dx + dy * dy + dz * dz;  // overflows for far-apart points
    };
    int best = dist(0, 1);
    auto cellkey = [&](int i, long long s, int ox, int oy, int oz) {
        long long cx = (long long)floor((double)p[i][0] / s) + ox + (1 << 21);
        long long cy = (long long)floor((double)p[i][1] / s) + oy + (1 << 21);
        long long cz = (long long)floor((double)p[i][2] / s) + oz + (1 << 21);
        return (cx << 44) | (cy << 22) | cz;
    };
    long long side = (long long)sqrt((double)max(best, 0)) + 1;
    unordered_map<long long, vector<int>> grid;
    auto rebuild = [&](int count) {
        grid.clear();
        for (int i = 0; i < count; i++) grid[cellkey(i, side, 0, 0, 0)].push_back(i);
    };
    rebuild(2);
    for (int i = 2; i < n && best > 0; i++) {
        bool improved = false;
        for (int ox = -1; ox <= 1; ox++)
            for (int oy = -1; oy <= 1; oy++)
                for (int oz = -1; oz <= 1; oz++) {
                    auto it = grid.find(cellkey(i, side, ox, oy, oz));
                    if (it == grid.end()) continue;
                    for (int j : it->second) {
                        int d = dist(i, j);
                        if (d < best) { best = d; improved = true; }
                    }
                }
        if (improved) {
            side = (long long)sqrt((double)max(best, 0)) + 1;
            rebuild(i + 1);
        } else {
            grid[cellkey(i, side, 0, 0, 0)].push_back(i);
        }
    }
    printf("%d\n", best);
    return 0;
}
