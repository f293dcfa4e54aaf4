/* workbook_bench.c: time sp_workbook_write in one process, after loading and
 * computing the figures once, and print the median and range over N runs.
 *
 * Built by bench/workbook.sh only (never by CMake or the tests): it measures
 * and never asserts a time.
 *
 *   workbook_bench INSPECTIONS.csv|DATA_DIR RUNS OUT.xlsx */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <glib.h>

#include "sendpack/figures.h"
#include "sendpack/load.h"
#include "sendpack/workbook.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: workbook_bench INSPECTIONS.csv|DATA_DIR RUNS OUT.xlsx\n");
        return 2;
    }
    int runs = atoi(argv[2]);
    sp_inputs in = {0};
    sp_diags d = {0};
    if (g_file_test(argv[1], G_FILE_TEST_IS_DIR)) {
        sp_inputs_from_dir(&in, argv[1], &d);
    } else {
        in.inspections = g_new0(char *, 2);
        in.inspections[0] = g_strdup(argv[1]);
        in.n_inspections = 1;
    }
    sp_dataset *ds = sp_load(&in, &d);
    sp_figures *figs = sp_figures_compute(ds, 0, 0);
    sp_settings s;
    sp_settings_init(&s);
    sp_context ctx = {.figs = figs, .view = figs->view, .settings = &s};
    double *t = g_new(double, runs > 0 ? runs : 1);
    int rc = sp_workbook_write(&ctx, argv[3], &d); /* warm-up */
    for (int i = 0; i < runs && rc == 0; i++) {
        double t0 = now_ms();
        rc = sp_workbook_write(&ctx, argv[3], &d);
        t[i] = now_ms() - t0;
    }
    if (rc != 0 || runs <= 0) {
        fprintf(stderr, "workbook_bench: the workbook was not written\n");
        return 1;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp);
    double median = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
    printf("%zu inspections, %zu figures: median %.1f ms (min %.1f, max %.1f) over %d runs\n",
           ds->n_inspections, figs->n, median, t[0], t[runs - 1], runs);
    g_free(t);
    sp_settings_clear(&s);
    sp_figures_free(figs);
    sp_dataset_free(ds);
    sp_inputs_clear(&in);
    sp_diags_free(&d);
    return 0;
}
