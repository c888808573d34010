#include <cstdio>
#include <functional>
#include <queue>
#include <string>
#include <vector>

int main() {
    int n, k;
    if (std::scanf("%d %d", &n, &k) != 2) return 1;
    std::priority_queue<int, std::vector<int>, std::greater<int>> top;
    std::string out;
    out.reserve(static_cast<size_t>(n) * 6);
    for (int t = 1; t <= n; ++t) {
        int x;
        if (std::scanf("%d", &x) != 1) return 1;
        if (static_cast<int>(top.size()) < k) {
            top.push(x);
        } else if (x > top.top()) {
            top.pop();
            top.push(x);
        }
        if (t >= k) {
            if (t > k) out.push_back(' ');
            out += std::to_string(top.top());
        }
    }
    out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}
