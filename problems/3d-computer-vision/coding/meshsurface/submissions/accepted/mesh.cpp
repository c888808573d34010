#include <cstdio>
#include <vector>
#include <algorithm>
#include <cmath>
using namespace std;

int main() {
    int nv, nf;
    if (scanf("%d %d", &nv, &nf) != 2) return 0;
    vector<long long> x(nv), y(nv), z(nv);
    for (int i = 0; i < nv; i++) scanf("%lld %lld %lld", &x[i], &y[i], &z[i]);
    long double area = 0;
    long long six_volume = 0;  // |coords| <= 1e4, so each term <= 3 * 2e4 * 2e4 * 1e4 * 2 and the sum fits
    for (int k = 0; k < nf; k++) {
        int a, b, c;
        scanf("%d %d %d", &a, &b, &c);
        a--; b--; c--;
        long long ux = x[b] - x[a], uy = y[b] - y[a], uz = z[b] - z[a];
        long long vx = x[c] - x[a], vy = y[c] - y[a], vz = z[c] - z[a];
        long long nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
        area += sqrtl((long double)nx * nx + (long double)ny * ny + (long double)nz * nz);
        six_volume += x[a] * nx + y[a] * ny + z[a] * nz;
    }
    printf("%.6Lf %.6Lf\n", area / 2, (long double)six_volume / 6);
    return 0;
}
