/* breakdown_sen2.c: the figures of the SEN2 source (DfE's EHC plans):
 * the share of new EHC plans issued within 20 weeks (excluding exceptions)
 * for England, each Ofsted region and each inspected area, by calendar year;
 * the spread across local authorities; and, beside the inspections, the
 * median share in the year before an inspection was published, for areas
 * with and without a written statement of action.
 * Pure: no I/O, no formatting beyond the words of labels. Ids: ids_sen2.h. */
#include "breakdown.h"
#include "sendpack/format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sendpack/ids_sen2.h"
#include "sendpack/stats.h"

#define IDX2(a, e) ((size_t)((e) - (a)->v->sen2))

typedef struct {
    agg *a;
    char *src, *filter;
    GHashTable *share_defs; /* year -> an area's share's definition, the same for every area */
    /* the rows of the k-th year of v->sen2_years, in file order: rows[at[k]]
     * up to rows[at[k + 1]], so a year's figures read its rows alone */
    size_t *rows, *at;
} ctx2;

/* The index of year in v->sen2_years, or -1. */
static int year_index(const sp_view *v, int year)
{
    size_t lo = 0, hi = v->n_sen2_years;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v->sen2_years[mid] < year)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < v->n_sen2_years && v->sen2_years[lo] == year ? (int)lo : -1;
}

/* Group the rows by year (a counting sort, keeping file order). */
static void rows_by_year(ctx2 *c)
{
    const sp_view *v = c->a->v;
    size_t ny = v->n_sen2_years;
    int *k_of = g_new(int, v->n_sen2 + 1);
    c->at = g_new0(size_t, ny + 2);
    for (size_t i = 0; i < v->n_sen2; i++) {
        k_of[i] = year_index(v, v->sen2[i].rec->year);
        if (k_of[i] >= 0)
            c->at[k_of[i] + 2]++;
    }
    for (size_t k = 2; k < ny + 2; k++)
        c->at[k] += c->at[k - 1];
    c->rows = g_new(size_t, c->at[ny + 1] + 1);
    for (size_t i = 0; i < v->n_sen2; i++)
        if (k_of[i] >= 0)
            c->rows[c->at[k_of[i] + 1]++] = i;
    g_free(k_of);
}

static const char R_MISSING[] =
    "a count is missing (an EES symbol or blank) or there were no new plans";
static const char R_NOT_REGION[] = "a count is missing (an EES symbol or blank)";

static void tr_ratio(sp_figure *x, GArray *num, GArray *den, GArray *scope, const char *why)
{
    bd_trace(x, (bd_trace_spec){.kind = SP_REC_SEN2, .how = SP_HOW_RATIO, .num = num,
                                .den = den, .scope = scope, .uncounted = why});
}

static void tr_sum(sp_figure *x, GArray *val, GArray *scope, const char *why)
{
    bd_trace(x, (bd_trace_spec){.kind = SP_REC_SEN2, .how = SP_HOW_SUM, .val = val,
                                .scope = scope, .uncounted = why});
}

static void tr_median(sp_figure *x, GArray *val, GArray *scope, const char *why)
{
    bd_trace(x, (bd_trace_spec){.kind = SP_REC_SEN2, .how = SP_HOW_MEDIAN, .val = val,
                                .scope = scope, .uncounted = why});
}

static bool both_numbers(const sp_sen2 *r)
{
    return sp_ees_has_number(&r->within_20_weeks) && sp_ees_has_number(&r->new_plans);
}

