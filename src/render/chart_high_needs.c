/* chart_high_needs.c: "high-needs", the high-needs block of the dedicated
 * schools grant by Ofsted region and financial year, as grouped horizontal
 * bars in pounds (up to the three latest years given), regions ordered by
 * the latest year's allocation.
 *
 * Design choice: the latest year is the dark blue bar at the bottom of each
 * group and the only one labelled, with its amount and its change from the
 * year before ("£1.93 billion, +24%"), so the eye reads one number per
 * region, on a white box where it crosses a gridline, as the other bar
 * charts' labels; earlier years are lighter palette colours named once in
 * a key (no key for one year: the subtitle names it), and every value is in
 * the chart's CSV. */
#include "chart_frame.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sendpack/format.h"
#include "sendpack/ids_dsg.h"

#define MAX_YEARS 3

typedef struct row {
    const char *slug, *name;
    double v[MAX_YEARS]; /* NAN: no figure */
    double change;       /* latest change share, NAN when none */
} row;

/* The years drawn: the last k of figs->dsg_years. */
static size_t years(const sp_context *ctx, size_t *first)
{
    size_t n = ctx->figs->n_dsg_years, k = n < MAX_YEARS ? n : MAX_YEARS;
    *first = n - k;
    return k;
}

static int by_latest(const void *a, const void *b)
{
    const row *x = a, *y = b;
    double p = isnan(x->v[0]) ? -1 : x->v[0], q = isnan(y->v[0]) ? -1 : y->v[0];
    if (p != q)
        return p < q ? 1 : -1;
    return strcmp(x->name, y->name);
}

/* Regions with a figure for the latest year; v[0] is the latest year,
 * v[1] the one before, ... */
static size_t collect(const sp_context *ctx, row **out)
{
    const sp_figures *fg = ctx->figs;
    size_t first, k = years(ctx, &first);
    size_t cap = fg->n_regions + fg->n_regions_2023 + 1, n = 0;
    row *rows = g_new0(row, cap);
    const sp_group *lists[2] = {fg->regions, fg->regions_2023};
    size_t counts[2] = {fg->n_regions, fg->n_regions_2023};
    for (int l = 0; l < 2 && k; l++)
        for (size_t i = 0; i < counts[l]; i++) {
            const sp_group *g = &lists[l][i];
            bool seen = false;
            for (size_t j = 0; j < n; j++)
                seen |= strcmp(rows[j].slug, g->slug) == 0;
            const char *latest = fg->dsg_years[first + k - 1].slug;
            if (seen || !chart_fig(ctx, SP_IDF_REGION_DSG_HN_TOTAL, g->slug, latest))
                continue;
            row *r = &rows[n++];
            r->slug = g->slug;
            r->name = g->name;
            for (size_t y = 0; y < k; y++)
                r->v[y] = chart_val(ctx, NAN, SP_IDF_REGION_DSG_HN_TOTAL, g->slug,
                                    fg->dsg_years[first + k - 1 - y].slug);
            for (size_t y = k; y < MAX_YEARS; y++)
                r->v[y] = NAN;
            r->change = chart_val(ctx, NAN, SP_IDF_REGION_DSG_HN_CHANGE_SHARE, g->slug, latest);
        }
    qsort(rows, n, sizeof *rows, by_latest);
    *out = rows;
    return n;
}

static bool available(const sp_context *ctx)
{
    if (!ctx->figs->n_dsg_years)
        return false;
    row *rows;
    size_t n = collect(ctx, &rows);
    g_free(rows);
    return n > 0;
}

static const char *latest_year(const sp_context *ctx)
{
    return ctx->figs->dsg_years[ctx->figs->n_dsg_years - 1].name;
}

static char *title(const sp_context *ctx)
{
    const sp_figure *t = chart_fig(ctx, SP_ID_DSG_LATEST_TOTAL);
    const sp_figure *c = chart_fig(ctx, SP_ID_DSG_LATEST_CHANGE_SHARE);
    if (!t || !ctx->figs->n_dsg_years)
        return g_strdup("High-needs funding by region");
    char a[48], b[32];
    sp_fmt_gbp3(t->value, a, sizeof a);
    if (!c || ctx->figs->n_dsg_years < 2)
        return g_strdup_printf("England's high-needs block was %s in %s", a, latest_year(ctx));
    long pct = lround(fabs(c->value) * 100);
    g_snprintf(b, sizeof b, "%ld%%", pct);
    if (pct == 0)
        return g_strdup_printf("England's high-needs block held at %s in %s", a,
                               latest_year(ctx));
    return g_strdup_printf("England's high-needs block %s by %s to %s in %s",
                           c->value > 0 ? "rose" : "fell", b, a, latest_year(ctx));
}

static char *subtitle(const sp_context *ctx)
{
    size_t first, k = years(ctx, &first);
    const sp_figures *fg = ctx->figs;
    GString *s = g_string_new("Dedicated schools grant, high-needs block before deductions, by "
                              "Ofsted region, in pounds: ");
    for (size_t y = 0; y < k; y++)
        g_string_append_printf(s, "%s%s", y == 0 ? "" : y + 1 == k ? " and " : ", ",
                               fg->dsg_years[first + y].name);
    if (fg->n_dsg_years > 1)
        g_string_append_printf(s, "; labels give the %s amount and its change from %s",
                               fg->dsg_years[fg->n_dsg_years - 1].name,
                               fg->dsg_years[fg->n_dsg_years - 2].name);
    char d[32];
    g_string_append_printf(s, "; allocations published by %s", chart_as_at(ctx, d, sizeof d));
    return g_string_free(s, FALSE);
}

