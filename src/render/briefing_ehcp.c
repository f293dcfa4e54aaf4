/* briefing_ehcp.c: the EHC-plan timeliness tables (briefing_ehcp.h).
 *
 * Design choice: every number comes from a figure (ids_sen2.h) formatted as
 * a template would print it; only where an area's own row holds an EES
 * symbol instead of a count is the row itself read from the view, so the
 * symbol ("x", "c") is shown, never a 0 or a dash that hides why. */
#include "briefing_ehcp.h"

#include "sendpack/format.h"
#include "sendpack/ids_sen2.h"
#include "sendpack/template.h"

#include <stdio.h>
#include <string.h>

#define DASH "\xE2\x80\x93"
#define YEARS_SHOWN 5

/* A figure as a template prints it (used noted), or NULL. */
static char *fig_text(const sp_context *ctx, sp_used_ids *used, const char *fmt, const char *id)
{
    const sp_figure *f = sp_figures_get(ctx->figs, id);
    char *s = f ? sp_template_format(f, fmt) : NULL;
    if (s && used)
        sp_used_ids_add(used, id);
    return s;
}

static char *fig_or_dash(const sp_context *ctx, sp_used_ids *used, const char *fmt, char *id)
{
    char *s = fig_text(ctx, used, fmt, id);
    g_free(id);
    return s ? s : g_strdup(DASH);
}

/* The latest year with an England share, and the one before it (0 if none). */
static int latest_years(const sp_context *ctx, int *previous)
{
    const sp_view *v = ctx->view;
    int latest = 0;
    *previous = 0;
    for (size_t k = 0; v && k < v->n_sen2_years; k++)
        if (sp_figures_getf(ctx->figs, SP_IDF_EHCP_SHARE, v->sen2_years[k])) {
            *previous = latest;
            latest = v->sen2_years[k];
        }
    return latest;
}

static void add_row_owned(sp_table *t, char **cells)
{
    sp_table_add_row(t, (const char *const *)cells);
    for (size_t i = 0; i < t->ncols; i++)
        g_free(cells[i]);
}

sp_table *sp_ehcp_regions_table(const sp_context *ctx, sp_used_ids *used)
{
    int prev, latest = latest_years(ctx, &prev);
    if (!latest)
        return NULL;
    char *h1 = prev ? g_strdup_printf("%d", prev) : g_strdup(DASH);
    char *h2 = g_strdup_printf("%d", latest);
    char *h3 = g_strdup_printf("Within 20 weeks, %d", latest);
    const char *head[] = {"Region", h1, h2, h3, "95% interval"};
    static const bool num[] = {false, true, true, true, true};
    sp_table *t = sp_table_new(5, head, num);
    t->min_share[0] = 0.3;
    const sp_figures *fg = ctx->figs;
    for (size_t i = 0; i <= fg->n_regions; i++) {
        bool all = i == fg->n_regions;
        const char *slug = all ? NULL : fg->regions[i].slug;
#define ID(y) (all ? g_strdup_printf(SP_IDF_EHCP_SHARE, (y)) \
                   : g_strdup_printf(SP_IDF_REGION_EHCP_SHARE, slug, (y)))
        char *latest_id = ID(latest);
        const sp_figure *f = sp_figures_get(fg, latest_id);
        char ci[64] = DASH, a[16], b[16];
        if (f && f->has_ci)
            snprintf(ci, sizeof ci, "%s to %s", sp_fmt_pct(f->ci_low, a, sizeof a),
                     sp_fmt_pct(f->ci_high, b, sizeof b));
        char *cells[5] = {g_strdup(all ? "England" : fg->regions[i].name),
                          prev ? fig_or_dash(ctx, used, "pct", ID(prev)) : g_strdup(DASH),
                          fig_or_dash(ctx, used, "pct", g_strdup(latest_id)),
                          fig_or_dash(ctx, used, "of", g_strdup(latest_id)), g_strdup(ci)};
#undef ID
        add_row_owned(t, cells);
        g_free(latest_id);
    }
    g_free(h1);
    g_free(h2);
    g_free(h3);
    return t;
}

