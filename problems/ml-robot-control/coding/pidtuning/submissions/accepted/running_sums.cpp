#include <cstdio>
#include <vector>

int main() {
    int n, m;
    if (std::scanf("%d %d", &n, &m) != 2) return 1;
    double kp, ki, kd, dt, limit, x;
    if (std::scanf("%lf %lf %lf %lf %lf %lf", &kp, &ki, &kd, &dt, &limit, &x) != 6) return 1;
    std::vector<char> has(n + 2, 0);
    std::vector<double> value(n + 2, 0.0);
    for (int j = 0; j < m; ++j) {
        int s;
        double q;
        if (std::scanf("%d %lf", &s, &q) != 2) return 1;
        has[s] = 1;
        value[s] = q;
    }
    double target = 0, error_sum = 0, previous = 0, u = 0;
    for (int t = 1; t <= n; ++t) {
        if (has[t]) target = value[t];
        double e = target - x;
        error_sum += e;
        double derivative = t > 1 ? (e - previous) / dt : 0.0;
        double v = kp * e + ki * (dt * error_sum) + kd * derivative;
        u = v > limit ? limit : (v < -limit ? -limit : v);
        x = x + dt * u;
        previous = e;
    }
    std::printf("%.9f\n%.9f\n", x, u);
    return 0;
}
