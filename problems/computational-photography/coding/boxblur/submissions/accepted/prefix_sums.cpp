#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

int main() {
    int h, w, r;
    if (std::scanf("%d %d %d", &h, &w, &r) != 3) return 1;
    std::vector<std::vector<long long>> prefix(h + 1, std::vector<long long>(w + 1, 0));
    for (int i = 0; i < h; ++i) {
        long long run = 0;
        for (int j = 0; j < w; ++j) {
            int p;
            if (std::scanf("%d", &p) != 1) return 1;
            run += p;
            prefix[i + 1][j + 1] = prefix[i][j + 1] + run;
        }
    }
    std::string out;
    out.reserve(static_cast<size_t>(h) * w * 4 + 16);
    char buf[16];
    for (int i = 0; i < h; ++i) {
        int r0 = std::max(0, i - r), r1 = std::min(h, i + r + 1);
        for (int j = 0; j < w; ++j) {
            int c0 = std::max(0, j - r), c1 = std::min(w, j + r + 1);
            long long sum = prefix[r1][c1] - prefix[r0][c1] - prefix[r1][c0] + prefix[r0][c0];
            long long count = static_cast<long long>(r1 - r0) * (c1 - c0);
            int len = std::snprintf(buf, sizeof buf, "%lld", sum / count);
            if (j) out.push_back(' ');
            out.append(buf, len);
        }
        out.push_back('\n');
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}
