/* test_explain_helpers.h: the check test_explain.c and test_explain_real.c
 * run on every figure: its explanation adds up to it. */
#ifndef TEST_EXPLAIN_HELPERS_H
#define TEST_EXPLAIN_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sendpack/explain.h"
#include "sendpack/figures.h"
#include "sendpack/load.h"
#include "sendpack/stats.h"

static inline void assert_close(double a, double b, const char *id, const char *what)
{
    if (fabs(a - b) > 1e-6 * MAX(1.0, fabs(b)))
        fail_msg("%s: %s is %.10g, expected %.10g", id, what, a, b);
}

static inline bool all_ones(const sp_explanation *e, sp_role role)
{
    for (size_t i = 0; i < e->n_rows; i++)
        if (e->rows[i].role == role && e->rows[i].value != 1)
            return false;
    return true;
}

/* Every figure of f is explained, and its rows make its value: shares'
 * numerator and denominator rows (row counts when each adds 1), totals'
 * contributions, medians, single records. Returns the figures checked. */
static inline size_t check_every_figure(const sp_figures *f)
{
    for (size_t k = 0; k < f->n; k++) {
        const sp_figure *x = &f->items[k];
        sp_explanation *e = sp_explain(f, x->id, false);
        if (!e)
            fail_msg("%s: no explanation", x->id);
        switch (e->how) {
        case SP_HOW_RATIO:
            assert_true(x->has_ratio);
            assert_close(e->sum_role[SP_ROLE_NUMERATOR], x->numerator, x->id, "numerator");
            assert_close(e->sum_role[SP_ROLE_DENOMINATOR], x->denominator, x->id, "denominator");
            if (all_ones(e, SP_ROLE_NUMERATOR))
                assert_close((double)e->n_role[SP_ROLE_NUMERATOR], x->numerator, x->id, "numerator rows");
            if (all_ones(e, SP_ROLE_DENOMINATOR))
                assert_close((double)e->n_role[SP_ROLE_DENOMINATOR], x->denominator, x->id, "denominator rows");
            break;
        case SP_HOW_SUM:
            assert_close(e->sum_role[SP_ROLE_VALUE], x->value, x->id, "sum of contributions");
            if (all_ones(e, SP_ROLE_VALUE))
                assert_close((double)e->n_role[SP_ROLE_VALUE], x->value, x->id, "value rows");
            break;
        case SP_HOW_MEDIAN: {
            double *v = g_new(double, e->n_rows + 1);
            int n = 0;
            for (size_t i = 0; i < e->n_rows; i++)
                if (e->rows[i].role == SP_ROLE_VALUE)
                    v[n++] = e->rows[i].value;
            assert_close(sp_median(v, n), x->value, x->id, "median of contributions");
            g_free(v);
            break;
        }
        case SP_HOW_SINGLE:
            assert_int_equal(e->n_role[SP_ROLE_VALUE], 1);
            assert_close(e->sum_role[SP_ROLE_VALUE], x->value, x->id, "the record's value");
            break;
        case SP_HOW_NONE:
            assert_string_equal(x->id, "as_at");
            assert_int_equal(e->n_rows, 0);
            break;
        }
        if (e->how != SP_HOW_RATIO)
            assert_int_equal(e->n_role[SP_ROLE_NUMERATOR] + e->n_role[SP_ROLE_DENOMINATOR], 0);
        for (size_t i = 0; i < e->n_rows; i++) {
            const sp_explain_row *r = &e->rows[i];
            assert_non_null(r->pos.file);
            assert_true(r->pos.line >= 2);
            assert_true((r->role == SP_ROLE_EXCLUDED) == (r->reason != NULL));
            if (r->reason)
                assert_true(strlen(r->reason) > 5);
        }
        /* --included-only: the same counted rows, no excluded ones */
        sp_explanation *inc = sp_explain(f, x->id, true);
        assert_int_equal(inc->n_role[SP_ROLE_EXCLUDED], 0);
        assert_int_equal(inc->n_rows, e->n_rows - e->n_role[SP_ROLE_EXCLUDED]);
        sp_explanation_free(inc);
        sp_explanation_free(e);
    }
    return f->n;
}

/* check_every_figure at the latest date and at 31 March 2021, each time
 * over more than min figures. */
static inline void check_two_dates(const sp_dataset *ds, size_t min)
{
    sp_date dates[] = {0, sp_date_make(2021, 3, 31)};
    for (size_t i = 0; i < G_N_ELEMENTS(dates); i++) {
        sp_figures *f = sp_figures_compute(ds, dates[i], 0);
        assert_true(check_every_figure(f) > min);
        sp_figures_free(f);
    }
}

/* The first excluded row of e whose reason starts with prefix, or NULL. */
static inline const sp_explain_row *excluded_with(const sp_explanation *e, const char *prefix)
{
    for (size_t i = 0; i < e->n_rows; i++)
        if (e->rows[i].reason && g_str_has_prefix(e->rows[i].reason, prefix))
            return &e->rows[i];
    return NULL;
}

#endif
