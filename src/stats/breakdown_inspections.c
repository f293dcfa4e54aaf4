/* breakdown_inspections.c: the figures of the inspections source (Ofsted's
 * area SEND inspections and revisits, both frameworks): national, first N,
 * revisits, regions, years, months, 2023-framework outcomes.
 * Pure: no I/O, no formatting beyond the words of labels. */
#include "breakdown.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sendpack/stats.h"

/* --- previous framework: national, first N, revisits -------------------- */

typedef struct {
    double inspected, wsoa, weaknesses, revisits, pending, made, not_made, revisit_identified;
    double outcome[4];
} tally;

static void tally_add(tally *t, const sp_inspection_view *e)
{
    const sp_inspection *in = e->rec;
    t->inspected++;
    if (!in->wsoa)
        return;
    t->wsoa++;
    if (in->weaknesses > 0)
        t->weaknesses += in->weaknesses;
    if (!e->revisit_included) {
        t->pending++;
        return;
    }
    t->revisits++;
    t->outcome[in->revisit_outcome]++;
    if (in->weaknesses > 0)
        t->revisit_identified += in->weaknesses;
    if (in->progress_made > 0)
        t->made += in->progress_made;
    if (in->progress_not_made > 0)
        t->not_made += in->progress_not_made;
}

static int cmp_first_n(const void *x, const void *y)
{
    const sp_inspection *a = *(const sp_inspection *const *)x, *b = *(const sp_inspection *const *)y;
    if (a->published != b->published)
        return a->published < b->published ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    int c = strcmp(a->la_code, b->la_code);
    return c ? c : strcmp(a->area_name, b->area_name);
}

