/* aggregate.c: every figure, computed from the model for an as-at date D and
 * a first-N cut. Pure: no I/O, no formatting beyond the words of labels.
 *
 * Design choice: one pass per breakdown over plain arrays, writing records in
 * a fixed order (national, first N, revisits, regions by name, years, months,
 * 2023 framework, funding, interventions, areas), so figures.json is stable. */
#include "sendpack/figures.h"
#include "figures_table.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sendpack/stats.h"

typedef struct {
    sp_figures *f;
    const sp_dataset *ds;
    sp_date D;
    char *src_2016, *src_2023, *src_funding, *src_interventions;
    char iso[16];        /* the as-at date, YYYY-MM-DD */
    char *filter;        /* "inspection published on or before 2021-03-31" */
    char *filter_revisit;
    char *filter_2023;
    char *filter_interventions;
    char *filter_funding;
    GHashTable *region_of_code; /* la_code -> region (borrowed strings) */
    GHashTable *region_of_name; /* lower-case area name -> region */
} agg;

/* --- small helpers ------------------------------------------------------ */

static bool included(const sp_inspection *in, sp_date D)
{
    return in->published != 0 && in->published <= D;
}

static bool revisit_included(const sp_inspection *in, sp_date D)
{
    return in->wsoa && in->revisit_published != 0 && in->revisit_published <= D;
}

static char *sources_of_kind(const sp_dataset *ds, const char *prefix, const char *publication)
{
    GString *s = g_string_new(publication);
    bool first = true;
    for (size_t i = 0; i < ds->n_inputs; i++) {
        if (!g_str_has_prefix(ds->inputs[i].kind, prefix))
            continue;
        char *base = g_path_get_basename(ds->inputs[i].path);
        g_string_append(s, first ? " (file: " : ", ");
        g_string_append(s, base);
        g_free(base);
        first = false;
    }
    if (!first)
        g_string_append_c(s, ')');
    return g_string_free(s, FALSE);
}

/* id and label built with printf formats. */
static sp_figure *count(agg *a, double v, const char *def, const char *src, const char *filter,
                        const char *label, const char *idfmt, ...) __attribute__((format(printf, 7, 8)));
static sp_figure *count(agg *a, double v, const char *def, const char *src, const char *filter,
                        const char *label, const char *idfmt, ...)
{
    va_list ap;
    va_start(ap, idfmt);
    char *id = g_strdup_vprintf(idfmt, ap);
    va_end(ap);
    sp_figure *x = sp_figures_add(a->f, id, SP_UNIT_COUNT, v, label, def, src, filter);
    g_free(id);
    return x;
}

static sp_figure *typed(agg *a, sp_unit unit, double v, const char *def, const char *src,
                        const char *filter, const char *label, const char *id)
{
    return sp_figures_add(a->f, id, unit, v, label, def, src, filter);
}

static void share(agg *a, double k, double n, const char *def, const char *src,
                  const char *filter, const char *label, const char *id)
{
    if (n > 0)
        sp_figures_add_share(a->f, id, k, n, label, def, src, filter);
}

static int cmp_group(const void *x, const void *y)
{
    const sp_group *a = x, *b = y;
    int c = strcmp(a->name, b->name);
    return c ? c : strcmp(a->slug, b->slug);
}

/* Distinct names -> sorted groups with slugs. */
static sp_group *groups_from(GPtrArray *names, size_t *n_out)
{
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    GArray *out = g_array_new(FALSE, TRUE, sizeof(sp_group));
    for (guint i = 0; i < names->len; i++) {
        const char *nm = g_ptr_array_index(names, i);
        if (!nm || !*nm)
            continue;
        char *slug = sp_slug(nm);
        if (!*slug || g_hash_table_contains(seen, slug)) {
            g_free(slug);
            continue;
        }
        sp_group g = {slug, g_strdup(nm)};
        g_array_append_val(out, g);
        g_hash_table_add(seen, slug);
    }
    g_hash_table_destroy(seen);
    if (out->len > 1)
        qsort(out->data, out->len, sizeof(sp_group), cmp_group);
    *n_out = out->len;
    return (sp_group *)g_array_free(out, out->len == 0);
}

static const char *region_of_area(agg *a, const char *code, const char *name)
{
    const char *r = NULL;
    if (code && *code)
        r = g_hash_table_lookup(a->region_of_code, code);
    if (!r && name && *name) {
        char *low = g_utf8_strdown(name, -1);
        r = g_hash_table_lookup(a->region_of_name, low);
        g_free(low);
    }
    return r;
}

/* --- previous framework: national, first N, revisits -------------------- */

