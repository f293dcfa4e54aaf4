/* briefing_tables.c: the tables a template can place with ![title](table:NAME)
 * (briefing.h): regions, revisits, funding, areas with the most weaknesses,
 * and the profile tables of one area.
 *
 * Design choice: a table is built from figure ids (sp_figures_get), formatted
 * exactly as a template placeholder would be (sp_template_format), so a
 * number in a table and the same number in the text can never differ. Only
 * one area's intervention and funding lines are read from the model. */
#include "sendpack/briefing.h"
#include "briefing_ehcp.h"
#include "sendpack/ids_sen2.h"
#include "briefing_doc.h"

#include "sendpack/date.h"
#include "sendpack/format.h"
#include "sendpack/revisions.h"
#include "sendpack/template.h"
#include "sendpack/ids_areas.h"
#include "sendpack/ids_dsg.h"
#include "sendpack/ids_funding.h"
#include "sendpack/ids_inspections.h"
#include "sendpack/ids_interventions.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DASH "\xE2\x80\x93" /* en dash: no figure */

static const char *const TABLES[] = {"regions", "revisits", "funding", "areas-most-weaknesses",
    "outcomes-2023", "interventions", "definitions", "sources", "area-comparison",
    "area-interventions", "area-funding", "revisions", "ehcp-regions", "area-ehcp"};

bool sp_briefing_table_known(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(TABLES); i++)
        if (strcmp(TABLES[i], name) == 0)
            return true;
    return false;
}

void sp_used_ids_init(sp_used_ids *u)
{
    u->ids = g_ptr_array_new_with_free_func(g_free);
    u->seen = g_hash_table_new(g_str_hash, g_str_equal);
}

void sp_used_ids_add(sp_used_ids *u, const char *id)
{
    if (!u || !u->ids || g_hash_table_contains(u->seen, id))
        return;
    char *c = g_strdup(id);
    g_ptr_array_add(u->ids, c);
    g_hash_table_add(u->seen, c);
}

void sp_used_ids_clear(sp_used_ids *u)
{
    if (u->seen)
        g_hash_table_destroy(u->seen);
    if (u->ids)
        g_ptr_array_free(u->ids, TRUE);
    u->ids = NULL;
    u->seen = NULL;
}

/* "Source: A; B. Data as at D.": each publication the figures ids[0..n)
 * come from, named once, in the order first met; NULL when none has a
 * source. */
static char *sources_line(const sp_context *ctx, const char *const *ids, size_t n)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < n; i++) {
        const sp_figure *f = sp_figures_get(ctx->figs, ids[i]);
        if (!f || !f->source || !*f->source)
            continue;
        char *name = sp_doc_source_name(ctx, f->source);
        bool seen = false;
        for (guint k = 0; k < names->len && !seen; k++)
            seen = strcmp(g_ptr_array_index(names, k), name) == 0;
        if (seen)
            g_free(name);
        else
            g_ptr_array_add(names, name);
    }
    char *line = NULL;
    if (names->len) {
        char date[32];
        sp_date_long(ctx->figs->as_at, date, sizeof date);
        g_ptr_array_add(names, NULL);
        char *all = g_strjoinv("; ", (char **)names->pdata);
        line = g_strdup_printf("Source: %s. Data as at %s.", all, date);
        g_free(all);
    }
    g_ptr_array_free(names, TRUE);
    return line;
}

char *sp_briefing_source_line(const sp_context *ctx, const char *figure_id)
{
    char *line = sources_line(ctx, &figure_id, 1);
    if (!line) {
        char date[32];
        sp_date_long(ctx->figs->as_at, date, sizeof date);
        line = g_strdup_printf("Data as at %s.", date);
    }
    return line;
}

/* A figure formatted as a template would print it, or a dash. */
static char *cell(const sp_context *ctx, sp_used_ids *used, const char *fmt, const char *idfmt,
                  ...) __attribute__((format(printf, 4, 5)));