/* The area's cell for one year: its share, or the symbol its row shows. */
static char *area_cell(const sp_context *ctx, sp_used_ids *used, const sp_area_view *av, int y)
{
    char *id = g_strdup_printf(SP_IDF_AREA_EHCP_SHARE, av->key, y);
    char *s = fig_text(ctx, used, "pct", id);
    g_free(id);
    if (s)
        return s;
    for (size_t i = 0; i < av->n_sen2; i++) {
        const sp_sen2 *r = av->sen2[i]->rec;
        if (r->year != y)
            continue;
        const sp_ees_value *v = !sp_ees_has_number(&r->within_20_weeks) ? &r->within_20_weeks
                                : !sp_ees_has_number(&r->new_plans)     ? &r->new_plans : NULL;
        if (v && v->mark != SP_EES_BLANK)
            return g_strdup_printf("%s (%s)", sp_ees_symbol(v->mark), sp_ees_meaning(v->mark));
        if (sp_ees_has_number(&r->new_plans) && r->new_plans.value == 0)
            return g_strdup("no new plans");
    }
    return g_strdup(DASH);
}

sp_table *sp_ehcp_area_table(const sp_context *ctx, const char *key, sp_used_ids *used)
{
    const sp_area_view *av = sp_view_area(ctx->view, key);
    if (!av || !av->n_sen2)
        return NULL;
    const sp_view *v = ctx->view;
    char *region = NULL;
    for (size_t i = 0; i < av->n_sen2 && !region; i++)
        if (av->sen2[i]->region)
            region = sp_slug(av->sen2[i]->region);
    static const char *const head[] = {"Calendar year", "This area", "Region", "England"};
    static const bool num[] = {false, true, true, true};
    sp_table *t = sp_table_new(4, head, num);
    size_t first = v->n_sen2_years > YEARS_SHOWN ? v->n_sen2_years - YEARS_SHOWN : 0;
    for (size_t k = first; k < v->n_sen2_years; k++) {
        int y = v->sen2_years[k];
        if (!sp_figures_getf(ctx->figs, SP_IDF_EHCP_SHARE, y))
            continue;
        char *cells[4] = {g_strdup_printf("%d", y), area_cell(ctx, used, av, y),
                          region ? fig_or_dash(ctx, used, "pct",
                                               g_strdup_printf(SP_IDF_REGION_EHCP_SHARE, region, y))
                                 : g_strdup(DASH),
                          fig_or_dash(ctx, used, "pct", g_strdup_printf(SP_IDF_EHCP_SHARE, y))};
        add_row_owned(t, cells);
    }
    g_free(region);
    if (t->rows->len == 0) {
        sp_table_free(t);
        return NULL;
    }
    return t;
}

void sp_ehcp_compare_rows(sp_table *t, const sp_context *ctx, const char *key,
                          sp_used_ids *used)
{
    const sp_area_view *av = sp_view_area(ctx->view, key);
    int prev, latest = latest_years(ctx, &prev);
    if (!av || !av->n_sen2 || !latest)
        return;
    char *region = NULL;
    for (size_t i = 0; i < av->n_sen2 && !region; i++)
        if (av->sen2[i]->region)
            region = sp_slug(av->sen2[i]->region);
    int years[2] = {prev, latest};
    for (int k = 0; k < 2; k++) {
        int y = years[k];
        if (!y)
            continue;
        char *cells[4] = {g_strdup_printf("EHC plans within 20 weeks, %d", y),
                          area_cell(ctx, used, av, y),
                          region ? fig_or_dash(ctx, used, "pct",
                                               g_strdup_printf(SP_IDF_REGION_EHCP_SHARE, region, y))
                                 : g_strdup(DASH),
                          fig_or_dash(ctx, used, "pct", g_strdup_printf(SP_IDF_EHCP_SHARE, y))};
        add_row_owned(t, cells);
    }
    g_free(region);
}
