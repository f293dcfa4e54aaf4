/* breakdown_inspections.c: the figures of the inspections source (Ofsted's
 * area SEND inspections and revisits, both frameworks): national, first N,
 * revisits, regions, years, months, 2023-framework outcomes.
 * Pure: no I/O, no formatting beyond the words of labels. */
#include "breakdown.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sendpack/stats.h"
#include "sendpack/ids_inspections.h"

/* --- previous framework: national, first N, revisits -------------------- */

/* One list per measure: the view entries counted and what each adds. */
typedef struct {
    GArray *inspected, *wsoa, *weaknesses, *weak_median, *revisits, *pending, *made, *not_made,
        *assessed, *revisit_identified, *outcome[4];
} tally;

/* Why a record in scope is left out of each list. */
static const char R_WSOA[] = "no written statement of action required";
static const char R_WEAK[] = "no written statement of action, or no weaknesses recorded";
static const char R_REVISITS[] = "no written statement of action, or its revisit not published by the as-at date";
static const char R_PENDING[] = "no written statement of action, or its revisit already published";
static const char R_OUTCOME[] = "not revisited by the as-at date, or another revisit outcome";
static const char R_PROGRESS[] = "not revisited by the as-at date, or no such weaknesses recorded";

static void tally_init(tally *t)
{
    GArray **all[] = {&t->inspected, &t->wsoa, &t->weaknesses, &t->weak_median, &t->revisits,
                      &t->pending, &t->made, &t->not_made, &t->assessed, &t->revisit_identified,
                      &t->outcome[0], &t->outcome[1], &t->outcome[2], &t->outcome[3]};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        *all[i] = bd_list_new();
}

static void tally_free(tally *t)
{
    GArray *all[] = {t->inspected, t->wsoa, t->weaknesses, t->weak_median, t->revisits,
                     t->pending, t->made, t->not_made, t->assessed, t->revisit_identified,
                     t->outcome[0], t->outcome[1], t->outcome[2], t->outcome[3]};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        bd_list_unref(all[i]);
}

static void tally_add(const agg *a, tally *t, const sp_inspection_view *e)
{
    const sp_inspection *in = e->rec;
    size_t i = IDX(a, e);
    bd_list_add(t->inspected, i, 1);
    if (!in->wsoa)
        return;
    bd_list_add(t->wsoa, i, 1);
    if (in->weaknesses > 0)
        bd_list_add(t->weaknesses, i, in->weaknesses);
    if (in->weaknesses >= 0)
        bd_list_add(t->weak_median, i, in->weaknesses);
    if (!e->revisit_included) {
        bd_list_add(t->pending, i, 1);
        return;
    }
    bd_list_add(t->revisits, i, 1);
    bd_list_add(t->outcome[in->revisit_outcome], i, 1);
    if (in->weaknesses > 0)
        bd_list_add(t->revisit_identified, i, in->weaknesses);
    if (in->progress_made > 0)
        bd_list_add(t->made, i, in->progress_made);
    if (in->progress_not_made > 0)
        bd_list_add(t->not_made, i, in->progress_not_made);
    double assessed = MAX(in->progress_made, 0) + MAX(in->progress_not_made, 0);
    if (assessed > 0)
        bd_list_add(t->assessed, i, assessed);
}

/* A count or total of 2016-framework inspections: the sum of list. */
static sp_figure *tr_sum(sp_figure *x, GArray *list, GArray *scope, const char *outside,
                         const char *uncounted)
{
    bd_trace(x, (bd_trace_spec){.kind = SP_REC_INSPECTION_2016, .how = SP_HOW_SUM, .val = list,
                                .scope = scope, .outside = outside, .uncounted = uncounted});
    return x;
}

static void tr_ratio(sp_figure *x, GArray *num, GArray *den, GArray *scope, const char *outside,
                     const char *uncounted)
{
    bd_trace(x, (bd_trace_spec){.kind = SP_REC_INSPECTION_2016, .how = SP_HOW_RATIO, .num = num,
                                .den = den, .scope = scope, .outside = outside,
                                .uncounted = uncounted});
}

static int cmp_first_n(const void *x, const void *y)
{
    const sp_inspection *a = (*(const sp_inspection_view *const *)x)->rec;
    const sp_inspection *b = (*(const sp_inspection_view *const *)y)->rec;
    if (a->published != b->published)
        return a->published < b->published ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    int c = strcmp(a->la_code, b->la_code);
    return c ? c : strcmp(a->area_name, b->area_name);
}