static char *cell(const sp_context *ctx, sp_used_ids *used, const char *fmt, const char *idfmt,
                  ...)
{
    va_list ap;
    va_start(ap, idfmt);
    char *id = g_strdup_vprintf(idfmt, ap);
    va_end(ap);
    const sp_figure *f = sp_figures_get(ctx->figs, id);
    char *s = f ? sp_template_format(f, fmt) : NULL;
    if (s && used)
        sp_used_ids_add(used, id);
    g_free(id);
    return s ? s : g_strdup(DASH);
}

/* "47% to 63%" for a share, or a dash. */
static char *interval(const sp_context *ctx, const char *id)
{
    const sp_figure *f = sp_figures_get(ctx->figs, id);
    if (!f || !f->has_ci)
        return g_strdup(DASH);
    char a[16], b[16];
    return g_strdup_printf("%s to %s", sp_fmt_pct(f->ci_low, a, sizeof a),
                           sp_fmt_pct(f->ci_high, b, sizeof b));
}

static void add_row_owned(sp_table *t, char **cells)
{
    sp_table_add_row(t, (const char *const *)cells);
    for (size_t i = 0; i < t->ncols; i++)
        g_free(cells[i]);
}

/* The table, or NULL (and the table freed) when it has no rows. */
static sp_table *unless_empty(sp_table *t)
{
    if (t->rows->len == 0) {
        sp_table_free(t);
        return NULL;
    }
    return t;
}

/* --- briefing tables --------------------------------------------------------- */

/* A column of a group table: a group's figure (id builder each, given the
 * group's slug) and the last row's (id all), in a template format ("count",
 * "pct", "of", "gbp"), or its 95% interval for "ci". */
typedef struct {
    const char *fmt, *each, *all;
} group_col;

/* A table with a row per group (region, programme) and a last row for all
 * of them (all_name). */
typedef struct {
    const char *head[5];
    const char *all_name;
    group_col cols[4];
} group_spec;

static char *group_cell(const sp_context *ctx, sp_used_ids *used, const group_col *c,
                        const sp_group *g)
{
    char *id = g ? g_strdup_printf(c->each, g->slug) : g_strdup(c->all);
    char *s;
    if (strcmp(c->fmt, "gbpm") == 0) {
        /* pounds in a "(£\u00a0million)" column: one unit per column, one decimal */
        const sp_figure *f = sp_figures_get(ctx->figs, id);
        if (f) {
            sp_used_ids_add(used, id);
            s = g_strdup_printf("%.1f", sp_round_half_away(f->value / 1e5) / 10);
        } else {
            s = g_strdup(DASH);
        }
    } else {
        s = strcmp(c->fmt, "ci") == 0 ? interval(ctx, id) : cell(ctx, used, c->fmt, "%s", id);
    }
    g_free(id);
    return s;
}

static sp_table *group_table(const sp_context *ctx, sp_used_ids *used, const group_spec *spec,
                             const sp_group *groups, size_t n)
{
    static const bool num[] = {false, true, true, true, true};
    sp_table *t = sp_table_new(5, spec->head, num);
    for (size_t i = 0; i <= n; i++) {
        bool all = i == n;
        char *cells[5] = {g_strdup(all ? spec->all_name : groups[i].name)};
        for (size_t c = 0; c < 4; c++)
            cells[c + 1] = group_cell(ctx, used, &spec->cols[c], all ? NULL : &groups[i]);
        add_row_owned(t, cells);
    }
    return t;
}

static sp_table *regions_table(const sp_context *ctx, sp_used_ids *used)
{
    static const group_spec spec = {
        {"Region", "Areas inspected", "With a WSoA", "Share", "95% interval"},
        "England",
        {{"count", SP_IDF_REGION_INSPECTIONS_COUNT, SP_ID_INSPECTIONS_COUNT},
         {"count", SP_IDF_REGION_WSOA_COUNT, SP_ID_WSOA_COUNT},
         {"pct", SP_IDF_REGION_WSOA_SHARE, SP_ID_WSOA_SHARE},
         {"ci", SP_IDF_REGION_WSOA_SHARE, SP_ID_WSOA_SHARE}}};
    const sp_figures *fg = ctx->figs;
    return fg->n_regions ? group_table(ctx, used, &spec, fg->regions, fg->n_regions) : NULL;
}

