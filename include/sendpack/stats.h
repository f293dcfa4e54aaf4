/* stats.h: small pure statistical functions used by the figures table. */
#ifndef SENDPACK_STATS_H
#define SENDPACK_STATS_H

/* Wilson score interval for k successes in n trials at normal quantile z.
 * n == 0 gives [0, 0]. */
void sp_wilson(double k, double n, double z, double *low, double *high);

/* Median of n values (sorted copy); 0 when n == 0. */
double sp_median(const double *v, int n);

#endif
