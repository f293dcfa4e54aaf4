/* charts_bench.c: time sp_charts_write (every available chart as PNG, SVG,
 * PDF, alt text and CSV) in one process, after loading once, and print the
 * median wall and CPU time over N runs, then the median per chart.
 *
 * Built by bench/charts.sh only (never by CMake or the tests): it measures
 * and never asserts a time.
 *
 *   charts_bench INSPECTIONS.csv|DATA_DIR RUNS OUT_DIR */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib.h>

#include "sendpack/chart.h"
#include "sendpack/figures.h"
#include "sendpack/load.h"

static double clock_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double now_ms(void) { return clock_ms(CLOCK_MONOTONIC); }
/* CPU time of this process: less disturbed than wall time by other jobs */
static double cpu_ms(void) { return clock_ms(CLOCK_PROCESS_CPUTIME_ID); }

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s INSPECTIONS.csv|DATA_DIR RUNS OUT_DIR\n", argv[0]);
        return 2;
    }
    int runs = atoi(argv[2]);
    if (runs < 1)
        runs = 1;
    sp_diags d = {0};
    sp_dataset *ds;
    if (g_file_test(argv[1], G_FILE_TEST_IS_DIR)) {
        sp_inputs in = {0};
        sp_inputs_from_dir(&in, argv[1], &d);
        ds = sp_load(&in, &d);
        sp_inputs_clear(&in);
    } else {
        ds = sp_dataset_new();
        sp_load_inspections(ds, argv[1], &d);
    }
    if (sp_diags_count(&d, SP_DIAG_ERROR)) {
        fprintf(stderr, "%s did not load\n", argv[1]);
        return 1;
    }
    sp_figures *figs = sp_figures_compute(ds, 0, 0);
    sp_settings st;
    sp_settings_init(&st);
    sp_context ctx = {.figs = figs, .view = figs->view, .settings = &st};
    size_t n_charts = sp_chart_count(), avail = 0;
    for (size_t i = 0; i < n_charts; i++)
        avail += sp_chart_available(&ctx, sp_chart_id(i));

    sp_charts_write(&ctx, argv[3], &d); /* warm-up: fonts, caches */
    double *all = g_new(double, runs), *cpu = g_new(double, runs);
    double *per = g_new0(double, (size_t)runs * n_charts);
    for (int r = 0; r < runs; r++) {
        double t0 = now_ms(), c0 = cpu_ms();
        int rc = sp_charts_write(&ctx, argv[3], &d);
        all[r] = now_ms() - t0;
        cpu[r] = cpu_ms() - c0;
        if (rc) {
            fprintf(stderr, "sp_charts_write failed\n");
            return 1;
        }
    }
    for (int r = 0; r < runs; r++)
        for (size_t i = 0; i < n_charts; i++) {
            if (!sp_chart_available(&ctx, sp_chart_id(i)))
                continue;
            double t0 = now_ms();
            sp_chart_write(&ctx, argv[3], sp_chart_id(i), &d);
            per[i * (size_t)runs + (size_t)r] = now_ms() - t0;
        }
    double lo = all[0], hi = all[0];
    for (int r = 0; r < runs; r++) {
        lo = all[r] < lo ? all[r] : lo;
        hi = all[r] > hi ? all[r] : hi;
    }
    printf("all %zu charts x (png svg pdf txt csv): median %.1f ms wall (min %.1f, max %.1f), "
           "%.1f ms CPU; %d runs\n", avail, median(all, runs), lo, hi, median(cpu, runs), runs);
    for (size_t i = 0; i < n_charts; i++)
        if (sp_chart_available(&ctx, sp_chart_id(i)))
            printf("  %-20s %6.1f ms\n", sp_chart_id(i), median(per + i * (size_t)runs, runs));
    g_free(all);
    g_free(cpu);
    g_free(per);
    sp_settings_clear(&st);
    sp_figures_free(figs);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    return 0;
}
