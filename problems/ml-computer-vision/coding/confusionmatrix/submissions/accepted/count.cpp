#include <cstdio>
#include <vector>

int main() {
    int n, c;
    if (std::scanf("%d %d", &n, &c) != 2) return 1;
    std::vector<int> truth(n);
    for (int k = 0; k < n; ++k)
        if (std::scanf("%d", &truth[k]) != 1) return 1;
    std::vector<std::vector<long long>> m(c, std::vector<long long>(c, 0));
    for (int k = 0; k < n; ++k) {
        int p;
        if (std::scanf("%d", &p) != 1) return 1;
        ++m[truth[k]][p];
    }
    for (int i = 0; i < c; ++i)
        for (int j = 0; j < c; ++j) std::printf("%lld%c", m[i][j], j + 1 == c ? '\n' : ' ');
    for (int i = 0; i < c; ++i) {
        long long col = 0, row = 0;
        for (int k = 0; k < c; ++k) {
            col += m[k][i];
            row += m[i][k];
        }
        double precision = col ? double(m[i][i]) / col : 0.0;
        double recall = row ? double(m[i][i]) / row : 0.0;
        std::printf("%.6f %.6f\n", precision, recall);
    }
    return 0;
}
