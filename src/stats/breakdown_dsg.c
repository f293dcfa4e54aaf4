/* breakdown_dsg.c: the figures of the dedicated schools grant (DSG) source:
 * the high-needs block by financial year for England (the sum of the local
 * authority rows, before and after deductions), each Ofsted region (the sum
 * of its areas) and each area, the change from the previous year given, and
 * the median change of areas with and without a written statement of action.
 * The latest year's figures are given again under "latest" (ids_dsg.h) for
 * templates. Pure: counts from the view only. */
#include "breakdown.h"
#include "sendpack/ids_dsg.h"
#include "sendpack/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct year_rows {
    const sp_dsg_year *rec;
    GArray *all;          /* every row of the year's file: value = before deductions */
    GArray *after;        /* value = after deductions */
    GHashTable *by_key;   /* area key -> view index + 1 */
} year_rows;

static void year_rows_of(const sp_view *v, size_t yi, year_rows *y)
{
    y->rec = v->dsg_years[yi].rec;
    y->all = bd_list_new();
    y->after = bd_list_new();
    y->by_key = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < v->n_dsg; i++) {
        const sp_dsg_view *e = &v->dsg[i];
        if (e->year != y->rec)
            continue;
        bd_list_add(y->all, i, e->rec->high_needs_gbp);
        if (y->rec->has_after)
            bd_list_add(y->after, i, e->rec->high_needs_after_gbp);
        if (e->key)
            g_hash_table_insert(y->by_key, (gpointer)e->key, GSIZE_TO_POINTER(i + 1));
    }
}

static void year_rows_clear(year_rows *y)
{
    bd_list_unref(y->all);
    bd_list_unref(y->after);
    if (y->by_key)
        g_hash_table_destroy(y->by_key);
}

/* "2023-24": the one spelling of a financial year in figures and text */
static char *fy_words(const sp_dsg_year *y)
{
    return g_strdup(y->fy);
}

/* The rows of list whose region slug (or area key) is want; with neg, each
 * contributes minus its value. Appends to out. */
static void rows_where(const agg *a, const GArray *list, const char *region_slug,
                       const char *key, bool neg, GArray *out)
{
    for (guint i = 0; i < list->len; i++) {
        const bd_ref *r = &g_array_index(list, bd_ref, i);
        const sp_dsg_view *e = &a->v->dsg[r->index];
        if (key && !(e->key && strcmp(e->key, key) == 0))
            continue;
        if (region_slug) {
            if (!e->region)
                continue;
            char *s = sp_slug(e->region);
            bool same = strcmp(s, region_slug) == 0;
            g_free(s);
            if (!same)
                continue;
        }
        bd_list_add(out, r->index, neg ? -r->v : r->v);
    }
}

typedef struct scope_words {
    const char *what;     /* "England", "the North West", "Amberbridge" */
    const char *outside;  /* why a row outside it is not counted */
} scope_words;

/* total, change and change share for one scope (England: region and key
 * NULL) of year y against prev (NULL: none). */
