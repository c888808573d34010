#include <cstdio>
static double read_number(const char *path) {
    double value = 0;
    FILE *f = fopen(path, "r");
    if (!f || fscanf(f, "%lf", &value) != 1) exit(1);
    fclose(f);
    return value;
}