static sp_table *revisits_table(const sp_context *ctx, sp_used_ids *used)
{
    static const group_spec spec = {
        {"Region", "Areas revisited", "Awaiting a revisit", "Weaknesses with sufficient progress",
         "Weaknesses without sufficient progress"},
        "England",
        {{"count", SP_IDF_REGION_REVISITS_COUNT, SP_ID_REVISITS_COUNT},
         {"count", SP_IDF_REGION_REVISITS_PENDING_COUNT, SP_ID_REVISITS_PENDING_COUNT},
         {"count", SP_IDF_REGION_REVISITS_PROGRESS_MADE, SP_ID_REVISITS_PROGRESS_MADE},
         {"count", SP_IDF_REGION_REVISITS_PROGRESS_NOT_MADE, SP_ID_REVISITS_PROGRESS_NOT_MADE}}};
    const sp_figures *fg = ctx->figs;
    if (!fg->n_regions || !sp_figures_get(fg, SP_ID_REVISITS_COUNT))
        return NULL;
    return group_table(ctx, used, &spec, fg->regions, fg->n_regions);
}

static sp_table *funding_table(const sp_context *ctx, sp_used_ids *used)
{
    static const group_spec spec = {
        {"Programme", "Committed (£\u00a0million)", "Optional extensions (£\u00a0million)",
         "Announced (£\u00a0million)", "Total (£\u00a0million)"},
        "All programmes",
        {{"gbpm", SP_IDF_FUNDING_PROGRAMME_COMMITTED, SP_ID_FUNDING_COMMITTED},
         {"gbpm", SP_IDF_FUNDING_PROGRAMME_OPTIONAL, SP_ID_FUNDING_OPTIONAL},
         {"gbpm", SP_IDF_FUNDING_PROGRAMME_ANNOUNCED, SP_ID_FUNDING_ANNOUNCED},
         {"gbpm", SP_IDF_FUNDING_PROGRAMME_TOTAL, SP_ID_FUNDING_TOTAL}}};
    const sp_figures *fg = ctx->figs;
    return fg->n_programmes ? group_table(ctx, used, &spec, fg->programmes, fg->n_programmes)
                            : NULL;
}

/* The area's first record in input order (its name, code and region). */
static const sp_inspection *area_row(const sp_context *ctx, const char *key)
{
    const sp_area_view *av = sp_view_area(ctx->view, key);
    return av ? av->first->rec : NULL;
}

typedef struct {
    const char *key, *name;
    double not_made;
} area_rank;

static int cmp_rank(const void *x, const void *y)
{
    const area_rank *a = x, *b = y;
    if (a->not_made != b->not_made)
        return a->not_made < b->not_made ? 1 : -1;
    int c = g_utf8_collate(a->name, b->name);
    return c ? c : strcmp(a->key, b->key);
}

static sp_table *areas_table(const sp_context *ctx, const char *query, sp_used_ids *used)
{
    const sp_figures *fg = ctx->figs;
    long top = 0;
    if (query && g_str_has_prefix(query, "top="))
        top = strtol(query + 4, NULL, 10);
    GArray *rank = g_array_new(FALSE, TRUE, sizeof(area_rank));
    for (size_t i = 0; i < fg->n_areas; i++) {
        const sp_figure *nm = sp_figures_getf(fg, SP_IDF_AREA_PROGRESS_NOT_MADE,
                                              fg->areas[i].slug);
        if (!nm || nm->value <= 0)
            continue;
        area_rank r = {fg->areas[i].slug, fg->areas[i].name, nm->value};
        g_array_append_val(rank, r);
    }
    if (rank->len == 0) {
        g_array_free(rank, TRUE);
        return NULL;
    }
    qsort(rank->data, rank->len, sizeof(area_rank), cmp_rank);
    static const char *const head[] = {"Area", "Region", "Weaknesses identified",
                                       "Without sufficient progress at revisit"};
    static const bool num[] = {false, false, true, true};
    sp_table *t = sp_table_new(4, head, num);
    for (guint i = 0; i < rank->len && (top <= 0 || i < (guint)top); i++) {
        area_rank *r = &g_array_index(rank, area_rank, i);
        const sp_area_view *av = sp_view_area(ctx->view, r->key);
        const sp_inspection *in = av && av->rec2016 ? av->rec2016->rec : NULL;
        char *cells[4] = {
            g_strdup(r->name),
            g_strdup(in && in->region ? in->region : DASH),
            cell(ctx, NULL, "count", SP_IDF_AREA_WEAKNESSES, r->key),
            cell(ctx, NULL, "count", SP_IDF_AREA_PROGRESS_NOT_MADE, r->key),
        };
        add_row_owned(t, cells);
    }
    sp_used_ids_add(used, SP_ID_REVISITS_PROGRESS_NOT_MADE);
    g_array_free(rank, TRUE);
    return t;
}

