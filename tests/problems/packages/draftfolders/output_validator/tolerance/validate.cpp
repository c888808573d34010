#include <cmath>
#include <cstdio>
#include <cstdlib>
#include "read.h"
// validate input answer feedback_dir epsilon < team_output
int main(int argc, char **argv) {
    double eps = argc > 4 ? atof(argv[4]) : 1e-6;
    double expected = read_number(argv[2]);
    double got;
    if (scanf("%lf", &got) != 1) return 43;
    double err = fabs(got - expected);
    return err <= eps || err <= eps * fabs(expected) ? 42 : 43;
}
