/* wilson.c: the Wilson score interval for a binomial proportion, and a median.
 * Chosen over the normal approximation because it stays inside [0, 1] and
 * behaves at small n and at shares near 0 or 1, as regional shares often are. */
#include "sendpack/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void sp_wilson(double k, double n, double z, double *low, double *high)
{
    if (n <= 0) {
        *low = *high = 0;
        return;
    }
    double p = k / n, z2 = z * z;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denom;
    double half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
    *low = fmax(0.0, centre - half);
    *high = fmin(1.0, centre + half);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double sp_median(const double *v, int n)
{
    if (n <= 0)
        return 0;
    double *c = malloc(sizeof *c * (size_t)n);
    if (!c)
        return 0;
    memcpy(c, v, sizeof *c * (size_t)n);
    qsort(c, (size_t)n, sizeof *c, cmp_double);
    double m = n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    free(c);
    return m;
}