static void national(agg *a, GPtrArray *inc)
{
    tally t = {0};
    GArray *weak = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < inc->len; i++) {
        const sp_inspection *in = REC(inc, i);
        tally_add(&t, g_ptr_array_index(inc, i));
        if (in->wsoa && in->weaknesses >= 0) {
            double w = in->weaknesses;
            g_array_append_val(weak, w);
        }
    }
    const char *src = a->src_2016, *fl = a->filter;
    bd_count(a, t.inspected, "Local areas whose area SEND inspection (2016 framework) was published on or before the as-at date.",
          src, fl, "Areas inspected", "inspections.count");
    bd_count(a, t.wsoa, "Inspected areas that were required to produce a written statement of action (WSoA) because of significant weaknesses.",
          src, fl, "Areas with a written statement of action", "wsoa.count");
    bd_share(a, t.wsoa, t.inspected, "Areas with a WSoA divided by areas inspected; 95% Wilson score interval.",
          src, fl, "Share of inspected areas with a written statement of action", "wsoa.share");
    bd_count(a, t.weaknesses, "Sum of the significant weaknesses identified in the WSoAs of inspected areas.",
          src, fl, "Significant weaknesses identified", "weaknesses.identified.total");
    if (weak->len)
        bd_count(a, sp_median((double *)(void *)weak->data, (int)weak->len),
              "Median number of significant weaknesses identified per area with a WSoA.",
              src, fl, "Median weaknesses per WSoA area", "weaknesses.identified.median");
    g_array_free(weak, TRUE);

    /* first N by publication date */
    GPtrArray *sorted = g_ptr_array_new();
    for (guint i = 0; i < inc->len; i++)
        g_ptr_array_add(sorted, (gpointer)REC(inc, i));
    if (sorted->len > 1)
        qsort(sorted->pdata, sorted->len, sizeof(gpointer), cmp_first_n);
    guint n = MIN(sorted->len, (guint)a->f->first_n);
    double fw = 0;
    for (guint i = 0; i < n; i++)
        fw += ((const sp_inspection *)g_ptr_array_index(sorted, i))->wsoa;
    g_ptr_array_free(sorted, TRUE);
    char *fl_n = g_strdup_printf("first %d inspections by publication date (ties: start date, then code), published on or before %s",
                                 a->f->first_n, a->iso);
    bd_count(a, n, "The first N inspections by publication date, as Ofsted reported progress part-way through the programme.",
          src, fl_n, "Areas inspected (first N)", "first_n.inspections.count");
    bd_count(a, fw, "Areas with a WSoA among the first N inspections by publication date.",
          src, fl_n, "Areas with a WSoA (first N)", "first_n.wsoa.count");
    bd_share(a, fw, n, "Areas with a WSoA divided by areas inspected, among the first N inspections; 95% Wilson score interval.",
          src, fl_n, "Share with a WSoA (first N)", "first_n.wsoa.share");
    g_free(fl_n);

    /* revisits */
    const char *fr = a->filter_revisit;
    bd_count(a, t.revisits, "Areas with a WSoA whose revisit was published on or before the as-at date.",
          src, fr, "Areas revisited", "revisits.count");
    static const char *const oname[] = {"", "all", "some", "none"};
    static const char *const olabel[] = {"", "Revisits: sufficient progress on all weaknesses",
        "Revisits: sufficient progress on some weaknesses", "Revisits: sufficient progress on no weaknesses"};
    static const char *const odef[] = {"",
        "Revisited areas found to have made sufficient progress in addressing all significant weaknesses (published outcome \"Yes\").",
        "Revisited areas found to have made sufficient progress in addressing some but not all significant weaknesses (\"Some\").",
        "Revisited areas found not to have made sufficient progress in addressing any significant weakness (\"No\")."};
    for (int o = 1; o <= 3; o++) {
        char *id = g_strdup_printf("revisits.outcome.%s.count", oname[o]);
        bd_count(a, t.outcome[o], odef[o], src, fr, olabel[o], "%s", id);
        g_free(id);
    }
    for (int o = 1; o <= 3; o++) {
        char *id = g_strdup_printf("revisits.outcome.%s.share", oname[o]);
        char *lbl = g_strdup_printf("%s (share of revisited)", olabel[o]);
        bd_share(a, t.outcome[o], t.revisits, "Revisited areas with this outcome divided by areas revisited; 95% Wilson score interval.",
              src, fr, lbl, id);
        g_free(id);
        g_free(lbl);
    }
    bd_count(a, t.pending, "Inspected areas with a WSoA whose revisit had not been published by the as-at date.",
          src, fr, "Areas with a WSoA awaiting a revisit", "revisits.pending.count");
    bd_count(a, t.revisit_identified, "Significant weaknesses identified in the WSoAs of revisited areas.",
          src, fr, "Weaknesses in revisited areas", "revisits.weaknesses.identified");
    bd_count(a, t.made, "Weaknesses in revisited areas where the revisit found sufficient progress.",
          src, fr, "Weaknesses with sufficient progress at revisit", "revisits.weaknesses.progress_made");
    bd_count(a, t.not_made, "Weaknesses in revisited areas where the revisit found insufficient progress.",
          src, fr, "Weaknesses without sufficient progress at revisit", "revisits.weaknesses.progress_not_made");
    bd_share(a, t.made, t.made + t.not_made,
          "Weaknesses with sufficient progress divided by weaknesses assessed at revisit (with plus without sufficient progress); 95% Wilson score interval.",
          src, fr, "Share of weaknesses with sufficient progress at revisit", "revisits.weaknesses.progress_made.share");
}

/* --- previous framework: regions, years, months -------------------------- */