static sp_table *outcomes_table(const sp_context *ctx, sp_used_ids *used)
{
    /* "3 of 8 (38%)" reads as the count with its share; the column says which */
    static const group_spec spec = {
        {"Region", "Areas inspected", "Typically positive", "Inconsistent",
         "Widespread or systemic failings"},
        "England",
        {{"count", SP_IDF_REGION_OUTCOME_INSPECTIONS_COUNT, SP_ID_OUTCOME_INSPECTIONS_COUNT},
         {"of", SP_IDF_REGION_OUTCOME_POSITIVE_SHARE, SP_ID_OUTCOME_POSITIVE_SHARE},
         {"of", SP_IDF_REGION_OUTCOME_INCONSISTENT_SHARE, SP_ID_OUTCOME_INCONSISTENT_SHARE},
         {"of", SP_IDF_REGION_OUTCOME_SYSTEMIC_SHARE, SP_ID_OUTCOME_SYSTEMIC_SHARE}}};
    const sp_figures *fg = ctx->figs;
    if (!fg->has_2023 || !fg->n_regions_2023)
        return NULL;
    return group_table(ctx, used, &spec, fg->regions_2023, fg->n_regions_2023);
}

/* "Statutory direction": the type's label with a capital. */
static char *intervention_label(sp_intervention_type t)
{
    const char *l = sp_intervention_type_label(t);
    if (g_ascii_islower(*l))
        return g_strdup_printf("%c%s", g_ascii_toupper(*l), l + 1);
    return g_strdup(l);
}

static sp_table *interventions_table(const sp_context *ctx, sp_used_ids *used)
{
    if (!sp_figures_get(ctx->figs, SP_ID_INTERVENTIONS_COUNT))
        return NULL;
    static const char *const head[] = {"Type", "Interventions"};
    static const bool num[] = {false, true};
    sp_table *t = sp_table_new(2, head, num);
    for (int i = 0; i <= SP_INTERVENTION_N; i++) {
        bool all = i == SP_INTERVENTION_N;
        char *cells[2] = {
            all ? g_strdup("All types") : intervention_label((sp_intervention_type)i),
            all ? cell(ctx, used, "count", SP_ID_INTERVENTIONS_COUNT)
                : cell(ctx, used, "count", SP_IDF_INTERVENTIONS_TYPE_COUNT,
                       sp_intervention_type_name((sp_intervention_type)i)),
        };
        add_row_owned(t, cells);
    }
    return t;
}

/* Headline figures whose values differ from the previous publication: the
 * national, regional, yearly and funding figures (per-area and monthly ones
 * are many and move together; revisions.csv lists every change). */