static void national(agg *a, GPtrArray *inc)
{
    tally t;
    tally_init(&t);
    for (guint i = 0; i < inc->len; i++)
        tally_add(a, &t, g_ptr_array_index(inc, i));
    const char *src = a->src_2016, *fl = a->filter;
    tr_sum(bd_count(a, bd_list_sum(t.inspected), "Local areas whose area SEND inspection (2016 framework) was published on or before the as-at date.",
          src, fl, "Areas inspected", SP_ID_INSPECTIONS_COUNT), t.inspected, NULL, NULL, NULL);
    tr_sum(bd_count(a, bd_list_sum(t.wsoa), "Inspected areas that were required to produce a written statement of action (WSoA) because of significant weaknesses.",
          src, fl, "Areas with a written statement of action", SP_ID_WSOA_COUNT), t.wsoa, NULL, NULL, R_WSOA);
    tr_ratio(bd_share(a, bd_list_sum(t.wsoa), bd_list_sum(t.inspected), "Areas with a WSoA divided by areas inspected; 95% Wilson score interval.",
          src, fl, "Share of inspected areas with a written statement of action", SP_ID_WSOA_SHARE),
          t.wsoa, t.inspected, NULL, NULL, NULL);
    tr_sum(bd_count(a, bd_list_sum(t.weaknesses), "Sum of the significant weaknesses identified in the WSoAs of inspected areas.",
          src, fl, "Significant weaknesses identified", SP_ID_WEAKNESSES_TOTAL), t.weaknesses, NULL, NULL, R_WEAK);
    if (t.weak_median->len) {
        GArray *m = t.weak_median;
        double *w = g_new(double, m->len);
        for (guint i = 0; i < m->len; i++)
            w[i] = g_array_index(m, bd_ref, i).v;
        sp_figure *x = bd_count(a, sp_median(w, (int)m->len),
              "Median number of significant weaknesses identified per area with a WSoA.",
              src, fl, "Median weaknesses per WSoA area", SP_ID_WEAKNESSES_MEDIAN);
        g_free(w);
        bd_trace(x, (bd_trace_spec){.kind = SP_REC_INSPECTION_2016, .how = SP_HOW_MEDIAN, .val = m,
                                    .uncounted = "no written statement of action, or its weaknesses not recorded"});
    }

    /* first N by publication date */
    GPtrArray *sorted = g_ptr_array_new();
    for (guint i = 0; i < inc->len; i++)
        g_ptr_array_add(sorted, g_ptr_array_index(inc, i));
    if (sorted->len > 1)
        qsort(sorted->pdata, sorted->len, sizeof(gpointer), cmp_first_n);
    guint n = MIN(sorted->len, (guint)a->f->first_n);
    GArray *first = bd_list_new(), *fw = bd_list_new();
    for (guint i = 0; i < n; i++) {
        const sp_inspection_view *e = g_ptr_array_index(sorted, i);
        bd_list_add(first, IDX(a, e), 1);
        if (e->rec->wsoa)
            bd_list_add(fw, IDX(a, e), 1);
    }
    g_ptr_array_free(sorted, TRUE);
    char *fl_n = g_strdup_printf("first %d inspections by publication date (ties: start date, then code), published on or before %s",
                                 a->f->first_n, a->iso);
    char *out_n = g_strdup_printf("not among the first %d inspections by publication date", a->f->first_n);
    tr_sum(bd_count(a, n, "The first N inspections by publication date, as Ofsted reported progress part-way through the programme.",
          src, fl_n, "Areas inspected (first N)", SP_ID_FIRST_N_INSPECTIONS_COUNT), first, first, out_n, NULL);
    tr_sum(bd_count(a, bd_list_sum(fw), "Areas with a WSoA among the first N inspections by publication date.",
          src, fl_n, "Areas with a WSoA (first N)", SP_ID_FIRST_N_WSOA_COUNT), fw, first, out_n, R_WSOA);
    tr_ratio(bd_share(a, bd_list_sum(fw), n, "Areas with a WSoA divided by areas inspected, among the first N inspections; 95% Wilson score interval.",
          src, fl_n, "Share with a WSoA (first N)", SP_ID_FIRST_N_WSOA_SHARE), fw, first, first, out_n, NULL);
    g_free(fl_n);
    g_free(out_n);
    bd_list_unref(first);
    bd_list_unref(fw);

    /* revisits */
    const char *fr = a->filter_revisit;
    tr_sum(bd_count(a, bd_list_sum(t.revisits), "Areas with a WSoA whose revisit was published on or before the as-at date.",
          src, fr, "Areas revisited", SP_ID_REVISITS_COUNT), t.revisits, NULL, NULL, R_REVISITS);
    static const char *const oname[] = {"", "all", "some", "none"};
    static const char *const olabel[] = {"", "Revisits: sufficient progress on all weaknesses",
        "Revisits: sufficient progress on some weaknesses", "Revisits: sufficient progress on no weaknesses"};
    static const char *const odef[] = {"",
        "Revisited areas found to have made sufficient progress in addressing all significant weaknesses (published outcome \"Yes\").",
        "Revisited areas found to have made sufficient progress in addressing some but not all significant weaknesses (\"Some\").",
        "Revisited areas found not to have made sufficient progress in addressing any significant weakness (\"No\")."};
    for (int o = 1; o <= 3; o++) {
        char *id = g_strdup_printf(SP_IDF_REVISITS_OUTCOME_COUNT, oname[o]);
        tr_sum(bd_count(a, bd_list_sum(t.outcome[o]), odef[o], src, fr, olabel[o], "%s", id),
               t.outcome[o], NULL, NULL, R_OUTCOME);
        g_free(id);
    }
    for (int o = 1; o <= 3; o++) {
        char *id = g_strdup_printf(SP_IDF_REVISITS_OUTCOME_SHARE, oname[o]);
        char *lbl = g_strdup_printf("%s (share of revisited)", olabel[o]);
        tr_ratio(bd_share(a, bd_list_sum(t.outcome[o]), bd_list_sum(t.revisits), "Revisited areas with this outcome divided by areas revisited; 95% Wilson score interval.",
              src, fr, lbl, id), t.outcome[o], t.revisits, NULL, NULL, R_REVISITS);
        g_free(id);
        g_free(lbl);
    }
    tr_sum(bd_count(a, bd_list_sum(t.pending), "Inspected areas with a WSoA whose revisit had not been published by the as-at date.",
          src, fr, "Areas with a WSoA awaiting a revisit", SP_ID_REVISITS_PENDING_COUNT), t.pending, NULL, NULL, R_PENDING);
    tr_sum(bd_count(a, bd_list_sum(t.revisit_identified), "Significant weaknesses identified in the WSoAs of revisited areas.",
          src, fr, "Weaknesses in revisited areas", SP_ID_REVISITS_WEAKNESSES), t.revisit_identified, NULL, NULL, R_PROGRESS);
    tr_sum(bd_count(a, bd_list_sum(t.made), "Weaknesses in revisited areas where the revisit found sufficient progress.",
          src, fr, "Weaknesses with sufficient progress at revisit", SP_ID_REVISITS_PROGRESS_MADE), t.made, NULL, NULL, R_PROGRESS);
    tr_sum(bd_count(a, bd_list_sum(t.not_made), "Weaknesses in revisited areas where the revisit found insufficient progress.",
          src, fr, "Weaknesses without sufficient progress at revisit", SP_ID_REVISITS_PROGRESS_NOT_MADE), t.not_made, NULL, NULL, R_PROGRESS);
    tr_ratio(bd_share(a, bd_list_sum(t.made), bd_list_sum(t.assessed),
          "Weaknesses with sufficient progress divided by weaknesses assessed at revisit (with plus without sufficient progress); 95% Wilson score interval.",
          src, fr, "Share of weaknesses with sufficient progress at revisit", SP_ID_REVISITS_PROGRESS_MADE_SHARE),
          t.made, t.assessed, NULL, NULL, R_PROGRESS);
    tr_ratio(bd_share(a, bd_list_sum(t.not_made), bd_list_sum(t.assessed),
          "Weaknesses without sufficient progress divided by weaknesses assessed at revisit (with plus without sufficient progress); 95% Wilson score interval.",
          src, fr, "Share of weaknesses without sufficient progress at revisit", SP_ID_REVISITS_PROGRESS_NOT_MADE_SHARE),
          t.not_made, t.assessed, NULL, NULL, R_PROGRESS);
    tally_free(&t);
}