static void regions(agg *a, GPtrArray *inc)
{
    GPtrArray *names = g_ptr_array_new();
    for (guint i = 0; i < inc->len; i++)
        g_ptr_array_add(names, REC(inc, i)->region);
    a->f->regions = bd_groups_from(names, &a->f->n_regions);
    g_ptr_array_free(names, TRUE);

    for (size_t r = 0; r < a->f->n_regions; r++) {
        const sp_group *g = &a->f->regions[r];
        tally t = {0};
        for (guint i = 0; i < inc->len; i++) {
            char *s = sp_slug(REC(inc, i)->region);
            if (strcmp(s, g->slug) == 0)
                tally_add(&t, g_ptr_array_index(inc, i));
            g_free(s);
        }
        const char *src = a->src_2016, *fl = a->filter;
        char *lbl, *def;
#define REGION_FIG(expr_v, lblfmt, deftext, suffix, filt)                                  \
        lbl = g_strdup_printf(lblfmt, g->name);                                             \
        def = g_strdup_printf(deftext, g->name);                                            \
        bd_count(a, expr_v, def, src, filt, lbl, "region.%s.%s", g->slug, suffix);             \
        g_free(lbl); g_free(def);
        REGION_FIG(t.inspected, "Areas inspected: %s",
                   "Local areas in the %s Ofsted region whose inspection was published on or before the as-at date.",
                   "inspections.count", fl)
        REGION_FIG(t.wsoa, "Areas with a WSoA: %s",
                   "Inspected areas in the %s Ofsted region required to produce a written statement of action.",
                   "wsoa.count", fl)
        lbl = g_strdup_printf("Share of inspected areas with a WSoA: %s", g->name);
        char *id = g_strdup_printf("region.%s.wsoa.share", g->slug);
        bd_share(a, t.wsoa, t.inspected, "Areas with a WSoA divided by areas inspected in the region; 95% Wilson score interval.",
              src, fl, lbl, id);
        g_free(lbl); g_free(id);
        REGION_FIG(t.weaknesses, "Significant weaknesses identified: %s",
                   "Sum of significant weaknesses identified in WSoAs of inspected areas in the %s Ofsted region.",
                   "weaknesses.identified.total", fl)
        REGION_FIG(t.revisits, "Areas revisited: %s",
                   "Areas with a WSoA in the %s Ofsted region whose revisit was published on or before the as-at date.",
                   "revisits.count", a->filter_revisit)
        REGION_FIG(t.pending, "Areas awaiting a revisit: %s",
                   "Areas with a WSoA in the %s Ofsted region whose revisit had not been published by the as-at date.",
                   "revisits.pending.count", a->filter_revisit)
        REGION_FIG(t.made, "Weaknesses with sufficient progress at revisit: %s",
                   "Weaknesses in revisited areas of the %s Ofsted region where the revisit found sufficient progress.",
                   "revisits.weaknesses.progress_made", a->filter_revisit)
        REGION_FIG(t.not_made, "Weaknesses without sufficient progress at revisit: %s",
                   "Weaknesses in revisited areas of the %s Ofsted region where the revisit found insufficient progress.",
                   "revisits.weaknesses.progress_not_made", a->filter_revisit)
#undef REGION_FIG
    }
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
        double n = 0, w = 0;
        for (guint i = 0; i < inc->len; i++) {
            const sp_inspection *in = REC(inc, i);
            if (SP_DATE_YEAR(in->published) == y) {
                n++;
                w += in->wsoa;
            }
        }
        char *lbl = g_strdup_printf("Areas inspected: published in %d", y);
        bd_count(a, n, "Inspections published in the calendar year (and on or before the as-at date).",
              a->src_2016, a->filter, lbl, "year.%d.inspections.count", y);
        g_free(lbl);
        lbl = g_strdup_printf("Areas with a WSoA: published in %d", y);
        bd_count(a, w, "Inspections published in the calendar year that required a WSoA.",
              a->src_2016, a->filter, lbl, "year.%d.wsoa.count", y);
        g_free(lbl);
        lbl = g_strdup_printf("Share with a WSoA: published in %d", y);
        char *id = g_strdup_printf("year.%d.wsoa.share", y);
        bd_share(a, w, n, "Inspections published in the year with a WSoA divided by inspections published in the year; 95% Wilson score interval.",
              a->src_2016, a->filter, lbl, id);
        g_free(lbl);
        g_free(id);
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
        double n = 0, w = 0;
        for (guint i = 0; i < inc->len; i++) {
            const sp_inspection *in = REC(inc, i);
            if (in->published <= end) {
                n++;
                w += in->wsoa;
            }
        }
        char *lbl = g_strdup_printf("Inspections published by the end of %04d-%02d", y, m);
        bd_count(a, n, "Cumulative inspections published up to the end of the month (or the as-at date).",
              a->src_2016, a->filter, lbl, "month.%04d-%02d.inspections.cumulative", y, m);
        g_free(lbl);
        lbl = g_strdup_printf("WSoAs published by the end of %04d-%02d", y, m);
        bd_count(a, w, "Cumulative inspections requiring a WSoA published up to the end of the month (or the as-at date).",
              a->src_2016, a->filter, lbl, "month.%04d-%02d.wsoa.cumulative", y, m);
        g_free(lbl);
        if (++m > 12) {
            m = 1;
            y++;
        }
    }
}