#define REVISIONS_MAX_ROWS 40
static sp_table *revisions_table(const sp_context *ctx)
{
    const sp_revisions *r = ctx->revisions;
    if (!r || !r->n)
        return NULL;
    static const char *const head[] = {"Figure", "Previous", "Now", "Change"};
    static const bool num[] = {false, true, true, true};
    sp_table *t = sp_table_new(4, head, num);
    t->min_share[0] = 0.4;
    size_t shown = 0, left = 0;
    for (size_t i = 0; i < r->n; i++) {
        const sp_revision *v = &r->items[i];
        if (v->kind != SP_REVISION_CHANGED || g_str_has_prefix(v->id, "area.") ||
            g_str_has_prefix(v->id, SP_ID_MONTH_) || strcmp(v->id, SP_ID_AS_AT) == 0)
            continue;
        if (shown == REVISIONS_MAX_ROWS) {
            left++;
            continue;
        }
        char old[64], now[64], change[64];
        sp_revision_value_text(v->unit, v->old_value, old, sizeof old);
        sp_revision_value_text(v->unit, v->new_value, now, sizeof now);
        sp_revision_change_text(v, change, sizeof change);
        const char *cells[4] = {v->label, old, now, change};
        sp_table_add_row(t, cells);
        shown++;
    }
    if (left) {
        char *more = g_strdup_printf("%zu more changed figures: see revisions.csv", left);
        const char *cells[4] = {more, "", "", ""};
        sp_table_add_row(t, cells);
        g_free(more);
    }
    return unless_empty(t);
}

/* Definitions of the national figures printed; regional and per-area
 * figures are defined the same way within a region or area. */
/* text with each ISO date (2022-10-04) as a reader reads it (4 October
 * 2022): the figures' filters are written for machines. */
static char *long_dates(const char *text)
{
    GString *out = g_string_new(NULL);
    const char *p = text;
    while (*p) {
        sp_date d;
        char iso[11];
        if (g_ascii_isdigit(p[0]) && strlen(p) >= 10 && p[4] == '-' && p[7] == '-') {
            memcpy(iso, p, 10);
            iso[10] = '\0';
            if (sp_date_parse(iso, &d)) {
                char buf[32];
                sp_date_long(d, buf, sizeof buf);
                g_string_append(out, buf);
                p += 10;
                continue;
            }
        }
        g_string_append_c(out, *p++);
    }
    return g_string_free(out, FALSE);
}

static sp_table *definitions_table(const sp_context *ctx, sp_used_ids *used)
{
    static const char *const head[] = {"Figure", "Definition", "Filter"};
    sp_table *t = sp_table_new(3, head, NULL);
    t->min_share[0] = 0.25;
    t->min_share[2] = 0.22;
    GHashTable *defs = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; used && i < used->ids->len; i++) {
        const char *id = g_ptr_array_index(used->ids, i);
        if (g_str_has_prefix(id, "region.") || g_str_has_prefix(id, "area.") ||
            g_str_has_prefix(id, "funding.programme.") || g_str_has_prefix(id, "funding.region.") ||
            g_str_has_prefix(id, "year.") || g_str_has_prefix(id, SP_ID_MONTH_))
            continue;
        const sp_figure *f = sp_figures_get(ctx->figs, id);
        if (!f || g_hash_table_contains(defs, f->label))
            continue;
        g_hash_table_add(defs, f->label);
        char *filter = long_dates(f->filter && *f->filter ? f->filter : DASH);
        const char *cells[3] = {f->label, f->definition ? f->definition : "", filter};
        sp_table_add_row(t, cells);
        g_free(filter);
    }
    g_hash_table_destroy(defs);
    return unless_empty(t);
}

/* Each publication the figures came from, and each file read. */
static sp_table *sources_table(const sp_context *ctx)
{
    static const char *const head[] = {"Source", "Figures"};
    static const bool num[] = {false, true};
    sp_table *t = sp_table_new(2, head, num);
    GHashTable *count = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *order = g_ptr_array_new();
    for (size_t i = 0; i < ctx->figs->n; i++) {
        const char *s = ctx->figs->items[i].source;
        if (!s || !*s)
            continue;
        gpointer v = g_hash_table_lookup(count, s);
        if (!v)
            g_ptr_array_add(order, (gpointer)s);
        g_hash_table_insert(count, (gpointer)s, GINT_TO_POINTER(GPOINTER_TO_INT(v) + 1));
    }
    for (guint i = 0; i < order->len; i++) {
        const char *s = g_ptr_array_index(order, i);
        char n[32];
        sp_fmt_count(GPOINTER_TO_INT(g_hash_table_lookup(count, s)), n, sizeof n);
        const char *cells[2] = {s, n};
        sp_table_add_row(t, cells);
    }
    g_ptr_array_free(order, TRUE);
    g_hash_table_destroy(count);
    return unless_empty(t);
}

