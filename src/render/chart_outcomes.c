/* chart_outcomes.c: "outcomes-2023", the three 2023-framework inspection
 * outcomes by Ofsted region as 100% stacked bars, England first, drawn only
 * when the data holds 2023-framework inspections.
 *
 * Design choice: shares are written inside their segment when the label
 * fits (white on the dark colours, dark on turquoise), and each bar names
 * how many inspections it covers, so small regions are read with care. The
 * third outcome is hatched: dark pink and dark blue are alike in greyscale. */
#include "chart_frame.h"

#include <math.h>

#include "sendpack/format.h"
#include "sendpack/ids_inspections.h"
#include "sendpack/template.h"

#include <string.h>

#define N_OUT 3
static const char *const OUT_ID[N_OUT] = {"positive", "inconsistent", "systemic"};
static const char *const OUT_NAME[N_OUT] = {"Typically positive",
                                            "Inconsistent", "Widespread or systemic failings"};
static const unsigned OUT_RGB[N_OUT] = {SP_DARK_BLUE, SP_TURQUOISE, SP_DARK_PINK};
static const unsigned OUT_TEXT[N_OUT] = {0xFFFFFF, SP_TEXT, 0xFFFFFF};
static const bool OUT_HATCH[N_OUT] = {false, false, true};

typedef struct row {
    const char *name;
    double inspections;
    const sp_figure *count[N_OUT], *share[N_OUT];
} row;

/* prefix: "" for England, "region.<slug>." for a region. */
static bool fill(const sp_context *ctx, row *r, const char *name, const char *prefix)
{
    *r = (row){.name = name};
    const sp_figure *n = chart_fig(ctx, "%s" SP_ID_OUTCOME_INSPECTIONS_COUNT, prefix);
    if (!n || n->value <= 0)
        return false;
    r->inspections = n->value;
    for (int k = 0; k < N_OUT; k++) {
        r->count[k] = chart_fig(ctx, "%s" SP_IDF_OUTCOME_COUNT, prefix, OUT_ID[k]);
        r->share[k] = chart_fig(ctx, "%s" SP_IDF_OUTCOME_SHARE, prefix, OUT_ID[k]);
    }
    return true;
}

/* England first, then the regions with 2023-framework inspections. */
static size_t collect(const sp_context *ctx, row **out)
{
    const sp_figures *fg = ctx->figs;
    row *rows = g_new0(row, fg->n_regions_2023 + 2);
    size_t n = 0;
    if (fill(ctx, &rows[n], "England", ""))
        n++;
    for (size_t i = 0; i < fg->n_regions_2023; i++) {
        char *prefix = g_strdup_printf(SP_IDF_REGION_, fg->regions_2023[i].slug);
        if (fill(ctx, &rows[n], fg->regions_2023[i].name, prefix))
            n++;
        g_free(prefix);
    }
    *out = rows;
    return n;
}

static bool available(const sp_context *ctx)
{
    if (!ctx->figs->has_2023)
        return false;
    row *rows;
    size_t n = collect(ctx, &rows);
    g_free(rows);
    return n > 0;
}

static double share(const row *r, int k) { return r->share[k] ? r->share[k]->value : 0; }

static char *title(const sp_context *ctx)
{
    const sp_figure *p = chart_fig(ctx, SP_ID_OUTCOME_POSITIVE_SHARE);
    const sp_figure *s = chart_fig(ctx, SP_ID_OUTCOME_SYSTEMIC_SHARE);
    if (!p || !s)
        return g_strdup("Outcomes of inspections under the 2023 framework, by region");
    char a[16], b[16];
    return g_strdup_printf("%s of areas inspected under the 2023 framework had typically "
                           "positive outcomes; %s had widespread or systemic failings",
                           sp_fmt_pct(p->value, a, sizeof a), sp_fmt_pct(s->value, b, sizeof b));
}

static char *subtitle(const sp_context *ctx)
{
    char d[32];
    return g_strdup_printf("Share of areas inspected under the 2023 framework by outcome, "
                           "England and Ofsted regions; inspections published by %s",
                           chart_as_at(ctx, d, sizeof d));
}

