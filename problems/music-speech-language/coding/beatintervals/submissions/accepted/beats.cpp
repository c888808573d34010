#include <cstdio>
#include <vector>
#include <algorithm>
using namespace std;

int main() {
    int n;
    long long tol;
    if (scanf("%d %lld", &n, &tol) != 2) return 0;
    vector<long long> t(n);
    for (auto& x : t) scanf("%lld", &x);
    sort(t.begin(), t.end());
    vector<long long> q(n - 1);
    for (int i = 0; i + 1 < n; i++) q[i] = (2 * (t[i + 1] - t[i]) + tol) / (2 * tol) * tol;
    int longest = 1, streak = 1;
    for (int i = 1; i < n - 1; i++) {
        streak = q[i] == q[i - 1] ? streak + 1 : 1;
        longest = max(longest, streak);
    }
    vector<long long> s = q;
    sort(s.begin(), s.end());
    long long bestValue = 0;
    int bestCount = 0;
    for (size_t i = 0; i < s.size();) {
        size_t j = i;
        while (j < s.size() && s[j] == s[i]) j++;
        if ((int)(j - i) > bestCount) { bestCount = j - i; bestValue = s[i]; }  // strict: keeps the smallest
        i = j;
    }
    printf("%lld %d %d\n", bestValue, bestCount, longest);
    return 0;
}