static void totals(agg *a, const year_rows *y, const year_rows *prev, const char *region_slug,
                   const char *key, const char *id_total, const char *id_change,
                   const char *id_share, scope_words w)
{
    const char *src = a->src_dsg, *fl = a->filter_dsg;
    char *fyw = fy_words(y->rec);
    GArray *val = bd_list_new();
    rows_where(a, y->all, region_slug, key, false, val);
    if (val->len == 0) {
        bd_list_unref(val);
        g_free(fyw);
        return;
    }
    char *def = g_strdup_printf(
        "High-needs block of the dedicated schools grant allocated for %s, before deductions for "
        "academies and places funded directly: the sum of the \"High needs block (£s)\" column over "
        "the local authorities%s%s.",
        fyw, region_slug || key ? " of " : "", region_slug || key ? w.what : " in the file");
    char *lbl = g_strdup_printf("High-needs block %s: %s", fyw, w.what);
    bd_trace(bd_typed(a, SP_UNIT_GBP, bd_list_sum(val), def, src, fl, lbl, id_total),
             (bd_trace_spec){.kind = SP_REC_DSG, .how = SP_HOW_SUM, .val = val,
                             .scope = region_slug || key ? val : y->all, .outside = w.outside,
                             .uncounted = "not counted"});
    g_free(def);
    g_free(lbl);
    if (prev) {
        GArray *den = bd_list_new(), *chg = bd_list_new(), *scope = bd_list_new();
        rows_where(a, prev->all, region_slug, key, false, den);
        if (den->len) {
            char *pw = fy_words(prev->rec);
            rows_where(a, y->all, region_slug, key, false, chg);
            rows_where(a, prev->all, region_slug, key, true, chg);
            const GArray *s1 = region_slug || key ? chg : y->all;
            for (guint i = 0; i < s1->len; i++)
                g_array_append_val(scope, g_array_index(s1, bd_ref, i));
            for (guint i = 0; !(region_slug || key) && i < prev->all->len; i++)
                g_array_append_val(scope, g_array_index(prev->all, bd_ref, i));
            def = g_strdup_printf("Change in the high-needs block before deductions (%s) from %s "
                                  "to %s: the %s rows less the %s rows.",
                                  w.what, pw, fyw, fyw, pw);
            lbl = g_strdup_printf("Change in the high-needs block, %s to %s: %s", pw, fyw, w.what);
            bd_trace(bd_typed(a, SP_UNIT_GBP, bd_list_sum(chg), def, src, fl, lbl, id_change),
                     (bd_trace_spec){.kind = SP_REC_DSG, .how = SP_HOW_SUM, .val = chg,
                                     .scope = scope, .outside = w.outside,
                                     .uncounted = "not counted"});
            g_free(def);
            g_free(lbl);
            double base = bd_list_sum(den);
            if (base > 0) {
                def = g_strdup_printf(
                    "Change in the high-needs block before deductions (%s) from %s to %s, as a "
                    "share of the %s allocation.",
                    w.what, pw, fyw, pw);
                lbl = g_strdup_printf("Change in the high-needs block, %s to %s, as a share: %s",
                                      pw, fyw, w.what);
                sp_figure *x =
                    bd_typed(a, SP_UNIT_PROPORTION, bd_list_sum(chg) / base, def, src, fl, lbl, id_share);
                x->has_ratio = true;
                x->numerator = bd_list_sum(chg);
                x->denominator = base;
                bd_trace(x, (bd_trace_spec){.kind = SP_REC_DSG, .how = SP_HOW_RATIO, .num = chg,
                                            .den = den, .scope = scope, .outside = w.outside,
                                            .uncounted = "not counted"});
                g_free(def);
                g_free(lbl);
            }
            g_free(pw);
        }
        bd_list_unref(den);
        bd_list_unref(chg);
        bd_list_unref(scope);
    }
    bd_list_unref(val);
    g_free(fyw);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* The median change share of the areas in list (value = their share). */
static void median(agg *a, GArray *list, const year_rows *y, const year_rows *prev, bool wsoa,
                   const char *id)
{
    if (!list->len)
        return;
    double *v = g_new(double, list->len);
    for (guint i = 0; i < list->len; i++)
        v[i] = g_array_index(list, bd_ref, i).v;
    qsort(v, list->len, sizeof *v, cmp_double);
    double m = sp_median(v, (int)list->len);
    g_free(v);
    char *fyw = fy_words(y->rec), *pw = fy_words(prev->rec);
    char *def = g_strdup_printf(
        "Median, over the inspected areas %s a written statement of action (WSoA) under the "
        "2016 framework at the as-at date, of each area's change in the high-needs block before "
        "deductions from %s to %s as a share of its %s allocation.",
        wsoa ? "with" : "without", pw, fyw, pw);
    char *lbl = g_strdup_printf("Median change in the high-needs block, %s to %s: areas %s a WSoA",
                                pw, fyw, wsoa ? "with" : "without");
    bd_trace(bd_typed(a, SP_UNIT_PROPORTION, m, def, a->src_dsg, a->filter_dsg, lbl, id),
             (bd_trace_spec){.kind = SP_REC_DSG, .how = SP_HOW_MEDIAN, .val = list,
                             .scope = list});
    g_free(def); g_free(lbl); g_free(fyw); g_free(pw);
}

static size_t row_of(const year_rows *y, const char *key)
{
    return GPOINTER_TO_SIZE(g_hash_table_lookup(y->by_key, key));
}

static void one_year(agg *a, const year_rows *y, const year_rows *prev, const char *fy)
{
    const char *src = a->src_dsg, *fl = a->filter_dsg;
    char id[256], id2[256], id3[256];
    char *fyw = fy_words(y->rec);
    snprintf(id, sizeof id, SP_IDF_DSG_HN_TOTAL, fy);
    snprintf(id2, sizeof id2, SP_IDF_DSG_HN_CHANGE, fy);
    snprintf(id3, sizeof id3, SP_IDF_DSG_HN_CHANGE_SHARE, fy);
    totals(a, y, prev, NULL, NULL, id, id2, id3, (scope_words){"England", NULL});
    if (y->rec->has_after) {
        char *def = g_strdup_printf(
            "High-needs block allocated for %s after deductions for academies recoupment and "
            "places funded directly by the Education and Skills Funding Agency: the sum of the "
            "\"High needs block allocation (£s)\" column over the local authorities in the file.",
            fyw);
        char *lbl = g_strdup_printf("High-needs block %s after deductions: England", fyw);
        snprintf(id, sizeof id, SP_IDF_DSG_HN_AFTER, fy);
        bd_trace(bd_typed(a, SP_UNIT_GBP, bd_list_sum(y->after), def, src, fl, lbl, id),
                 (bd_trace_spec){.kind = SP_REC_DSG, .how = SP_HOW_SUM, .val = y->after,
                                 .scope = y->all, .outside = "another financial year's file"});
        g_free(def);
        g_free(lbl);
    }
    GArray *ones = bd_list_new();
    for (guint i = 0; i < y->all->len; i++)
        bd_list_add(ones, g_array_index(y->all, bd_ref, i).index, 1);
    char *def = g_strdup_printf("Local authority rows in the %s DSG allocations summary, joined "
                                "to an area or not (Isles of Scilly and City of London are not "
                                "in the file).", fyw);
    char *lbl = g_strdup_printf("Local authorities in the DSG file, %s", fyw);
    snprintf(id, sizeof id, SP_IDF_DSG_AREAS_COUNT, fy);
    bd_trace(bd_typed(a, SP_UNIT_COUNT, bd_list_sum(ones), def, src, fl, lbl, id),
             (bd_trace_spec){.kind = SP_REC_DSG, .how = SP_HOW_SUM, .val = ones, .scope = y->all,
                             .outside = "another financial year's file"});
    bd_list_unref(ones);
    g_free(def);
    g_free(lbl);

    /* regions: the Ofsted regions of the joined areas, by name */
    GPtrArray *names = g_ptr_array_new();
    for (guint i = 0; i < y->all->len; i++)
        g_ptr_array_add(names, (gpointer)a->v->dsg[g_array_index(y->all, bd_ref, i).index].region);
    size_t nr;
    sp_group *regions = bd_groups_from(names, &nr);
    g_ptr_array_free(names, TRUE);
    for (size_t r = 0; r < nr; r++) {
        char *outside = g_strdup_printf("not in %s, or not joined to an area", regions[r].name);
        snprintf(id, sizeof id, SP_IDF_REGION_DSG_HN_TOTAL, regions[r].slug, fy);
        snprintf(id2, sizeof id2, SP_IDF_REGION_DSG_HN_CHANGE, regions[r].slug, fy);
        snprintf(id3, sizeof id3, SP_IDF_REGION_DSG_HN_CHANGE_SHARE, regions[r].slug, fy);
        totals(a, y, prev, regions[r].slug, NULL, id, id2, id3,
               (scope_words){regions[r].name, outside});
        g_free(outside);
        g_free(regions[r].slug);
        g_free(regions[r].name);
    }
    g_free(regions);

    /* areas with an inspection at the as-at date */
    GArray *with = bd_list_new(), *without = bd_list_new();
    for (size_t k = 0; k < a->v->n_areas; k++) {
        const sp_area_view *av = &a->v->areas[k];
        size_t row = row_of(y, av->key);
        if (!row)
            continue;
        char *outside = g_strdup_printf("another local authority than %s", av->name);
        snprintf(id, sizeof id, SP_IDF_AREA_DSG_HN_TOTAL, av->key, fy);
        snprintf(id2, sizeof id2, SP_IDF_AREA_DSG_HN_CHANGE, av->key, fy);
        snprintf(id3, sizeof id3, SP_IDF_AREA_DSG_HN_CHANGE_SHARE, av->key, fy);
        totals(a, y, prev, NULL, av->key, id, id2, id3, (scope_words){av->name, outside});
        g_free(outside);
        size_t prow = prev ? row_of(prev, av->key) : 0;
        double before = prow ? a->v->dsg[prow - 1].rec->high_needs_gbp : 0;
        if (prow && before > 0 && av->rec2016) {
            double share = (a->v->dsg[row - 1].rec->high_needs_gbp - before) / before;
            bd_list_add(av->rec2016->has_wsoa ? with : without, row - 1, share);
        }
    }
    if (prev) {
        snprintf(id, sizeof id, SP_IDF_DSG_WSOA_MEDIAN, fy);
        median(a, with, y, prev, true, id);
        snprintf(id, sizeof id, SP_IDF_DSG_NO_WSOA_MEDIAN, fy);
        median(a, without, y, prev, false, id);
    }
    bd_list_unref(with);
    bd_list_unref(without);
    g_free(fyw);
}

static int cmp_year(const void *x, const void *y)
{
    const sp_dsg_year *a = *(const sp_dsg_year *const *)x, *b = *(const sp_dsg_year *const *)y;
    return a->fy_start - b->fy_start;
}

void sp_breakdown_dsg(agg *a)
{
    const sp_view *v = a->v;
    GPtrArray *years = g_ptr_array_new();
    for (size_t i = 0; i < v->n_dsg_years; i++)
        if (v->dsg_years[i].included)
            g_ptr_array_add(years, (gpointer)v->dsg_years[i].rec);
    if (!years->len) {
        g_ptr_array_free(years, TRUE);
        return;
    }
    g_ptr_array_sort(years, cmp_year);
    size_t n = years->len;
    a->f->dsg_years = g_new0(sp_group, n);
    a->f->n_dsg_years = n;
    year_rows *rows = g_new0(year_rows, n);
    for (size_t j = 0; j < n; j++) {
        const sp_dsg_year *y = g_ptr_array_index(years, j);
        a->f->dsg_years[j] = (sp_group){g_strdup(y->fy), fy_words(y)};
        for (size_t yi = 0; yi < v->n_dsg_years; yi++)
            if (v->dsg_years[yi].rec == y)
                year_rows_of(v, yi, &rows[j]);
    }
    for (size_t j = 0; j < n; j++)
        one_year(a, &rows[j], j ? &rows[j - 1] : NULL, rows[j].rec->fy);
    one_year(a, &rows[n - 1], n > 1 ? &rows[n - 2] : NULL, "latest");
    for (size_t j = 0; j < n; j++)
        year_rows_clear(&rows[j]);
    g_free(rows);
    g_ptr_array_free(years, TRUE);
}