typedef struct {
    double inspected, wsoa, weaknesses, revisits, pending, made, not_made, revisit_identified;
    double outcome[4];
} tally;

static void tally_add(tally *t, const sp_inspection *in, sp_date D)
{
    t->inspected++;
    if (!in->wsoa)
        return;
    t->wsoa++;
    if (in->weaknesses > 0)
        t->weaknesses += in->weaknesses;
    if (!revisit_included(in, D)) {
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
        const sp_inspection *in = g_ptr_array_index(inc, i);
        tally_add(&t, in, a->D);
        if (in->wsoa && in->weaknesses >= 0) {
            double w = in->weaknesses;
            g_array_append_val(weak, w);
        }
    }
    const char *src = a->src_2016, *fl = a->filter;
    count(a, t.inspected, "Local areas whose area SEND inspection (2016 framework) was published on or before the as-at date.",
          src, fl, "Areas inspected", "inspections.count");
    count(a, t.wsoa, "Inspected areas that were required to produce a written statement of action (WSoA) because of significant weaknesses.",
          src, fl, "Areas with a written statement of action", "wsoa.count");
    share(a, t.wsoa, t.inspected, "Areas with a WSoA divided by areas inspected; 95% Wilson score interval.",
          src, fl, "Share of inspected areas with a written statement of action", "wsoa.share");
    count(a, t.weaknesses, "Sum of the significant weaknesses identified in the WSoAs of inspected areas.",
          src, fl, "Significant weaknesses identified", "weaknesses.identified.total");
    if (weak->len)
        count(a, sp_median((double *)(void *)weak->data, (int)weak->len),
              "Median number of significant weaknesses identified per area with a WSoA.",
              src, fl, "Median weaknesses per WSoA area", "weaknesses.identified.median");
    g_array_free(weak, TRUE);

    /* first N by publication date */
    GPtrArray *sorted = g_ptr_array_new();
    for (guint i = 0; i < inc->len; i++)
        g_ptr_array_add(sorted, g_ptr_array_index(inc, i));
    if (sorted->len > 1)
        qsort(sorted->pdata, sorted->len, sizeof(gpointer), cmp_first_n);
    guint n = MIN(sorted->len, (guint)a->f->first_n);
    double fw = 0;
    for (guint i = 0; i < n; i++)
        fw += ((const sp_inspection *)g_ptr_array_index(sorted, i))->wsoa;
    g_ptr_array_free(sorted, TRUE);
    char *fl_n = g_strdup_printf("first %d inspections by publication date (ties: start date, then code), published on or before %s",
                                 a->f->first_n, a->iso);
    count(a, n, "The first N inspections by publication date, as Ofsted reported progress part-way through the programme.",
          src, fl_n, "Areas inspected (first N)", "first_n.inspections.count");
    count(a, fw, "Areas with a WSoA among the first N inspections by publication date.",
          src, fl_n, "Areas with a WSoA (first N)", "first_n.wsoa.count");
    share(a, fw, n, "Areas with a WSoA divided by areas inspected, among the first N inspections; 95% Wilson score interval.",
          src, fl_n, "Share with a WSoA (first N)", "first_n.wsoa.share");
    g_free(fl_n);

    /* revisits */
    const char *fr = a->filter_revisit;
    count(a, t.revisits, "Areas with a WSoA whose revisit was published on or before the as-at date.",
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
        count(a, t.outcome[o], odef[o], src, fr, olabel[o], "%s", id);
        g_free(id);
    }
    for (int o = 1; o <= 3; o++) {
        char *id = g_strdup_printf("revisits.outcome.%s.share", oname[o]);
        char *lbl = g_strdup_printf("%s (share of revisited)", olabel[o]);
        share(a, t.outcome[o], t.revisits, "Revisited areas with this outcome divided by areas revisited; 95% Wilson score interval.",
              src, fr, lbl, id);
        g_free(id);
        g_free(lbl);
    }
    count(a, t.pending, "Inspected areas with a WSoA whose revisit had not been published by the as-at date.",
          src, fr, "Areas with a WSoA awaiting a revisit", "revisits.pending.count");
    count(a, t.revisit_identified, "Significant weaknesses identified in the WSoAs of revisited areas.",
          src, fr, "Weaknesses in revisited areas", "revisits.weaknesses.identified");
    count(a, t.made, "Weaknesses in revisited areas where the revisit found sufficient progress.",
          src, fr, "Weaknesses with sufficient progress at revisit", "revisits.weaknesses.progress_made");
    count(a, t.not_made, "Weaknesses in revisited areas where the revisit found insufficient progress.",
          src, fr, "Weaknesses without sufficient progress at revisit", "revisits.weaknesses.progress_not_made");
    share(a, t.made, t.made + t.not_made,
          "Weaknesses with sufficient progress divided by weaknesses assessed at revisit (with plus without sufficient progress); 95% Wilson score interval.",
          src, fr, "Share of weaknesses with sufficient progress at revisit", "revisits.weaknesses.progress_made.share");
}