static char *notes(const sp_context *ctx)
{
    return g_strdup_printf("Each region is the sum of its local authorities' allocations; an "
                           "authority not matched to an area counts for England only.%s",
                           ctx->figs->n_dsg_years > 1
                               ? " The change is from the year before among the years shown."
                               : "");
}

static char *alt_text(const sp_context *ctx)
{
    row *rows;
    size_t n = collect(ctx, &rows);
    char a[48], b[48];
    char *s = g_strdup_printf(
        "Bar chart of the high-needs block of the dedicated schools grant by region in %s. "
        "Largest: %s, %s; smallest: %s, %s.",
        latest_year(ctx), rows[0].name, sp_fmt_gbp3(rows[0].v[0], a, sizeof a),
        rows[n - 1].name, sp_fmt_gbp3(rows[n - 1].v[0], b, sizeof b));
    g_free(rows);
    return s;
}

static void csv(const sp_context *ctx, chart_data *out)
{
    const sp_figures *fg = ctx->figs;
    const char *head[] = {"region", "financial_year", "high_needs_gbp", "change_share"};
    chart_row(out, G_N_ELEMENTS(head), head);
    row *rows;
    size_t n = collect(ctx, &rows);
    size_t first, k = years(ctx, &first);
    for (size_t i = 0; i < n; i++)
        for (size_t y = 0; y < k; y++) {
            const char *fy = fg->dsg_years[first + y].slug;
            char v[2][32];
            double val = chart_val(ctx, NAN, SP_IDF_REGION_DSG_HN_TOTAL, rows[i].slug, fy);
            double chg = chart_val(ctx, NAN, SP_IDF_REGION_DSG_HN_CHANGE_SHARE, rows[i].slug, fy);
            const char *f[] = {rows[i].name, fy, chart_csv_num(val, v[0], 32),
                               chart_csv_num(chg, v[1], 32)};
            chart_row(out, G_N_ELEMENTS(f), f);
        }
    g_free(rows);
}

static void draw(chart_frame *f)
{
    static const unsigned RGB[MAX_YEARS] = {SP_DARK_BLUE, SP_TURQUOISE, SP_ORANGE};
    row *rows;
    size_t n = collect(f->ctx, &rows);
    size_t first, k = years(f->ctx, &first);
    /* the key, oldest year first; one year is named by the subtitle alone */
    const char *names[MAX_YEARS];
    unsigned rgbs[MAX_YEARS];
    for (size_t y = 0; y < k; y++) {
        names[y] = f->figs->dsg_years[first + y].name;
        rgbs[y] = RGB[k - 1 - y];
    }
    double key_h = k > 1 ? chart_key(f, f->px, f->py, f->pw, names, rgbs, NULL, k) : 0;
    const char **rn = g_new0(const char *, n + 1), **labels = g_new0(const char *, n + 1);
    double *ends = g_new0(double, n + 1);
    typedef char label_text[96];
    label_text *lab = g_new0(label_text, n + 1);
    for (size_t i = 0; i < n; i++) {
        rn[i] = rows[i].name;
        char a[48], c[32];
        sp_fmt_gbp3(rows[i].v[0], a, sizeof a);
        if (isnan(rows[i].change))
            g_strlcpy(lab[i], a, sizeof lab[i]);
        else
            g_snprintf(lab[i], sizeof lab[i], "%s, %s", a,
                       sp_fmt_pct_change(rows[i].change, c, sizeof c));
        labels[i] = lab[i];
        for (size_t y = 0; y < k; y++)
            ends[i] = fmax(ends[i], isnan(rows[i].v[y]) ? 0 : rows[i].v[y]);
    }
    chart_rows r;
    double scale = chart_bars_layout(f, rn, ends, labels, n, f->py + key_h + CHART_PAD, 0.3,
                                     CHART_FMT_GBP, 5, &r);
    for (size_t i = 0; i < n; i++) {
        double sub = r.bar / (double)k, top = chart_rows_mid(&r, i) - r.bar / 2;
        for (size_t y = 0; y < k; y++) {
            size_t age = k - 1 - y; /* oldest at the top, latest at the bottom */
            double v = rows[i].v[age];
            if (isnan(v) || v <= 0)
                continue;
            double w = v * scale;
            chart_rect(f, r.x0, top + y * sub, w, sub * 0.9, RGB[age], rows[i].name);
            if (age == 0)
                chart_label(f, labels[i], CHART_LABEL_PT, false, r.x0 + w + CHART_GAP,
                            top + y * sub + sub * 0.45, CHART_LEFT | CHART_MIDDLE | CHART_BACKED,
                            SP_TEXT, 0);
        }
    }
    chart_rows_free(&r);
    g_free(lab);
    g_free(ends);
    g_free(labels);
    g_free(rn);
    g_free(rows);
}

static double min_plot(chart_frame *f)
{
    size_t first, k = years(f->ctx, &first);
    row *rows;
    size_t n = collect(f->ctx, &rows);
    g_free(rows);
    return chart_rows_need(f, n * (k > 1 ? k : 1), 3);
}

const chart_kind chart_high_needs = {
    .id = "high-needs", .available = available, .title = title, .subtitle = subtitle,
    .notes = notes, .source_figure = SP_ID_DSG_LATEST_TOTAL, .alt_text = alt_text, .csv = csv,
    .draw = draw, .min_plot = min_plot,
};