static int cmp_ref_value(const void *x, const void *y)
{
    const bd_ref *a = x, *b = y;
    if (a->v != b->v)
        return a->v < b->v ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

static double median_of(const GArray *l)
{
    double *v = g_new(double, l->len + 1);
    for (guint i = 0; i < l->len; i++)
        v[i] = g_array_index(l, bd_ref, i).v;
    double m = sp_median(v, (int)l->len);
    g_free(v);
    return m;
}

/* The median of a list sorted by value (as sp_median computes it). */
static double median_sorted(const GArray *l)
{
    guint n = l->len;
    if (!n)
        return 0;
    const bd_ref *r = (const bd_ref *)(const void *)l->data;
    return n % 2 ? r[n / 2].v : (r[n / 2 - 1].v + r[n / 2].v) / 2;
}

/* Tukey's hinges: the lower (upper) half of the values sorted (by value,
 * then row), with the middle value in both halves when their number is
 * odd; its median is the lower (upper) quartile. */
static GArray *half(const GArray *sorted, bool upper)
{
    GArray *s = bd_list_new();
    guint n = sorted->len, h = (n + 1) / 2;
    g_array_append_vals(s, sorted->data + (upper ? (size_t)(n - h) * sizeof(bd_ref) : 0), h);
    return s;
}

/* England in one year: the National row when it has both counts, else the
 * sum of the local-authority rows that have both. */
static void england(ctx2 *c, size_t k, bool *has)
{
    agg *a = c->a;
    const sp_view *v = a->v;
    int year = v->sen2_years[k];
    const size_t *rows = c->rows + c->at[k], n = c->at[k + 1] - c->at[k];
    GArray *num = bd_list_new(), *den = bd_list_new(), *scope = bd_list_new();
    const sp_sen2_view *nat = NULL;
    for (size_t j = 0; j < n; j++) {
        const sp_sen2_view *e = &v->sen2[rows[j]];
        if (e->included && e->rec->level == SP_EES_NATIONAL && both_numbers(e->rec))
            nat = e;
    }
    for (size_t j = 0; j < n; j++) {
        size_t i = rows[j];
        const sp_sen2_view *e = &v->sen2[i];
        if (!e->included ||
            e->rec->level != (nat ? SP_EES_NATIONAL : SP_EES_LOCAL_AUTHORITY))
            continue;
        bd_list_add(scope, i, 1);
        if (!both_numbers(e->rec))
            continue;
        bd_list_add(num, i, e->rec->within_20_weeks.value);
        bd_list_add(den, i, e->rec->new_plans.value);
    }
    const char *how = nat ? "the National row" : "the sum of the local-authority rows";
    char *def = g_strdup_printf(
        "New EHC plans issued within 20 weeks, excluding exceptions (no_exc_20week_ehc), divided "
        "by all new EHC plans excluding exceptions (tot_no_exc_ehc), in England in calendar year "
        "%d (%s); 95%% Wilson score interval. A calendar year counts once it has ended on or "
        "before the as-at date.", year, how);
    char *lbl = g_strdup_printf("EHC plans issued within 20 weeks, England, %d", year);
    char *id = g_strdup_printf(SP_IDF_EHCP_SHARE, year);
    sp_figure *x = bd_share(a, bd_list_sum(num), bd_list_sum(den), def, c->src, c->filter, lbl, id);
    tr_ratio(x, num, den, scope, R_NOT_REGION);
    *has = x != NULL;
    if (x) {
        g_free(def);
        g_free(lbl);
        def = g_strdup_printf("New EHC plans issued within 20 weeks in England in calendar year "
                              "%d, excluding exceptions (no_exc_20week_ehc; %s).", year, how);
        lbl = g_strdup_printf("New EHC plans issued within 20 weeks, England, %d", year);
        tr_sum(bd_count(a, bd_list_sum(num), def, c->src, c->filter, lbl, SP_IDF_EHCP_WITHIN, year),
               num, scope, R_NOT_REGION);
        g_free(def);
        g_free(lbl);
        def = g_strdup_printf("All new EHC plans in England in calendar year %d, excluding "
                              "exceptions (tot_no_exc_ehc; %s).", year, how);
        lbl = g_strdup_printf("New EHC plans, England, %d", year);
        tr_sum(bd_count(a, bd_list_sum(den), def, c->src, c->filter, lbl, SP_IDF_EHCP_NEW_PLANS, year),
               den, scope, R_NOT_REGION);
    }
    g_free(def);
    g_free(lbl);
    g_free(id);
    bd_list_unref(num);
    bd_list_unref(den);
    bd_list_unref(scope);
}

/* The local-authority rows of one year: how many, how many under one half,
 * and the median and quartiles of their shares. */
static void spread(ctx2 *c, size_t k)
{
    agg *a = c->a;
    const sp_view *v = a->v;
    int year = v->sen2_years[k];
    const size_t *rows = c->rows + c->at[k], n = c->at[k + 1] - c->at[k];
    GArray *all = bd_list_new(), *under = bd_list_new(), *shares = bd_list_new(),
           *scope = bd_list_new();
    for (size_t j = 0; j < n; j++) {
        size_t i = rows[j];
        const sp_sen2_view *e = &v->sen2[i];
        if (!e->included || e->rec->level != SP_EES_LOCAL_AUTHORITY)
            continue;
        bd_list_add(scope, i, 1);
        if (!e->counted)
            continue;
        bd_list_add(all, i, 1);
        bd_list_add(shares, i, e->share);
        if (e->share < 0.5)
            bd_list_add(under, i, 1);
    }
    if (!all->len)
        goto done;
    char *def = g_strdup_printf(
        "Local-authority rows of the SEN2 file for calendar year %d with both counts present and "
        "at least one new EHC plan, whether or not the area was inspected.", year);
    char *lbl = g_strdup_printf("Local authorities with new EHC plans, %d", year);
    tr_sum(bd_count(a, bd_list_sum(all), def, c->src, c->filter, lbl, SP_IDF_EHCP_AREAS, year), all,
           scope, R_MISSING);
    g_free(def);
    g_free(lbl);
    def = g_strdup_printf(
        "Local authorities (as counted in ehcp.%d.areas.count) whose share of new EHC plans "
        "issued within 20 weeks, computed from the two counts, is below one half.", year);
    lbl = g_strdup_printf("Local authorities issuing under half of new EHC plans within 20 weeks, %d", year);
    tr_sum(bd_count(a, bd_list_sum(under), def, c->src, c->filter, lbl, SP_IDF_EHCP_AREAS_UNDER_50, year),
           under, scope, "its share is one half or more, or a count is missing");
    g_free(def);
    g_free(lbl);
    def = g_strdup_printf("Median over local authorities of the share of new EHC plans issued "
                          "within 20 weeks in calendar year %d.", year);
    lbl = g_strdup_printf("Median local authority, EHC plans within 20 weeks, %d", year);
    char *id = g_strdup_printf(SP_IDF_EHCP_AREAS_MEDIAN, year);
    /* sorted once, for the median and both hinges */
    GArray *sorted = bd_list_new();
    g_array_append_vals(sorted, shares->data, shares->len);
    if (sorted->len > 1)
        qsort(sorted->data, sorted->len, sizeof(bd_ref), cmp_ref_value);
    tr_median(bd_typed(a, SP_UNIT_PROPORTION, median_sorted(sorted), def, c->src, c->filter, lbl,
                       id),
              shares, scope, R_MISSING);
    g_free(def); g_free(lbl); g_free(id);
    for (int upper = 0; upper <= 1; upper++) {
        GArray *h = half(sorted, upper);
        def = g_strdup_printf("%s quartile over local authorities of the share of new EHC plans "
                              "issued within 20 weeks in calendar year %d (Tukey's hinge: the "
                              "median of the %s half of the shares, the middle one in both).",
                              upper ? "Upper" : "Lower", year, upper ? "upper" : "lower");
        lbl = g_strdup_printf("%s quartile of local authorities, EHC plans within 20 weeks, %d",
                              upper ? "Upper" : "Lower", year);
        id = g_strdup_printf(upper ? SP_IDF_EHCP_AREAS_Q3 : SP_IDF_EHCP_AREAS_Q1, year);
        tr_median(bd_typed(a, SP_UNIT_PROPORTION, median_sorted(h), def, c->src, c->filter, lbl,
                           id),
                  h, scope, upper ? "in the lower half of the shares, or a count is missing"
                                  : "in the upper half of the shares, or a count is missing");
        g_free(def); g_free(lbl); g_free(id);
        bd_list_unref(h);
    }
    bd_list_unref(sorted);
done:
    bd_list_unref(all);
    bd_list_unref(under);
    bd_list_unref(shares);
    bd_list_unref(scope);
}

/* Each Ofsted region in one year: the sum of its local-authority rows
 * (group_of[i]: the index in groups of row i's region, or -1), gathered
 * in one pass over the rows for all the regions. */
static void regions(ctx2 *c, size_t k, const sp_group *groups, size_t n, const int *group_of)
{
    agg *a = c->a;
    const sp_view *v = a->v;
    int year = v->sen2_years[k];
    const size_t *rows = c->rows + c->at[k], n_rows = c->at[k + 1] - c->at[k];
    GArray **num = g_new(GArray *, n + 1), **den = g_new(GArray *, n + 1),
           **scope = g_new(GArray *, n + 1);
    for (size_t g = 0; g < n; g++)
        num[g] = bd_list_new(), den[g] = bd_list_new(), scope[g] = bd_list_new();
    for (size_t j = 0; j < n_rows; j++) {
        size_t i = rows[j];
        const sp_sen2_view *e = &v->sen2[i];
        int g = group_of[i];
        if (!e->included || g < 0)
            continue;
        bd_list_add(scope[g], i, 1);
        if (!both_numbers(e->rec))
            continue;
        bd_list_add(num[g], i, e->rec->within_20_weeks.value);
        bd_list_add(den[g], i, e->rec->new_plans.value);
    }
    for (size_t g = 0; g < n; g++) {
        char *def = g_strdup_printf(
            "New EHC plans issued within 20 weeks, excluding exceptions, over all new EHC plans "
            "excluding exceptions, summed over the local authorities of the %s Ofsted region in "
            "calendar year %d; 95%% Wilson score interval.", groups[g].name, year);
        char *lbl = g_strdup_printf("EHC plans issued within 20 weeks, %s, %d", groups[g].name, year);
        char *id = g_strdup_printf(SP_IDF_REGION_EHCP_SHARE, groups[g].slug, year);
        tr_ratio(bd_share(a, bd_list_sum(num[g]), bd_list_sum(den[g]), def, c->src, c->filter,
                          lbl, id),
                 num[g], den[g], scope[g], R_NOT_REGION);
        g_free(def); g_free(lbl); g_free(id);
        bd_list_unref(num[g]);
        bd_list_unref(den[g]);
        bd_list_unref(scope[g]);
    }
    g_free(num);
    g_free(den);
    g_free(scope);
}

/* An area's share in one of its rows (NULL when the row is not counted). */
static sp_figure *area_share(ctx2 *c, const sp_area_view *av, const sp_sen2_view *e,
                             const char *id)
{
    agg *a = c->a;
    if (!e->counted)
        return NULL;
    /* made once a year, not once an area (an area's rows take turns by year) */
    char *def = g_hash_table_lookup(c->share_defs, GINT_TO_POINTER(e->rec->year));
    if (!def) {
        def = g_strdup_printf(
            "New EHC plans issued within 20 weeks, excluding exceptions, over all new EHC plans "
            "excluding exceptions, for the local authority with the area's code in calendar year "
            "%d; 95%% Wilson score interval.", e->rec->year);
        g_hash_table_insert(c->share_defs, GINT_TO_POINTER(e->rec->year), def);
    }
    char *lbl = sp_strdup_format("%s: EHC plans issued within 20 weeks, %d", av->name, e->rec->year);
    sp_figure *x = bd_share(a, e->rec->within_20_weeks.value, e->rec->new_plans.value, def,
                            c->src, c->filter, lbl, id);
    g_free(lbl);
    if (bd_traced(x)) {
        GArray *num = bd_list_new(), *den = bd_list_new();
        bd_list_add(num, IDX2(a, e), e->rec->within_20_weeks.value);
        bd_list_add(den, IDX2(a, e), e->rec->new_plans.value);
        tr_ratio(x, num, den, num, NULL);
        bd_list_unref(num);
        bd_list_unref(den);
    }
    return x;
}

static const sp_sen2_view *row_of_year(const sp_area_view *av, int year)
{
    for (size_t i = 0; i < av->n_sen2; i++)
        if (av->sen2[i]->rec->year == year)
            return av->sen2[i];
    return NULL;
}

static void areas(ctx2 *c, int latest, int previous)
{
    agg *a = c->a;
    const sp_view *v = a->v;
    for (size_t g = 0; g < v->n_areas; g++) {
        const sp_area_view *av = &v->areas[g];
        for (size_t i = 0; i < av->n_sen2; i++) {
            char *id = sp_strdup_format(SP_IDF_AREA_EHCP_SHARE, av->key, av->sen2[i]->rec->year);
            area_share(c, av, av->sen2[i], id);
            g_free(id);
        }
        const sp_sen2_view *e = latest ? row_of_year(av, latest) : NULL;
        if (e && e->counted) {
            char *id = sp_strdup_format(SP_IDF_AREA_EHCP_LATEST_SHARE, av->key);
            area_share(c, av, e, id);
            g_free(id);
            GArray *val = bd_list_new();
            bd_list_add(val, IDX2(a, e), e->rec->new_plans.value);
            char *lbl = sp_strdup_format("%s: new EHC plans, %d", av->name, latest);
            id = sp_strdup_format(SP_IDF_AREA_EHCP_LATEST_PLANS, av->key);
            tr_sum(bd_typed(a, SP_UNIT_COUNT, bd_list_sum(val),
                            "All new EHC plans excluding exceptions (tot_no_exc_ehc) for the "
                            "area's local authority in the latest calendar year counted.",
                            c->src, c->filter, lbl, id), val, val, NULL);
            g_free(lbl);
            g_free(id);
            bd_list_unref(val);
        }
        e = previous ? row_of_year(av, previous) : NULL;
        if (e && e->counted) {
            char *id = sp_strdup_format(SP_IDF_AREA_EHCP_PREVIOUS_SHARE, av->key);
            area_share(c, av, e, id);
            g_free(id);
        }
    }
}

/* The median share in the calendar year before each 2016-framework
 * inspection was published, for areas with and without a WSoA. */
static void prior_year(ctx2 *c)
{
    agg *a = c->a;
    const sp_view *v = a->v;
    GArray *med[2] = {bd_list_new(), bd_list_new()}, *cnt[2] = {bd_list_new(), bd_list_new()};
    for (size_t g = 0; g < v->n_areas; g++) {
        const sp_area_view *av = &v->areas[g];
        if (!av->rec2016)
            continue;
        int y = SP_DATE_YEAR(av->rec2016->rec->published) - 1;
        const sp_sen2_view *e = row_of_year(av, y);
        if (!e || !e->counted)
            continue;
        int w = av->rec2016->rec->wsoa ? 0 : 1;
        bd_list_add(med[w], IDX2(a, e), e->share);
        bd_list_add(cnt[w], IDX2(a, e), 1);
    }
    static const char *const ids[2][2] = {
        {SP_ID_WSOA_EHCP_PRIOR_MEDIAN, SP_ID_WSOA_EHCP_PRIOR_COUNT},
        {SP_ID_NO_WSOA_EHCP_PRIOR_MEDIAN, SP_ID_NO_WSOA_EHCP_PRIOR_COUNT}};
    static const char *const who[2] = {"required to produce a written statement of action",
                                       "not required to produce a written statement of action"};
    for (int w = 0; w < 2; w++) {
        if (!med[w]->len)
            continue;
        char *def = g_strdup_printf(
            "Median, over inspected areas %s (2016 framework), of the area's share of new EHC "
            "plans issued within 20 weeks in the calendar year before its inspection report was "
            "published (areas whose SEN2 row for that year has both counts and at least one new "
            "plan).", who[w]);
        char *lbl = g_strdup_printf("Median EHC plans within 20 weeks in the year before "
                                    "inspection, areas %s", w ? "without a WSoA" : "with a WSoA");
        tr_median(bd_typed(a, SP_UNIT_PROPORTION, median_of(med[w]), def, c->src, a->filter, lbl,
                           ids[w][0]), med[w], med[w], NULL);
        g_free(def);
        g_free(lbl);
        def = g_strdup_printf("Inspected areas %s with a SEN2 share in the calendar year before "
                              "the inspection was published (the areas the median is over).", who[w]);
        lbl = g_strdup_printf("Areas in the median, %s", w ? "without a WSoA" : "with a WSoA");
        tr_sum(bd_typed(a, SP_UNIT_COUNT, bd_list_sum(cnt[w]), def, c->src, a->filter, lbl,
                        ids[w][1]), cnt[w], cnt[w], NULL);
        g_free(def);
        g_free(lbl);
    }
    for (int w = 0; w < 2; w++) {
        bd_list_unref(med[w]);
        bd_list_unref(cnt[w]);
    }
}

/* The year's last day as a date figure, traced to England's rows. */
static void year_end(ctx2 *c, const char *id, int year, const char *which)
{
    agg *a = c->a;
    GArray *val = bd_list_new();
    for (size_t i = 0; i < a->v->n_sen2 && !val->len; i++)
        if (a->v->sen2[i].included && a->v->sen2[i].rec->year == year &&
            a->v->sen2[i].rec->level == SP_EES_NATIONAL)
            bd_list_add(val, i, 0);
    for (size_t i = 0; i < a->v->n_sen2 && !val->len; i++)
        if (a->v->sen2[i].included && a->v->sen2[i].rec->year == year)
            bd_list_add(val, i, 0);
    sp_date d = sp_date_make(year, 12, 31);
    g_array_index(val, bd_ref, 0).v = d;
    char *def = g_strdup_printf("The last day of the %s calendar year with an England share of "
                                "EHC plans issued within 20 weeks.", which);
    char *lbl = g_strdup_printf("End of the %s SEN2 year counted", which);
    bd_trace(bd_typed(a, SP_UNIT_DATE, d, def, c->src, c->filter, lbl, id),
             (bd_trace_spec){.kind = SP_REC_SEN2, .how = SP_HOW_SINGLE, .val = val, .scope = val});
    g_free(def);
    g_free(lbl);
    bd_list_unref(val);
}

/* A figure again under another id (the latest year's, for templates). */
static void alias(agg *a, const char *id, const char *fmt, int year)
{
    char *from = g_strdup_printf(fmt, year);
    const sp_figure *x = sp_figures_get(a->f, from);
    g_free(from);
    if (!x)
        return;
    sp_figure copy = *x; /* x may move when the table grows */
    const struct sp_trace *t = x->trace;
    sp_figure *y = x->has_ratio
        ? bd_share(a, copy.numerator, copy.denominator, copy.definition, copy.source, copy.filter,
                   copy.label, id)
        : bd_typed(a, copy.unit, copy.value, copy.definition, copy.source, copy.filter,
                   copy.label, id);
    if (y && t)
        bd_trace(y, (bd_trace_spec){.kind = t->kind, .how = t->how, .num = t->num, .den = t->den,
                                    .val = t->val, .val_prefix = t->val_prefix,
                                    .val_len = t->val_len, .scope = t->scope, .outside = t->outside,
                                    .uncounted = t->uncounted});
}

void sp_breakdown_sen2(agg *a)
{
    const sp_view *v = a->v;
    if (!v->n_sen2)
        return;
    bool fictional = sp_dataset_fictional(a->ds);
    ctx2 c = {.a = a,
              .src = bd_sources_of_kind(a->ds, "sen2",
                                        fictional ? "Illustrative fixtures, fictional SEN2 rows (not DfE data)"
                                                  : "DfE, Education, health and care plans (SEN2)"),
              .filter = g_strdup_printf("calendar year ended on or before %s", a->iso),
              .share_defs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free)};
    /* Ofsted regions of the local-authority rows */
    GPtrArray *names = g_ptr_array_new();
    for (size_t i = 0; i < v->n_sen2; i++)
        if (v->sen2[i].included && v->sen2[i].region)
            g_ptr_array_add(names, (gpointer)v->sen2[i].region);
    size_t n_groups = 0;
    sp_group *groups = bd_groups_from(names, &n_groups);
    g_ptr_array_free(names, TRUE);
    /* each row's region's group (-1: none) */
    GPtrArray *regions_of = g_ptr_array_sized_new((guint)v->n_sen2);
    for (size_t i = 0; i < v->n_sen2; i++)
        g_ptr_array_add(regions_of, (gpointer)v->sen2[i].region);
    int *group_of = bd_group_index(groups, n_groups, regions_of);
    g_ptr_array_free(regions_of, TRUE);
    int latest = 0, previous = 0;
    rows_by_year(&c);
    for (size_t k = 0; k < v->n_sen2_years; k++) {
        int y = v->sen2_years[k];
        bool has = false;
        england(&c, k, &has);
        if (has) {
            previous = latest == y - 1 ? latest : 0;
            latest = y;
        }
        spread(&c, k);
        regions(&c, k, groups, n_groups, group_of);
    }
    if (latest) {
        alias(a, SP_ID_EHCP_LATEST_SHARE, SP_IDF_EHCP_SHARE, latest);
        alias(a, SP_ID_EHCP_LATEST_AREAS, SP_IDF_EHCP_AREAS, latest);
        alias(a, SP_ID_EHCP_LATEST_UNDER_50, SP_IDF_EHCP_AREAS_UNDER_50, latest);
        year_end(&c, SP_ID_EHCP_LATEST_YEAR_END, latest, "latest");
    }
    if (previous) {
        alias(a, SP_ID_EHCP_PREVIOUS_SHARE, SP_IDF_EHCP_SHARE, previous);
        year_end(&c, SP_ID_EHCP_PREVIOUS_YEAR_END, previous, "previous");
    }
    areas(&c, latest, previous);
    prior_year(&c);
    g_free(group_of);
    g_free(c.rows);
    g_free(c.at);
    g_hash_table_destroy(c.share_defs);
    for (size_t g = 0; g < n_groups; g++) {
        g_free(groups[g].slug);
        g_free(groups[g].name);
    }
    g_free(groups);
    g_free(c.src);
    g_free(c.filter);
}
