#include <cstdio>
#include <deque>
#include <string>
#include <vector>

int main() {
    int n, k;
    if (std::scanf("%d %d", &n, &k) != 2) return 1;
    std::vector<int> t(n);
    for (int i = 0; i < n; ++i)
        if (std::scanf("%d", &t[i]) != 1) return 1;
    std::deque<int> window;
    std::string out;
    out.reserve(static_cast<size_t>(n) * 7);
    for (int i = 0; i < n; ++i) {
        while (!window.empty() && t[window.back()] <= t[i]) window.pop_back();
        window.push_back(i);
        if (window.front() <= i - k) window.pop_front();
        if (i >= k - 1) {
            if (i > k - 1) out.push_back(' ');
            out += std::to_string(t[window.front()]);
        }
    }
    out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}