/* --- profile tables ------------------------------------------------------- */

static char *region_slug_of(const sp_context *ctx, const char *key)
{
    const sp_inspection *in = area_row(ctx, key);
    return in && in->region ? sp_slug(in->region) : g_strdup("");
}

/* A row of the comparison table: the measure, this area's cell (owned), and
 * the figure id in the area's region r and in England. */
static void compare_row(sp_table *t, const sp_context *ctx, sp_used_ids *used, const char *label,
                        char *area_cell, const char *r, const char *fmt, const char *id)
{
    char *cells[4] = {g_strdup(label), area_cell, cell(ctx, used, fmt, SP_IDF_REGION_OF, r, id),
                      cell(ctx, used, fmt, "%s", id)};
    add_row_owned(t, cells);
}

/* The area beside its region and England as rates, never as totals: the
 * share of areas with a WSoA, the median weaknesses per WSoA area, the
 * share of weaknesses still without sufficient progress at revisit, the
 * share of areas with the same 2023-framework outcome. */
/* The area's change in high-needs funding beside its region's and England's
 * (a rate, as the rest of the comparison), when two DSG years are counted. */
static void dsg_compare_row(sp_table *t, const sp_context *ctx, const char *key,
                            const char *region_slug, sp_used_ids *used)
{
    const sp_figures *fg = ctx->figs;
    if (fg->n_dsg_years < 2)
        return;
    const sp_group *latest = &fg->dsg_years[fg->n_dsg_years - 1];
    const sp_group *prev = &fg->dsg_years[fg->n_dsg_years - 2];
    if (!sp_figures_getf(fg, SP_IDF_AREA_DSG_HN_CHANGE_SHARE, key, latest->slug))
        return;
    char *change = cell(ctx, used, "change", SP_IDF_AREA_DSG_HN_CHANGE_SHARE, key, latest->slug);
    char *amount = cell(ctx, used, "gbp3", SP_IDF_AREA_DSG_HN_TOTAL, key, latest->slug);
    char *cells[4] = {
        g_strdup_printf("High-needs funding since %s", prev->name),
        g_strdup_printf("%s to %s", change, amount),
        region_slug ? cell(ctx, used, "change", SP_IDF_REGION_DSG_HN_CHANGE_SHARE, region_slug,
                           latest->slug)
                    : g_strdup(DASH),
        cell(ctx, used, "change", SP_IDF_DSG_HN_CHANGE_SHARE, latest->slug)};
    add_row_owned(t, cells);
    g_free(change);
    g_free(amount);
}