/* The median of a list's contributions, traced as such; nothing when empty. */
static void median_fig(agg *a, GArray *m, const char *def, const char *src, const char *fl,
                       const char *label, const char *id, GArray *scope, const char *outside)
{
    if (!m->len)
        return;
    double *w = g_new(double, m->len);
    for (guint i = 0; i < m->len; i++)
        w[i] = g_array_index(m, bd_ref, i).v;
    sp_figure *x = bd_count(a, sp_median(w, (int)m->len), def, src, fl, label, "%s", id);
    g_free(w);
    bd_trace(x, (bd_trace_spec){.kind = SP_REC_INSPECTION_2016, .how = SP_HOW_MEDIAN, .val = m,
                                .scope = scope, .outside = outside,
                                .uncounted = "no written statement of action, or its weaknesses not recorded"});
}

/* --- previous framework: regions, years, months -------------------------- */

static void regions(agg *a, GPtrArray *inc)
{
    GPtrArray *names = g_ptr_array_new();
    for (guint i = 0; i < inc->len; i++)
        g_ptr_array_add(names, REC(inc, i)->region);
    a->f->regions = bd_groups_from(names, &a->f->n_regions);
    int *group_of = bd_group_index(a->f->regions, a->f->n_regions, names);
    g_ptr_array_free(names, TRUE);

    for (size_t r = 0; r < a->f->n_regions; r++) {
        const sp_group *g = &a->f->regions[r];
        tally t;
        tally_init(&t);
        for (guint i = 0; i < inc->len; i++)
            if (group_of[i] == (int)r)
                tally_add(a, &t, g_ptr_array_index(inc, i));
        const char *src = a->src_2016, *fl = a->filter;
        char *outside = g_strdup_printf("not in region %s", g->name);
        char *lbl, *def;
#define REGION_FIG(list, lblfmt, deftext, idfmt, filt, why)                                \
        lbl = g_strdup_printf(lblfmt, g->name);                                             \
        def = g_strdup_printf(deftext, g->name);                                            \
        tr_sum(bd_count(a, bd_list_sum(list), def, src, filt, lbl, idfmt, g->slug), \
               list, t.inspected, outside, why);                                            \
        g_free(lbl); g_free(def);
        REGION_FIG(t.inspected, "Areas inspected: %s",
                   "Local areas in the %s Ofsted region whose inspection was published on or before the as-at date.",
                   SP_IDF_REGION_INSPECTIONS_COUNT, fl, NULL)
        REGION_FIG(t.wsoa, "Areas with a WSoA: %s",
                   "Inspected areas in the %s Ofsted region required to produce a written statement of action.",
                   SP_IDF_REGION_WSOA_COUNT, fl, R_WSOA)
        lbl = g_strdup_printf("Share of inspected areas with a WSoA: %s", g->name);
        char *id = g_strdup_printf(SP_IDF_REGION_WSOA_SHARE, g->slug);
        tr_ratio(bd_share(a, bd_list_sum(t.wsoa), bd_list_sum(t.inspected), "Areas with a WSoA divided by areas inspected in the region; 95% Wilson score interval.",
              src, fl, lbl, id), t.wsoa, t.inspected, t.inspected, outside, NULL);
        g_free(lbl); g_free(id);
        REGION_FIG(t.weaknesses, "Significant weaknesses identified: %s",
                   "Sum of significant weaknesses identified in WSoAs of inspected areas in the %s Ofsted region.",
                   SP_IDF_REGION_WEAKNESSES_TOTAL, fl, R_WEAK)
        REGION_FIG(t.revisits, "Areas revisited: %s",
                   "Areas with a WSoA in the %s Ofsted region whose revisit was published on or before the as-at date.",
                   SP_IDF_REGION_REVISITS_COUNT, a->filter_revisit, R_REVISITS)
        REGION_FIG(t.pending, "Areas awaiting a revisit: %s",
                   "Areas with a WSoA in the %s Ofsted region whose revisit had not been published by the as-at date.",
                   SP_IDF_REGION_REVISITS_PENDING_COUNT, a->filter_revisit, R_PENDING)
        REGION_FIG(t.made, "Weaknesses with sufficient progress at revisit: %s",
                   "Weaknesses in revisited areas of the %s Ofsted region where the revisit found sufficient progress.",
                   SP_IDF_REGION_REVISITS_PROGRESS_MADE, a->filter_revisit, R_PROGRESS)
        REGION_FIG(t.not_made, "Weaknesses without sufficient progress at revisit: %s",
                   "Weaknesses in revisited areas of the %s Ofsted region where the revisit found insufficient progress.",
                   SP_IDF_REGION_REVISITS_PROGRESS_NOT_MADE, a->filter_revisit, R_PROGRESS)
#undef REGION_FIG
        lbl = g_strdup_printf("Share of weaknesses with sufficient progress at revisit: %s", g->name);
        id = g_strdup_printf(SP_IDF_REGION_REVISITS_PROGRESS_MADE_SHARE, g->slug);
        tr_ratio(bd_share(a, bd_list_sum(t.made), bd_list_sum(t.assessed),
              "Weaknesses with sufficient progress divided by weaknesses assessed at revisit in the region; 95% Wilson score interval.",
              src, a->filter_revisit, lbl, id), t.made, t.assessed, t.inspected, outside, R_PROGRESS);
        g_free(lbl); g_free(id);
        lbl = g_strdup_printf("Share of weaknesses without sufficient progress at revisit: %s", g->name);
        id = g_strdup_printf(SP_IDF_REGION_REVISITS_PROGRESS_NOT_MADE_SHARE, g->slug);
        tr_ratio(bd_share(a, bd_list_sum(t.not_made), bd_list_sum(t.assessed),
                          "Weaknesses without sufficient progress divided by weaknesses assessed at revisit, in the region; 95% Wilson score interval.",
                          src, a->filter_revisit, lbl, id), t.not_made, t.assessed, t.inspected, outside, R_PROGRESS);
        g_free(lbl); g_free(id);
        lbl = g_strdup_printf("Median weaknesses per WSoA area: %s", g->name);
        id = g_strdup_printf(SP_IDF_REGION_WEAKNESSES_MEDIAN, g->slug);
        def = g_strdup_printf("Median number of significant weaknesses identified per area with a WSoA in the %s Ofsted region.", g->name);
        median_fig(a, t.weak_median, def, src, fl, lbl, id, t.inspected, outside);
        g_free(lbl); g_free(id); g_free(def);
        g_free(outside);
        tally_free(&t);
    }
    g_free(group_of);
}

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