/* --- 2023 framework ------------------------------------------------------ */

static void outcome_block(agg *a, GPtrArray *rows, const char *prefix, const char *where)
{
    double n = rows->len, c[4] = {0}, pap = 0, actions = 0;
    for (guint i = 0; i < rows->len; i++) {
        const sp_inspection *in = REC(rows, i);
        c[in->outcome]++;
        pap += in->priority_action_plan;
        if (in->priority_actions > 0)
            actions += in->priority_actions;
    }
    const char *src = a->src_2023, *fl = a->filter_2023;
    char *lbl = g_strdup_printf("Areas inspected under the 2023 framework%s", where);
    bd_count(a, n, "Local area partnerships whose inspection under the 2023 framework was published on or before the as-at date.",
          src, fl, lbl, "%soutcome.inspections.count", prefix);
    g_free(lbl);
    for (int o = SP_OUTCOME_POSITIVE; o <= SP_OUTCOME_SYSTEMIC; o++) {
        lbl = g_strdup_printf("%s%s", sp_outcome_label((sp_outcome)o), where);
        char *def = g_strdup_printf("Inspections under the 2023 framework with the outcome \"%s\".", sp_outcome_label((sp_outcome)o));
        bd_count(a, c[o], def, src, fl, lbl, "%soutcome.%s.count", prefix, sp_outcome_name((sp_outcome)o));
        char *id = g_strdup_printf("%soutcome.%s.share", prefix, sp_outcome_name((sp_outcome)o));
        char *lbl2 = g_strdup_printf("Share: %s", lbl);
        bd_share(a, c[o], n, "Inspections with this outcome divided by inspections under the 2023 framework; 95% Wilson score interval.",
              src, fl, lbl2, id);
        g_free(lbl); g_free(lbl2); g_free(def); g_free(id);
    }
    if (*prefix)
        return;
    bd_count(a, pap, "Inspections under the 2023 framework that required a priority action plan.",
          src, fl, "Areas required to produce a priority action plan", "outcome.priority_action_plan.count");
    bd_count(a, actions, "Sum of the areas for priority action identified in 2023-framework inspections.",
          src, fl, "Areas for priority action identified", "outcome.priority_actions.total");
}

static void framework_2023(agg *a, GPtrArray *inc23)
{
    a->f->has_2023 = a->v->has_2023;
    if (!inc23->len)
        return;
    outcome_block(a, inc23, "", "");
    GPtrArray *names = g_ptr_array_new();
    for (guint i = 0; i < inc23->len; i++)
        g_ptr_array_add(names, REC(inc23, i)->region);
    a->f->regions_2023 = bd_groups_from(names, &a->f->n_regions_2023);
    g_ptr_array_free(names, TRUE);
    for (size_t r = 0; r < a->f->n_regions_2023; r++) {
        const sp_group *g = &a->f->regions_2023[r];
        GPtrArray *rows = g_ptr_array_new();
        for (guint i = 0; i < inc23->len; i++) {
            char *s = sp_slug(REC(inc23, i)->region);
            if (strcmp(s, g->slug) == 0)
                g_ptr_array_add(rows, g_ptr_array_index(inc23, i));
            g_free(s);
        }
        char *prefix = g_strdup_printf("region.%s.", g->slug);
        char *where = g_strdup_printf(": %s", g->name);
        outcome_block(a, rows, prefix, where);
        g_free(prefix); g_free(where);
        g_ptr_array_free(rows, TRUE);
    }
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