static sp_table *comparison_table(const sp_context *ctx, const char *key, sp_used_ids *used)
{
    const sp_figures *fg = ctx->figs;
    char *r = region_slug_of(ctx, key);
    const sp_inspection *in = area_row(ctx, key);
    /* the region by name when it fits a column heading on one line (the
     * profile names it above the table) */
    const char *head[] = {"Measure", "This area",
                          in && in->region && *in->region && g_utf8_strlen(in->region, -1) <= 13
                              ? in->region : "Region",
                          "England"};
    static const bool num[] = {false, true, true, true};
    sp_table *t = sp_table_new(4, head, num);
    t->min_share[0] = 0.46; /* each measure on one line */
    const sp_figure *w = sp_figures_getf(fg, SP_IDF_AREA_WSOA, key);
    if (w) {
        if (w->value)
            sp_used_ids_add(used, SP_ID_WSOA_SHARE);
        compare_row(t, ctx, used, "Areas with a written statement of action (WSoA)", g_strdup(w->value ? "Required" : "Not required"), r,
                    "of", SP_ID_WSOA_SHARE);
    }
    if (sp_figures_getf(fg, SP_IDF_AREA_WEAKNESSES, key))
        compare_row(t, ctx, used, "Significant weaknesses (median per WSoA area)",
                    cell(ctx, used, "count", SP_IDF_AREA_WEAKNESSES, key), r, "count",
                    SP_ID_WEAKNESSES_MEDIAN);
    if (sp_figures_getf(fg, SP_IDF_AREA_PROGRESS_NOT_MADE_SHARE, key))
        compare_row(t, ctx, used, "Weaknesses without sufficient progress at revisit",
                    cell(ctx, used, "of", SP_IDF_AREA_PROGRESS_NOT_MADE_SHARE, key), r,
                    "of", SP_ID_REVISITS_PROGRESS_NOT_MADE_SHARE);
    const sp_area_view *av = sp_view_area(ctx->view, key);
    const sp_inspection *p23 = av && av->rec2023 ? av->rec2023->rec : NULL;
    if (p23 && sp_figures_getf(fg, SP_IDF_AREA_OUTCOME_PUBLISHED, key)) {
        static const char *const short_label[] = {DASH, "Typically positive", "Inconsistent",
                                                  "Systemic failings"};
        char *area = g_strdup(short_label[p23->outcome <= SP_OUTCOME_SYSTEMIC ? p23->outcome : 0]);
        const char *o = sp_outcome_name(p23->outcome);
        if (*o) {
            char *sh = g_strdup_printf(SP_IDF_OUTCOME_SHARE, o);
            compare_row(t, ctx, used, "Areas with this outcome (2023 framework)", area, r, "of", sh);
            g_free(sh);
        } else {
            char *cells[4] = {g_strdup("Outcome (2023 framework)"), area, g_strdup(DASH),
                              g_strdup(DASH)};
            add_row_owned(t, cells);
        }
    }
    sp_ehcp_compare_rows(t, ctx, key, used);
    dsg_compare_row(t, ctx, key, *r ? r : NULL, used);
    g_free(r);
    return unless_empty(t);
}

static sp_table *area_interventions_table(const sp_context *ctx, const char *key)
{
    const sp_area_view *av = sp_view_area(ctx->view, key);
    if (!av)
        return NULL;
    static const char *const head[] = {"Intervention or support", "Started", "Ended", "Note"};
    sp_table *t = sp_table_new(4, head, NULL);
    t->min_share[0] = 0.22;
    for (size_t i = 0; i < av->n_interventions; i++) {
        const sp_intervention *v = av->interventions[i]->rec;
        char start[32], end[32];
        if (v->start)
            sp_date_long(v->start, start, sizeof start);
        else
            snprintf(start, sizeof start, "%s", "Not known");
        if (v->end && v->end <= ctx->figs->as_at)
            sp_date_long(v->end, end, sizeof end);
        else
            snprintf(end, sizeof end, "%s", "Ongoing");
        char *type = intervention_label(v->type);
        const char *cells[4] = {type, start, end, v->note ? v->note : ""};
        sp_table_add_row(t, cells);
        g_free(type);
    }
    return unless_empty(t);
}

static sp_table *area_funding_table(const sp_context *ctx, const char *key)
{
    const sp_area_view *av = sp_view_area(ctx->view, key);
    if (!av)
        return NULL;
    static const char *const head[] = {"Programme", "Line", "Status", "Amount"};
    static const bool num[] = {false, false, false, true};
    sp_table *t = sp_table_new(4, head, num);
    for (size_t i = 0; i < av->n_funding; i++) {
        const sp_funding *f = av->funding[i]->rec;
        char amount[64];
        sp_fmt_gbp(f->amount_gbp, amount, sizeof amount);
        const char *status = f->status == SP_FUNDING_COMMITTED ? "Committed"
                             : f->status == SP_FUNDING_ANNOUNCED ? "Announced"
                                                                 : "Optional extension";
        const char *cells[4] = {f->programme, f->description ? f->description : "", status, amount};
        sp_table_add_row(t, cells);
    }
    return unless_empty(t);
}