static void years(agg *a, GPtrArray *inc)
{
    GArray *ys = g_array_new(FALSE, FALSE, sizeof(int));
    for (guint i = 0; i < inc->len; i++) {
        int y = SP_DATE_YEAR(REC(inc, i)->published);
        bool seen = false;
        for (guint j = 0; j < ys->len && !seen; j++)
            seen = g_array_index(ys, int, j) == y;
        if (!seen)
            g_array_append_val(ys, y);
    }
    g_array_sort(ys, cmp_int);
    a->f->n_years = ys->len;
    a->f->years = (int *)(void *)g_array_free(ys, FALSE);
    for (size_t k = 0; k < a->f->n_years; k++) {
        int y = a->f->years[k];
        GArray *n = bd_list_new(), *w = bd_list_new();
        for (guint i = 0; i < inc->len; i++) {
            const sp_inspection_view *e = g_ptr_array_index(inc, i);
            if (SP_DATE_YEAR(e->rec->published) == y) {
                bd_list_add(n, IDX(a, e), 1);
                if (e->rec->wsoa)
                    bd_list_add(w, IDX(a, e), 1);
            }
        }
        char *outside = g_strdup_printf("not published in %d", y);
        char *lbl = g_strdup_printf("Areas inspected: published in %d", y);
        tr_sum(bd_count(a, bd_list_sum(n), "Inspections published in the calendar year (and on or before the as-at date).",
              a->src_2016, a->filter, lbl, SP_IDF_YEAR_INSPECTIONS_COUNT, y), n, n, outside, NULL);
        g_free(lbl);
        lbl = g_strdup_printf("Areas with a WSoA: published in %d", y);
        tr_sum(bd_count(a, bd_list_sum(w), "Inspections published in the calendar year that required a WSoA.",
              a->src_2016, a->filter, lbl, SP_IDF_YEAR_WSOA_COUNT, y), w, n, outside, R_WSOA);
        g_free(lbl);
        lbl = g_strdup_printf("Share with a WSoA: published in %d", y);
        char *id = g_strdup_printf(SP_IDF_YEAR_WSOA_SHARE, y);
        tr_ratio(bd_share(a, bd_list_sum(w), bd_list_sum(n), "Inspections published in the year with a WSoA divided by inspections published in the year; 95% Wilson score interval.",
              a->src_2016, a->filter, lbl, id), w, n, n, outside, NULL);
        g_free(lbl);
        g_free(id);
        g_free(outside);
        bd_list_unref(n);
        bd_list_unref(w);
    }
}