static char *notes(const sp_context *ctx)
{
    GString *s = g_string_new("Outcomes: typically positive experiences and outcomes; "
                              "inconsistent experiences and outcomes; widespread and/or "
                              "systemic failings.");
    row *rows;
    size_t n = collect(ctx, &rows);
    bool small = false;
    for (size_t i = 0; i < n; i++)
        small |= rows[i].inspections < SP_TEMPLATE_SMALL_BASE;
    g_free(rows);
    if (small)
        g_string_append(s, " \u2020 Fewer than 10 inspections: the shares should not be quoted "
                           "on their own.");
    /* the regions of the previous framework with no 2023-framework inspection */
    const sp_figures *fg = ctx->figs;
    GPtrArray *left = g_ptr_array_new();
    for (size_t i = 0; i < fg->n_regions; i++) {
        bool in = false;
        for (size_t k = 0; k < fg->n_regions_2023 && !in; k++)
            in = strcmp(fg->regions[i].slug, fg->regions_2023[k].slug) == 0 &&
                 chart_val(ctx, 0, SP_IDF_REGION_OUTCOME_INSPECTIONS_COUNT,
                           fg->regions_2023[k].slug) > 0;
        if (!in)
            g_ptr_array_add(left, (gpointer)fg->regions[i].name);
    }
    if (left->len) {
        g_string_append(s, " Left out, with no inspection under the 2023 framework published:");
        for (guint i = 0; i < left->len; i++)
            g_string_append_printf(s, "%s %s", i ? (i + 1 == left->len ? " and" : ",") : "",
                                   (const char *)g_ptr_array_index(left, i));
        g_string_append_c(s, '.');
    }
    g_ptr_array_free(left, TRUE);
    return g_string_free(s, FALSE);
}

static char *alt_text(const sp_context *ctx)
{
    row *rows;
    size_t n = collect(ctx, &rows);
    char a[16], b[16], c[16], t[32];
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "100%% stacked bar chart of 2023-framework inspection outcomes "
                           "for England and each Ofsted region; of the %s inspections in "
                           "England, %s were typically positive, %s inconsistent and %s "
                           "widespread or systemic failings.",
                           sp_fmt_count(rows[0].inspections, t, sizeof t),
                           sp_fmt_pct(share(&rows[0], 0), a, sizeof a),
                           sp_fmt_pct(share(&rows[0], 1), b, sizeof b),
                           sp_fmt_pct(share(&rows[0], 2), c, sizeof c));
    long hi = -1, lo = -1;
    for (size_t i = 1; i < n; i++) {
        if (hi < 0 || share(&rows[i], 0) > share(&rows[hi], 0)) hi = (long)i;
        if (lo < 0 || share(&rows[i], 0) < share(&rows[lo], 0)) lo = (long)i;
    }
    char x[64], y[64];
    if (hi > 0 && hi != lo)
        g_string_append_printf(s, " Typically positive: highest in %s, %s; lowest in %s, %s.",
                               rows[hi].name, chart_share_label(rows[hi].share[0], x, sizeof x),
                               rows[lo].name, chart_share_label(rows[lo].share[0], y, sizeof y));
    g_free(rows);
    return g_string_free(s, FALSE);
}

static void csv(const sp_context *ctx, chart_data *out)
{
    const char *head[] = {"area", "inspections_count", "positive_count", "positive_share",
                          "inconsistent_count", "inconsistent_share", "systemic_count",
                          "systemic_share"};
    chart_row(out, G_N_ELEMENTS(head), head);
    row *rows;
    size_t n = collect(ctx, &rows);
    for (size_t i = 0; i < n; i++) {
        char v[7][32];
        const char *f[8] = {rows[i].name, chart_csv_num(rows[i].inspections, v[0], 32)};
        for (int k = 0; k < N_OUT; k++) {
            f[2 + 2 * k] = chart_csv_num(rows[i].count[k] ? rows[i].count[k]->value : NAN,
                                         v[1 + 2 * k], 32);
            f[3 + 2 * k] = chart_csv_num(rows[i].share[k] ? rows[i].share[k]->value : NAN,
                                         v[2 + 2 * k], 32);
        }
        chart_row(out, G_N_ELEMENTS(f), f);
    }
    g_free(rows);
}