sp_table *sp_briefing_table(const sp_context *ctx, const char *name, const char *query,
                            const char *area_key, sp_used_ids *used, char **title,
                            char **source)
{
    sp_table *t = NULL;
    const char *t_title = "", *src_id = SP_ID_INSPECTIONS_COUNT;
    /* the figures this table quotes, kept apart for its source line: a
     * table can mix publications (the area comparison: Ofsted's outcomes,
     * SEN2's timeliness, the DSG's funding), and its source line names each
     * one its figures came from; then they join the document's (used) */
    sp_used_ids mine;
    sp_used_ids_init(&mine);
    if (strcmp(name, "regions") == 0) {
        t = regions_table(ctx, &mine);
        t_title = "Areas inspected and areas with a written statement of action, by region";
    } else if (strcmp(name, "revisits") == 0) {
        t = revisits_table(ctx, &mine);
        t_title = "Revisits and progress on significant weaknesses, by region";
        src_id = SP_ID_REVISITS_COUNT;
    } else if (strcmp(name, "funding") == 0) {
        t = funding_table(ctx, &mine);
        t_title = "Funding by programme and status";
        src_id = SP_ID_FUNDING_TOTAL;
    } else if (strcmp(name, "areas-most-weaknesses") == 0) {
        t = areas_table(ctx, query, &mine);
        t_title = "Areas with weaknesses still without sufficient progress at revisit";
        src_id = SP_ID_REVISITS_COUNT;
    } else if (strcmp(name, "outcomes-2023") == 0) {
        t = outcomes_table(ctx, &mine);
        t_title = "Inspection outcomes under the 2023 framework, by region";
        src_id = SP_ID_OUTCOME_INSPECTIONS_COUNT;
    } else if (strcmp(name, "interventions") == 0) {
        t = interventions_table(ctx, &mine);
        t_title = "Interventions and support started, by type";
        src_id = SP_ID_INTERVENTIONS_COUNT;
    } else if (strcmp(name, "ehcp-regions") == 0) {
        t = sp_ehcp_regions_table(ctx, &mine);
        t_title = "EHC plans issued within 20 weeks, by region";
        src_id = SP_ID_EHCP_LATEST_SHARE;
    } else if (area_key && strcmp(name, "area-ehcp") == 0) {
        t = sp_ehcp_area_table(ctx, area_key, &mine);
        t_title = "EHC plans issued within 20 weeks: the area, its region and England";
        src_id = SP_ID_EHCP_LATEST_SHARE;
    } else if (strcmp(name, "definitions") == 0) {
        t = definitions_table(ctx, used);
        t_title = "Definitions of the figures quoted";
        src_id = "";
    } else if (strcmp(name, "sources") == 0) {
        t = sources_table(ctx);
        t_title = "Sources of the figures";
        src_id = "";
    } else if (strcmp(name, "revisions") == 0) {
        t = revisions_table(ctx);
        t_title = "Headline figures that changed since the last publication";
        src_id = "";
    } else if (area_key && strcmp(name, "area-comparison") == 0) {
        t = comparison_table(ctx, area_key, &mine);
        t_title = "The area, its region and England";
    } else if (area_key && strcmp(name, "area-interventions") == 0) {
        t = area_interventions_table(ctx, area_key);
        t_title = "Interventions and support in the area";
        src_id = SP_ID_INTERVENTIONS_COUNT;
    } else if (area_key && strcmp(name, "area-funding") == 0) {
        t = area_funding_table(ctx, area_key);
        t_title = "Funding lines to the local authority";
        src_id = SP_ID_FUNDING_TOTAL;
    }
    if (title)
        *title = g_strdup(t_title);
    if (source && !*src_id) {
        char date[32];
        sp_date_long(ctx->figs->as_at, date, sizeof date);
        *source = g_strdup_printf("Source: the releases listed under Sources in this "
                                  "briefing. Data as at %s.", date);
    } else if (source) {
        /* the table's own figures' publications; src_id's when it quotes
         * none (its rows are records, not figures) */
        *source = sources_line(ctx, (const char *const *)mine.ids->pdata, mine.ids->len);
        if (!*source)
            *source = sp_briefing_source_line(ctx, src_id);
    }
    for (guint i = 0; used && i < mine.ids->len; i++)
        sp_used_ids_add(used, g_ptr_array_index(mine.ids, i));
    sp_used_ids_clear(&mine);
    return t;
}