static void months(agg *a, GPtrArray *inc)
{
    if (!inc->len)
        return;
    sp_date first = a->D;
    for (guint i = 0; i < inc->len; i++)
        first = MIN(first, REC(inc, i)->published);
    int y = SP_DATE_YEAR(first), m = SP_DATE_MONTH(first);
    int ey = SP_DATE_YEAR(a->D), em = SP_DATE_MONTH(a->D);
    while (y < ey || (y == ey && m <= em)) {
        sp_date end = sp_date_make(y, m, 31); /* compares after every day of the month */
        GArray *n = bd_list_new(), *w = bd_list_new();
        for (guint i = 0; i < inc->len; i++) {
            const sp_inspection_view *e = g_ptr_array_index(inc, i);
            if (e->rec->published <= end) {
                bd_list_add(n, IDX(a, e), 1);
                if (e->rec->wsoa)
                    bd_list_add(w, IDX(a, e), 1);
            }
        }
        char *outside = g_strdup_printf("published after the end of %04d-%02d", y, m);
        char *lbl = g_strdup_printf("Inspections published by the end of %04d-%02d", y, m);
        tr_sum(bd_count(a, bd_list_sum(n), "Cumulative inspections published up to the end of the month (or the as-at date).",
              a->src_2016, a->filter, lbl, SP_IDF_MONTH_INSPECTIONS_CUMULATIVE, y, m), n, n, outside, NULL);
        g_free(lbl);
        lbl = g_strdup_printf("WSoAs published by the end of %04d-%02d", y, m);
        tr_sum(bd_count(a, bd_list_sum(w), "Cumulative inspections requiring a WSoA published up to the end of the month (or the as-at date).",
              a->src_2016, a->filter, lbl, SP_IDF_MONTH_WSOA_CUMULATIVE, y, m), w, n, outside, R_WSOA);
        g_free(lbl);
        g_free(outside);
        bd_list_unref(n);
        bd_list_unref(w);
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
}

/* --- 2023 framework ------------------------------------------------------ */

/* A 2023-framework total of list. */
static void tr23(sp_figure *x, GArray *list, GArray *scope, const char *outside, const char *why)
{
    bd_trace(x, (bd_trace_spec){.kind = SP_REC_INSPECTION_2023, .how = SP_HOW_SUM, .val = list,
                                .scope = scope, .outside = outside, .uncounted = why});
}

static void outcome_block(agg *a, GPtrArray *rows, const char *prefix, const char *where,
                          const char *outside)
{
    GArray *all = bd_list_new(), *c[4], *pap = bd_list_new(), *actions = bd_list_new();
    for (int o = 0; o < 4; o++)
        c[o] = bd_list_new();
    for (guint i = 0; i < rows->len; i++) {
        const sp_inspection_view *e = g_ptr_array_index(rows, i);
        const sp_inspection *in = e->rec;
        bd_list_add(all, IDX(a, e), 1);
        bd_list_add(c[in->outcome], IDX(a, e), 1);
        if (in->priority_action_plan)
            bd_list_add(pap, IDX(a, e), in->priority_action_plan);
        if (in->priority_actions > 0)
            bd_list_add(actions, IDX(a, e), in->priority_actions);
    }
    GArray *scope = *prefix ? all : NULL;
    double n = bd_list_sum(all);
    const char *src = a->src_2023, *fl = a->filter_2023;
    char *lbl = g_strdup_printf("Areas inspected under the 2023 framework%s", where);
    tr23(bd_count(a, n, "Local area partnerships whose inspection under the 2023 framework was published on or before the as-at date.",
          src, fl, lbl, "%s" SP_ID_OUTCOME_INSPECTIONS_COUNT, prefix), all, scope, outside, NULL);
    g_free(lbl);
    for (int o = SP_OUTCOME_POSITIVE; o <= SP_OUTCOME_SYSTEMIC; o++) {
        lbl = g_strdup_printf("%s%s", sp_outcome_label((sp_outcome)o), where);
        char *def = g_strdup_printf("Inspections under the 2023 framework with the outcome \"%s\".", sp_outcome_label((sp_outcome)o));
        tr23(bd_count(a, bd_list_sum(c[o]), def, src, fl, lbl, "%s" SP_IDF_OUTCOME_COUNT, prefix, sp_outcome_name((sp_outcome)o)),
             c[o], scope, outside, "another outcome");
        char *id = g_strdup_printf("%s" SP_IDF_OUTCOME_SHARE, prefix, sp_outcome_name((sp_outcome)o));
        char *lbl2 = g_strdup_printf("Share: %s", lbl);
        bd_trace(bd_share(a, bd_list_sum(c[o]), n, "Inspections with this outcome divided by inspections under the 2023 framework; 95% Wilson score interval.",
              src, fl, lbl2, id),
              (bd_trace_spec){.kind = SP_REC_INSPECTION_2023, .how = SP_HOW_RATIO, .num = c[o],
                              .den = all, .scope = scope, .outside = outside});
        g_free(lbl); g_free(lbl2); g_free(def); g_free(id);
    }
    if (!*prefix) {
        tr23(bd_count(a, bd_list_sum(pap), "Inspections under the 2023 framework that required a priority action plan.",
              src, fl, "Areas required to produce a priority action plan", SP_ID_OUTCOME_PAP_COUNT),
             pap, NULL, NULL, "no priority action plan required");
        tr23(bd_count(a, bd_list_sum(actions), "Sum of the areas for priority action identified in 2023-framework inspections.",
              src, fl, "Areas for priority action identified", SP_ID_OUTCOME_PRIORITY_ACTIONS_TOTAL),
             actions, NULL, NULL, "no areas for priority action recorded");
    }
    bd_list_unref(all); bd_list_unref(pap); bd_list_unref(actions);
    for (int o = 0; o < 4; o++)
        bd_list_unref(c[o]);
}

static void framework_2023(agg *a, GPtrArray *inc23)
{
    a->f->has_2023 = a->v->has_2023;
    if (!inc23->len)
        return;
    outcome_block(a, inc23, "", "", NULL);
    GPtrArray *names = g_ptr_array_new();
    for (guint i = 0; i < inc23->len; i++)
        g_ptr_array_add(names, REC(inc23, i)->region);
    a->f->regions_2023 = bd_groups_from(names, &a->f->n_regions_2023);
    int *group_of = bd_group_index(a->f->regions_2023, a->f->n_regions_2023, names);
    g_ptr_array_free(names, TRUE);
    for (size_t r = 0; r < a->f->n_regions_2023; r++) {
        const sp_group *g = &a->f->regions_2023[r];
        GPtrArray *rows = g_ptr_array_new();
        for (guint i = 0; i < inc23->len; i++)
            if (group_of[i] == (int)r)
                g_ptr_array_add(rows, g_ptr_array_index(inc23, i));
        char *prefix = g_strdup_printf(SP_IDF_REGION_, g->slug);
        char *where = g_strdup_printf(": %s", g->name);
        char *outside = g_strdup_printf("not in region %s", g->name);
        outcome_block(a, rows, prefix, where, outside);
        g_free(prefix); g_free(where); g_free(outside);
        g_ptr_array_free(rows, TRUE);
    }
    g_free(group_of);
}


void sp_breakdown_inspections(agg *a)
{
    GPtrArray *inc = g_ptr_array_new(), *inc23 = g_ptr_array_new();
    for (size_t i = 0; i < a->v->n_inspections; i++) {
        const sp_inspection_view *e = &a->v->inspections[i];
        if (e->included)
            g_ptr_array_add(e->rec->framework == SP_FRAMEWORK_2023 ? inc23 : inc, (gpointer)e);
    }
    national(a, inc);
    regions(a, inc);
    years(a, inc);
    months(a, inc);
    framework_2023(a, inc23);
    g_ptr_array_free(inc, TRUE);
    g_ptr_array_free(inc23, TRUE);
}