static void draw(chart_frame *f)
{
    row *rows;
    size_t n = collect(f->ctx, &rows);
    double lh = chart_text_h(f, CHART_LABEL_PT);
    double key_h = chart_key(f, f->px, f->py, f->pw, OUT_NAME, OUT_RGB, OUT_HATCH, N_OUT);
    double top = f->py + key_h + CHART_PAD, axis_y = f->py + f->ph - (lh + 2);
    const char **names = g_new0(const char *, n + 1);
    char (*right)[32] = g_malloc0_n(n + 1, 32);
    double rw = 0;
    for (size_t i = 0; i < n; i++) {
        char c[16];
        names[i] = rows[i].name;
        g_snprintf(right[i], 32, "%s inspected%s", sp_fmt_count(rows[i].inspections, c, sizeof c),
                   rows[i].inspections < SP_TEMPLATE_SMALL_BASE ? SP_TEMPLATE_MARKER : "");
        rw = fmax(rw, chart_text_w(f, right[i], CHART_LABEL_PT, false));
    }
    chart_rows r;
    chart_rows_layout(f, names, n, top, axis_y, 0.3, &r);
    double span = f->px + f->pw - r.x0 - rw - CHART_GAP - 2, scale = span;
    chart_axis_x(f, r.x0, scale, 1.0, top, axis_y, CHART_FMT_PCT, 5);
    chart_rows_draw_labels(f, &r);
    for (size_t i = 0; i < n; i++) {
        double y = chart_rows_mid(&r, i), x = r.x0;
        for (int k = 0; k < N_OUT; k++) {
            double w = share(&rows[i], k) * scale;
            if (w <= 0)
                continue;
            chart_rect(f, x, y - r.bar / 2, w, r.bar, OUT_RGB[k], rows[i].name);
            if (OUT_HATCH[k])
                chart_hatch(f, x, y - r.bar / 2, w, r.bar);
            if (x > r.x0)
                chart_line(f, x, y - r.bar / 2, x, y + r.bar / 2, 0.75, 0xFFFFFF, 0, 0);
            char p[16];
            sp_fmt_pct(share(&rows[i], k), p, sizeof p);
            double tw = chart_text_w(f, p, CHART_LABEL_PT, false);
            if (tw + 8 <= w && lh <= r.bar + 2) {
                if (OUT_HATCH[k]) { /* a solid patch under the label */
                    cairo_rectangle(f->cr, x + w / 2 - tw / 2 - 3, y - lh / 2, tw + 6, lh);
                    chart_set_rgb(f->cr, OUT_RGB[k]);
                    cairo_fill(f->cr);
                }
                chart_label(f, p, CHART_LABEL_PT, false, x + w / 2, y,
                            CHART_CENTRE | CHART_MIDDLE, OUT_TEXT[k], -1);
            }
            x += w;
        }
        chart_label(f, right[i], CHART_LABEL_PT, false, r.x0 + scale + CHART_GAP + 2, y,
                    CHART_LEFT | CHART_MIDDLE, SP_TEXT_SECONDARY, -1);
    }
    if (n > 1) /* set England apart from the regions */
        chart_line(f, f->px, r.top + r.pitch, f->px + f->pw, r.top + r.pitch, 0.5,
                   SP_TEXT_SECONDARY, 0, 0);
    chart_rows_free(&r);
    g_free(right);
    g_free(names);
    g_free(rows);
}

static double min_plot(chart_frame *f) { return chart_rows_need(f, f->figs->n_regions_2023 + 1, 4); }

const chart_kind chart_outcomes_2023 = {
    .id = "outcomes-2023", .available = available, .title = title, .subtitle = subtitle,
    .notes = notes, .source_figure = SP_ID_OUTCOME_INSPECTIONS_COUNT, .alt_text = alt_text,
    .csv = csv, .draw = draw, .min_plot = min_plot,
};