/* --- previous framework: regions, years, months -------------------------- */

static void regions(agg *a, GPtrArray *inc)
{
    GPtrArray *names = g_ptr_array_new();
    for (guint i = 0; i < inc->len; i++)
        g_ptr_array_add(names, ((sp_inspection *)g_ptr_array_index(inc, i))->region);
    a->f->regions = groups_from(names, &a->f->n_regions);
    g_ptr_array_free(names, TRUE);

    for (size_t r = 0; r < a->f->n_regions; r++) {
        const sp_group *g = &a->f->regions[r];
        tally t = {0};
        for (guint i = 0; i < inc->len; i++) {
            const sp_inspection *in = g_ptr_array_index(inc, i);
            char *s = sp_slug(in->region);
            if (strcmp(s, g->slug) == 0)
                tally_add(&t, in, a->D);
            g_free(s);
        }
        const char *src = a->src_2016, *fl = a->filter;
        char *lbl, *def;
#define REGION_FIG(expr_v, lblfmt, deftext, suffix, filt)                                  \
        lbl = g_strdup_printf(lblfmt, g->name);                                             \
        def = g_strdup_printf(deftext, g->name);                                            \
        count(a, expr_v, def, src, filt, lbl, "region.%s.%s", g->slug, suffix);             \
        g_free(lbl); g_free(def);
        REGION_FIG(t.inspected, "Areas inspected: %s",
                   "Local areas in the %s Ofsted region whose inspection was published on or before the as-at date.",
                   "inspections.count", fl)
        REGION_FIG(t.wsoa, "Areas with a WSoA: %s",
                   "Inspected areas in the %s Ofsted region required to produce a written statement of action.",
                   "wsoa.count", fl)
        lbl = g_strdup_printf("Share of inspected areas with a WSoA: %s", g->name);
        char *id = g_strdup_printf("region.%s.wsoa.share", g->slug);
        share(a, t.wsoa, t.inspected, "Areas with a WSoA divided by areas inspected in the region; 95% Wilson score interval.",
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
        int y = SP_DATE_YEAR(((sp_inspection *)g_ptr_array_index(inc, i))->published);
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
            const sp_inspection *in = g_ptr_array_index(inc, i);
            if (SP_DATE_YEAR(in->published) == y) {
                n++;
                w += in->wsoa;
            }
        }
        char *lbl = g_strdup_printf("Areas inspected: published in %d", y);
        count(a, n, "Inspections published in the calendar year (and on or before the as-at date).",
              a->src_2016, a->filter, lbl, "year.%d.inspections.count", y);
        g_free(lbl);
        lbl = g_strdup_printf("Areas with a WSoA: published in %d", y);
        count(a, w, "Inspections published in the calendar year that required a WSoA.",
              a->src_2016, a->filter, lbl, "year.%d.wsoa.count", y);
        g_free(lbl);
        lbl = g_strdup_printf("Share with a WSoA: published in %d", y);
        char *id = g_strdup_printf("year.%d.wsoa.share", y);
        share(a, w, n, "Inspections published in the year with a WSoA divided by inspections published in the year; 95% Wilson score interval.",
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
        first = MIN(first, ((sp_inspection *)g_ptr_array_index(inc, i))->published);
    int y = SP_DATE_YEAR(first), m = SP_DATE_MONTH(first);
    int ey = SP_DATE_YEAR(a->D), em = SP_DATE_MONTH(a->D);
    while (y < ey || (y == ey && m <= em)) {
        sp_date end = sp_date_make(y, m, 31); /* compares after every day of the month */
        double n = 0, w = 0;
        for (guint i = 0; i < inc->len; i++) {
            const sp_inspection *in = g_ptr_array_index(inc, i);
            if (in->published <= end) {
                n++;
                w += in->wsoa;
            }
        }
        char *lbl = g_strdup_printf("Inspections published by the end of %04d-%02d", y, m);
        count(a, n, "Cumulative inspections published up to the end of the month (or the as-at date).",
              a->src_2016, a->filter, lbl, "month.%04d-%02d.inspections.cumulative", y, m);
        g_free(lbl);
        lbl = g_strdup_printf("WSoAs published by the end of %04d-%02d", y, m);
        count(a, w, "Cumulative inspections requiring a WSoA published up to the end of the month (or the as-at date).",
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
        const sp_inspection *in = g_ptr_array_index(rows, i);
        c[in->outcome]++;
        pap += in->priority_action_plan;
        if (in->priority_actions > 0)
            actions += in->priority_actions;
    }
    const char *src = a->src_2023, *fl = a->filter_2023;
    char *lbl = g_strdup_printf("Areas inspected under the 2023 framework%s", where);
    count(a, n, "Local area partnerships whose inspection under the 2023 framework was published on or before the as-at date.",
          src, fl, lbl, "%soutcome.inspections.count", prefix);
    g_free(lbl);
    for (int o = SP_OUTCOME_POSITIVE; o <= SP_OUTCOME_SYSTEMIC; o++) {
        lbl = g_strdup_printf("%s%s", sp_outcome_label((sp_outcome)o), where);
        char *def = g_strdup_printf("Inspections under the 2023 framework with the outcome \"%s\".", sp_outcome_label((sp_outcome)o));
        count(a, c[o], def, src, fl, lbl, "%soutcome.%s.count", prefix, sp_outcome_name((sp_outcome)o));
        char *id = g_strdup_printf("%soutcome.%s.share", prefix, sp_outcome_name((sp_outcome)o));
        char *lbl2 = g_strdup_printf("Share: %s", lbl);
        share(a, c[o], n, "Inspections with this outcome divided by inspections under the 2023 framework; 95% Wilson score interval.",
              src, fl, lbl2, id);
        g_free(lbl); g_free(lbl2); g_free(def); g_free(id);
    }
    if (*prefix)
        return;
    count(a, pap, "Inspections under the 2023 framework that required a priority action plan.",
          src, fl, "Areas required to produce a priority action plan", "outcome.priority_action_plan.count");
    count(a, actions, "Sum of the areas for priority action identified in 2023-framework inspections.",
          src, fl, "Areas for priority action identified", "outcome.priority_actions.total");
}

static void framework_2023(agg *a, GPtrArray *inc23)
{
    a->f->has_2023 = inc23->len > 0;
    if (!inc23->len)
        return;
    outcome_block(a, inc23, "", "");
    GPtrArray *names = g_ptr_array_new();
    for (guint i = 0; i < inc23->len; i++)
        g_ptr_array_add(names, ((sp_inspection *)g_ptr_array_index(inc23, i))->region);
    a->f->regions_2023 = groups_from(names, &a->f->n_regions_2023);
    g_ptr_array_free(names, TRUE);
    for (size_t r = 0; r < a->f->n_regions_2023; r++) {
        const sp_group *g = &a->f->regions_2023[r];
        GPtrArray *rows = g_ptr_array_new();
        for (guint i = 0; i < inc23->len; i++) {
            sp_inspection *in = g_ptr_array_index(inc23, i);
            char *s = sp_slug(in->region);
            if (strcmp(s, g->slug) == 0)
                g_ptr_array_add(rows, in);
            g_free(s);
        }
        char *prefix = g_strdup_printf("region.%s.", g->slug);
        char *where = g_strdup_printf(": %s", g->name);
        outcome_block(a, rows, prefix, where);
        g_free(prefix); g_free(where);
        g_ptr_array_free(rows, TRUE);
    }
}

/* --- funding and interventions ------------------------------------------ */

/* The region (or "England") a funding line goes to, for the breakdown. */
static const char *recipient_region(agg *a, const sp_funding *fl)
{
    if (g_ascii_strcasecmp(fl->recipient, "England") == 0)
        return "England";
    const char *r = region_of_area(a, fl->recipient, NULL);
    if (r)
        return r;
    return fl->recipient; /* a region named directly */
}

static void funding(agg *a)
{
    const sp_dataset *ds = a->ds;
    if (!ds->n_funding)
        return;
    double by_status[3] = {0}, total = 0;
    GPtrArray *names = g_ptr_array_new(), *rnames = g_ptr_array_new();
    for (size_t i = 0; i < ds->n_funding; i++) {
        by_status[ds->funding[i].status] += ds->funding[i].amount_gbp;
        total += ds->funding[i].amount_gbp;
        g_ptr_array_add(names, ds->funding[i].programme);
        g_ptr_array_add(rnames, (gpointer)recipient_region(a, &ds->funding[i]));
    }
    const char *src = a->src_funding, *fl = a->filter_funding;
    typed(a, SP_UNIT_GBP, by_status[SP_FUNDING_COMMITTED], "Sum of funding lines with status committed (contracts let or grants made).",
          src, fl, "Funding committed", "funding.committed_gbp");
    typed(a, SP_UNIT_GBP, by_status[SP_FUNDING_OPTIONAL_EXTENSION], "Sum of funding lines that are options to extend a contract, not yet taken up.",
          src, fl, "Funding in optional extensions", "funding.optional_gbp");
    typed(a, SP_UNIT_GBP, by_status[SP_FUNDING_ANNOUNCED], "Sum of funding lines announced but not yet committed.",
          src, fl, "Funding announced", "funding.announced_gbp");
    typed(a, SP_UNIT_GBP, total, "Sum of all funding lines: committed, optional extensions and announced.",
          src, fl, "Funding, all lines", "funding.total_gbp");
    count(a, ds->n_funding, "Funding lines in the funding file.", src, fl, "Funding lines", "funding.lines.count");

    a->f->programmes = groups_from(names, &a->f->n_programmes);
    a->f->funding_regions = groups_from(rnames, &a->f->n_funding_regions);
    g_ptr_array_free(names, TRUE);
    g_ptr_array_free(rnames, TRUE);
    static const char *const sname[] = {"committed", "optional", "announced"};
    for (size_t p = 0; p < a->f->n_programmes; p++) {
        const sp_group *g = &a->f->programmes[p];
        double st[3] = {0};
        for (size_t i = 0; i < ds->n_funding; i++)
            if (strcmp(ds->funding[i].programme, g->name) == 0)
                st[ds->funding[i].status] += ds->funding[i].amount_gbp;
        char *id = g_strdup_printf("funding.programme.%s.total_gbp", g->slug);
        char *lbl = g_strdup_printf("Funding, all lines: %s", g->name);
        typed(a, SP_UNIT_GBP, st[0] + st[1] + st[2], "Sum of all funding lines of the programme.", src, fl, lbl, id);
        g_free(id); g_free(lbl);
        for (int s = 0; s < 3; s++) {
            id = g_strdup_printf("funding.programme.%s.%s_gbp", g->slug, sname[s]);
            lbl = g_strdup_printf("Funding %s: %s", s == 1 ? "in optional extensions" : sname[s], g->name);
            typed(a, SP_UNIT_GBP, st[s], "Sum of the programme's funding lines with this status.", src, fl, lbl, id);
            g_free(id); g_free(lbl);
        }
    }
    for (size_t r = 0; r < a->f->n_funding_regions; r++) {
        const sp_group *g = &a->f->funding_regions[r];
        double v = 0;
        for (size_t i = 0; i < ds->n_funding; i++) {
            char *s = sp_slug(recipient_region(a, &ds->funding[i]));
            if (strcmp(s, g->slug) == 0)
                v += ds->funding[i].amount_gbp;
            g_free(s);
        }
        char *id = g_strdup_printf("funding.region.%s.total_gbp", g->slug);
        char *lbl = g_strdup_printf("Funding, all lines, to recipients in: %s", g->name);
        typed(a, SP_UNIT_GBP, v, "Sum of funding lines whose recipient is the region, or a local authority in it (England: national lines).",
              src, fl, lbl, id);
        g_free(id); g_free(lbl);
    }
}

static bool intervention_included(const sp_intervention *v, sp_date D)
{
    return v->start == 0 || v->start <= D;
}

static void interventions(agg *a)
{
    const sp_dataset *ds = a->ds;
    if (!ds->n_interventions)
        return;
    const char *src = a->src_interventions, *fl = a->filter_interventions;
    double by_type[SP_INTERVENTION_N] = {0}, total = 0;
    for (size_t i = 0; i < ds->n_interventions; i++)
        if (intervention_included(&ds->interventions[i], a->D)) {
            by_type[ds->interventions[i].type]++;
            total++;
        }
    count(a, total, "Interventions and support in local areas (commissioners, statutory directions, advisers, safety valve agreements and other) started on or before the as-at date.",
          src, fl, "Interventions", "interventions.count");
    for (int t = 0; t < SP_INTERVENTION_N; t++) {
        char *lbl = g_strdup_printf("Interventions: %s", sp_intervention_type_name((sp_intervention_type)t));
        count(a, by_type[t], "Interventions of this type started on or before the as-at date.",
              src, fl, lbl, "interventions.%s.count", sp_intervention_type_name((sp_intervention_type)t));
        g_free(lbl);
    }
    for (size_t r = 0; r < a->f->n_regions; r++) {
        const sp_group *g = &a->f->regions[r];
        double bt[SP_INTERVENTION_N] = {0}, tot = 0;
        for (size_t i = 0; i < ds->n_interventions; i++) {
            const sp_intervention *v = &ds->interventions[i];
            if (!intervention_included(v, a->D))
                continue;
            const char *reg = region_of_area(a, v->la_code, v->area_name);
            if (!reg)
                continue;
            char *s = sp_slug(reg);
            if (strcmp(s, g->slug) == 0) {
                bt[v->type]++;
                tot++;
            }
            g_free(s);
        }
        char *lbl = g_strdup_printf("Interventions: %s", g->name);
        count(a, tot, "Interventions in local areas of the region started on or before the as-at date.",
              src, fl, lbl, "region.%s.interventions.count", g->slug);
        g_free(lbl);
        for (int t = 0; t < SP_INTERVENTION_N; t++) {
            lbl = g_strdup_printf("Interventions: %s: %s", sp_intervention_type_name((sp_intervention_type)t), g->name);
            count(a, bt[t], "Interventions of this type in local areas of the region started on or before the as-at date.",
                  src, fl, lbl, "region.%s.interventions.%s.count", g->slug,
                  sp_intervention_type_name((sp_intervention_type)t));
            g_free(lbl);
        }
    }
}

/* --- areas --------------------------------------------------------------- */

char *sp_area_key(const sp_inspection *in)
{
    if (in->la_code && *in->la_code)
        return g_ascii_strdown(in->la_code, -1);
    return sp_slug(in->area_name);
}

/* Per-area sums, keyed by lower-case code or lower-case name, so that each
 * area is one lookup rather than a scan of every intervention and line. */
typedef struct {
    GHashTable *int_by_code;      /* interventions given with a code */
    GHashTable *int_by_name_only; /* interventions given by name alone */
    GHashTable *int_by_name;      /* every intervention, by its name */
    GHashTable *gbp_by_code;      /* funding to a local authority */
} area_tallies;

static void bump(GHashTable *h, const char *key, double by)
{
    if (!key || !*key)
        return;
    char *k = g_utf8_strdown(key, -1);
    double *v = g_hash_table_lookup(h, k);
    if (v) {
        *v += by;
        g_free(k);
    } else {
        v = g_new(double, 1);
        *v = by;
        g_hash_table_insert(h, k, v);
    }
}

static double lookup_count(GHashTable *h, const char *key)
{
    if (!key || !*key)
        return 0;
    char *k = g_utf8_strdown(key, -1);
    double *v = g_hash_table_lookup(h, k);
    g_free(k);
    return v ? *v : 0;
}

static void area_tallies_init(area_tallies *t, const agg *a)
{
    GHashTable **all[] = {&t->int_by_code, &t->int_by_name_only, &t->int_by_name, &t->gbp_by_code};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        *all[i] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    for (size_t i = 0; i < a->ds->n_interventions; i++) {
        const sp_intervention *v = &a->ds->interventions[i];
        if (!intervention_included(v, a->D))
            continue;
        if (v->la_code && *v->la_code)
            bump(t->int_by_code, v->la_code, 1);
        else
            bump(t->int_by_name_only, v->area_name, 1);
        bump(t->int_by_name, v->area_name, 1);
    }
    for (size_t i = 0; i < a->ds->n_funding; i++)
        bump(t->gbp_by_code, a->ds->funding[i].recipient, a->ds->funding[i].amount_gbp);
}

static void area_tallies_clear(area_tallies *t)
{
    g_hash_table_destroy(t->int_by_code);
    g_hash_table_destroy(t->int_by_name_only);
    g_hash_table_destroy(t->int_by_name);
    g_hash_table_destroy(t->gbp_by_code);
}

static void areas(agg *a, GPtrArray *inc, GPtrArray *inc23)
{
    const sp_dataset *ds = a->ds;
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GArray *groups = g_array_new(FALSE, TRUE, sizeof(sp_group));
    GPtrArray *all[2] = {inc, inc23};
    for (int k = 0; k < 2; k++)
        for (guint i = 0; i < all[k]->len; i++) {
            const sp_inspection *in = g_ptr_array_index(all[k], i);
            char *key = sp_area_key(in);
            if (g_hash_table_contains(seen, key)) {
                g_free(key);
                continue;
            }
            g_hash_table_add(seen, g_strdup(key));
            sp_group g = {key, g_strdup(in->area_name)};
            g_array_append_val(groups, g);
        }
    g_hash_table_destroy(seen);
    /* key -> first inspection with that key, per framework */
    GHashTable *by_key[2];
    for (int k = 0; k < 2; k++) {
        by_key[k] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        for (guint i = 0; i < all[k]->len; i++) {
            sp_inspection *in = g_ptr_array_index(all[k], i);
            char *key = sp_area_key(in);
            if (g_hash_table_contains(by_key[k], key))
                g_free(key);
            else
                g_hash_table_insert(by_key[k], key, in);
        }
    }
    area_tallies tallies;
    area_tallies_init(&tallies, a);
    if (groups->len > 1)
        qsort(groups->data, groups->len, sizeof(sp_group), cmp_group);
    a->f->n_areas = groups->len;
    a->f->areas = (sp_group *)(void *)g_array_free(groups, groups->len == 0);

    for (size_t g = 0; g < a->f->n_areas; g++) {
        const char *key = a->f->areas[g].slug, *name = a->f->areas[g].name;
        const sp_inspection *p16 = g_hash_table_lookup(by_key[0], key);
        const sp_inspection *p23 = g_hash_table_lookup(by_key[1], key);
        const sp_inspection *any = p16 ? p16 : p23;
        char *lbl;
#define AREA_FIG(unit, v, lblfmt, def, src, filt, suffix)                                   \
        do {                                                                                \
            lbl = g_strdup_printf(lblfmt, name);                                            \
            char *id_ = g_strdup_printf("area.%s.%s", key, suffix);                         \
            typed(a, unit, v, def, src, filt, lbl, id_);                                    \
            g_free(lbl); g_free(id_);                                                       \
        } while (0)
        if (p16) {
            AREA_FIG(SP_UNIT_DATE, p16->published, "%s: inspection published",
                     "Publication date of the area's SEND inspection report (2016 framework).", a->src_2016, a->filter, "inspection.published");
            AREA_FIG(SP_UNIT_COUNT, p16->wsoa, "%s: written statement of action required (1 yes, 0 no)",
                     "1 if the inspection required a written statement of action, else 0.", a->src_2016, a->filter, "wsoa");
            if (p16->wsoa && p16->weaknesses >= 0)
                AREA_FIG(SP_UNIT_COUNT, p16->weaknesses, "%s: significant weaknesses identified",
                         "Significant weaknesses identified in the area's written statement of action.", a->src_2016, a->filter, "weaknesses.identified");
            if (revisit_included(p16, a->D)) {
                AREA_FIG(SP_UNIT_DATE, p16->revisit_published, "%s: revisit published",
                         "Publication date of the area's revisit report.", a->src_2016, a->filter_revisit, "revisit.published");
                if (p16->progress_made >= 0)
                    AREA_FIG(SP_UNIT_COUNT, p16->progress_made, "%s: weaknesses with sufficient progress at revisit",
                             "Weaknesses where the revisit found sufficient progress.", a->src_2016, a->filter_revisit, "weaknesses.progress_made");
                if (p16->progress_not_made >= 0)
                    AREA_FIG(SP_UNIT_COUNT, p16->progress_not_made, "%s: weaknesses without sufficient progress at revisit",
                             "Weaknesses where the revisit found insufficient progress.", a->src_2016, a->filter_revisit, "weaknesses.progress_not_made");
            }
        }
        if (p23) {
            AREA_FIG(SP_UNIT_DATE, p23->published, "%s: inspection published (2023 framework)",
                     "Publication date of the area's inspection under the 2023 framework.", a->src_2023, a->filter_2023, "outcome.published");
            if (p23->priority_actions >= 0)
                AREA_FIG(SP_UNIT_COUNT, p23->priority_actions, "%s: areas for priority action",
                         "Areas for priority action identified in the 2023-framework inspection.", a->src_2023, a->filter_2023, "outcome.priority_actions");
        }
        double nint = 0, gbp = 0;
        if (any->la_code && *any->la_code) {
            char *code = g_ascii_strdown(any->la_code, -1);
            nint = lookup_count(tallies.int_by_code, code) + lookup_count(tallies.int_by_name_only, any->area_name);
            gbp = lookup_count(tallies.gbp_by_code, code);
            g_free(code);
        } else {
            nint = lookup_count(tallies.int_by_name, any->area_name);
        }
        if (ds->n_interventions)
            AREA_FIG(SP_UNIT_COUNT, nint, "%s: interventions",
                     "Interventions in the area started on or before the as-at date.", a->src_interventions, a->filter_interventions, "interventions.count");
        if (ds->n_funding)
            AREA_FIG(SP_UNIT_GBP, gbp, "%s: funding to the local authority",
                     "Sum of funding lines whose recipient is the area's local authority.", a->src_funding, a->filter_funding, "funding.total_gbp");
#undef AREA_FIG
    }
    g_hash_table_destroy(by_key[0]);
    g_hash_table_destroy(by_key[1]);
    area_tallies_clear(&tallies);
}

/* --- entry point ---------------------------------------------------------- */

sp_date sp_dataset_latest(const sp_dataset *ds)
{
    sp_date d = 0;
    for (size_t i = 0; i < ds->n_inspections; i++) {
        d = MAX(d, ds->inspections[i].published);
        d = MAX(d, ds->inspections[i].revisit_published);
    }
    return d;
}

sp_figures *sp_figures_compute(const sp_dataset *ds, sp_date as_at, int first_n)
{
    sp_figures *f = g_new0(sp_figures, 1);
    f->as_at = as_at ? as_at : sp_dataset_latest(ds);
    f->first_n = first_n > 0 ? first_n : SP_FIRST_N_DEFAULT;
    agg a = {.f = f, .ds = ds, .D = f->as_at};
    sp_date_iso(f->as_at, a.iso, sizeof a.iso);
    const char *iso = a.iso;
    /* The publication each kind of input comes from; fictional fixtures
     * (model.h) are never sourced to Ofsted or DfE. */
    static const struct { const char *kind, *real, *fictional; } SOURCES[] = {
        {"inspections-2016", "Ofsted, Area SEND inspection and revisit outcomes",
         "Illustrative fixtures, fictional areas (not Ofsted data)"},
        {"inspections-2023", "Ofsted, Area SEND inspections under the 2023 framework",
         "Illustrative fixtures, fictional 2023-framework inspections (not Ofsted data)"},
        {"funding", "Funding lines as published in contract and funding announcements",
         "Illustrative fixtures, funding lines (partly invented)"},
        {"interventions", "Interventions in local areas as published by DfE",
         "Illustrative fixtures, interventions in fictional areas"}};
    char **slots[] = {&a.src_2016, &a.src_2023, &a.src_funding, &a.src_interventions};
    bool fictional = sp_dataset_fictional(ds);
    for (size_t i = 0; i < G_N_ELEMENTS(SOURCES); i++)
        *slots[i] = sources_of_kind(ds, SOURCES[i].kind,
                                    fictional ? SOURCES[i].fictional : SOURCES[i].real);
    a.filter = g_strdup_printf("inspection published on or before %s", iso);
    a.filter_revisit = g_strdup_printf("inspection and revisit published on or before %s", iso);
    a.filter_2023 = g_strdup_printf("2023-framework inspection published on or before %s", iso);
    a.filter_interventions = g_strdup_printf("intervention started on or before %s", iso);
    a.filter_funding = g_strdup("all funding lines in the file, whatever their dates");
    a.region_of_code = g_hash_table_new(g_str_hash, g_str_equal);
    a.region_of_name = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < ds->n_areas; i++) {
        g_hash_table_insert(a.region_of_code, ds->areas[i].la_code, ds->areas[i].region);
        g_hash_table_insert(a.region_of_name, g_utf8_strdown(ds->areas[i].name, -1), ds->areas[i].region);
    }
    for (size_t i = 0; i < ds->n_inspections; i++) {
        const sp_inspection *in = &ds->inspections[i];
        if (in->la_code && *in->la_code)
            g_hash_table_insert(a.region_of_code, in->la_code, in->region);
        g_hash_table_insert(a.region_of_name, g_utf8_strdown(in->area_name, -1), in->region);
    }

    typed(&a, SP_UNIT_DATE, f->as_at, "The date the figures are as at: records published after it are left out.",
          a.src_2016, a.filter, "As-at date", "as_at");
    GPtrArray *inc = g_ptr_array_new(), *inc23 = g_ptr_array_new();
    for (size_t i = 0; i < ds->n_inspections; i++) {
        sp_inspection *in = &ds->inspections[i];
        if (!included(in, f->as_at))
            continue;
        g_ptr_array_add(in->framework == SP_FRAMEWORK_2023 ? inc23 : inc, in);
    }
    national(&a, inc);
    regions(&a, inc);
    years(&a, inc);
    months(&a, inc);
    framework_2023(&a, inc23);
    funding(&a);
    interventions(&a);
    areas(&a, inc, inc23);

    g_ptr_array_free(inc, TRUE);
    g_ptr_array_free(inc23, TRUE);
    g_hash_table_destroy(a.region_of_code);
    g_hash_table_destroy(a.region_of_name);
    g_free(a.src_2016); g_free(a.src_2023); g_free(a.src_funding); g_free(a.src_interventions);
    g_free(a.filter); g_free(a.filter_revisit); g_free(a.filter_2023);
    g_free(a.filter_interventions); g_free(a.filter_funding);
    return f;
}
