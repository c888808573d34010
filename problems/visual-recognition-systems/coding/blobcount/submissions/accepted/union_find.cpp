#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

static std::vector<int> parent;

static int find(int x) {
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

int main() {
    int h, w;
    if (std::scanf("%d %d", &h, &w) != 2) return 1;
    std::vector<std::string> rows(h);
    static char buf[512];
    for (int i = 0; i < h; ++i) {
        if (std::scanf("%511s", buf) != 1) return 1;
        rows[i] = buf;
    }
    parent.resize(static_cast<size_t>(h) * w);
    std::iota(parent.begin(), parent.end(), 0);
    long long ones = 0, merges = 0;
    for (int i = 0; i < h; ++i)
        for (int j = 0; j < w; ++j) {
            if (rows[i][j] != '1') continue;
            ++ones;
            int id = i * w + j;
            if (j > 0 && rows[i][j - 1] == '1') {
                int a = find(id), b = find(id - 1);
                if (a != b) { parent[a] = b; ++merges; }
            }
            if (i > 0 && rows[i - 1][j] == '1') {
                int a = find(id), b = find(id - w);
                if (a != b) { parent[a] = b; ++merges; }
            }
        }
    std::printf("%lld\n", ones - merges);
    return 0;
}
