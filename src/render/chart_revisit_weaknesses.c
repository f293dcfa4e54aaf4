/* chart_revisit_weaknesses.c: "revisit-weaknesses", the share of significant
 * weaknesses where sufficient progress was and was not made at revisit, by
 * Ofsted region: 100% bars, progress made in dark blue from the left and
 * not made in orange to the right, the two parts named directly above the
 * first bar, and each bar labelled with the share made, "90% (9 of 10)".
 *
 * Design choice: shares, not counts, so a region with more weaknesses does
 * not look worse for having more; the regions come in the order of
 * wsoa-by-region (share with a WSoA, highest first) so the same region sits
 * in the same place in both charts; regions with no revisit are left out
 * and the notes say so. */
#include "chart_frame.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sendpack/format.h"
#include "sendpack/ids_inspections.h"
#include "sendpack/template.h"

typedef struct row {
    const char *name;
    double order;             /* the region's WSoA share: Figure 1's order */
    const sp_figure *share;   /* share made; NULL: no weakness assessed at revisit */
    double made, not_made;
} row;

static int by_order(const void *a, const void *b)
{
    const row *x = a, *y = b;
    if (x->order != y->order)
        return x->order < y->order ? 1 : -1;
    return strcmp(x->name, y->name);
}

/* Every region in Figure 1's order; *shown counts those with a share (they
 * come first among equals only by that order). Caller g_free()s. */
static size_t collect(const sp_context *ctx, row **out)
{
    const sp_figures *fg = ctx->figs;
    row *rows = g_new0(row, fg->n_regions + 1);
    for (size_t i = 0; i < fg->n_regions; i++) {
        const char *r = fg->regions[i].slug;
        const sp_figure *s = chart_fig(ctx, SP_IDF_REGION_REVISITS_PROGRESS_MADE_SHARE, r);
        rows[i] = (row){fg->regions[i].name, chart_val(ctx, -1, SP_IDF_REGION_WSOA_SHARE, r),
                        s && s->has_ratio && s->denominator > 0 ? s : NULL,
                        chart_val(ctx, 0, SP_IDF_REGION_REVISITS_PROGRESS_MADE, r),
                        chart_val(ctx, 0, SP_IDF_REGION_REVISITS_PROGRESS_NOT_MADE, r)};
    }
    qsort(rows, fg->n_regions, sizeof *rows, by_order);
    *out = rows;
    return fg->n_regions;
}

/* The regions with a share, in order, moved to the front; returns how many. */
static size_t shown(row *rows, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i].share) {
            row r = rows[i];
            memmove(rows + k + 1, rows + k, (i - k) * sizeof *rows);
            rows[k++] = r;
        }
    return k;
}

static bool available(const sp_context *ctx)
{
    row *rows;
    size_t n = collect(ctx, &rows), k = shown(rows, n);
    g_free(rows);
    return k > 0;
}

static char *title(const sp_context *ctx)
{
    const sp_figure *s = chart_fig(ctx, SP_ID_REVISITS_PROGRESS_MADE_SHARE);
    if (!s || !s->has_ratio || s->denominator <= 0)
        return g_strdup("Progress on significant weaknesses at revisit, by region");
    char b[64];
    return g_strdup_printf("At revisit, areas had made sufficient progress on %s of their "
                           "significant weaknesses", chart_share_label(s, b, sizeof b));
}

static char *subtitle(const sp_context *ctx)
{
    char d[32];
    return g_strdup_printf("Share of significant weaknesses in revisited areas where sufficient "
                           "progress was and was not made, by Ofsted region; revisits "
                           "published by %s", chart_as_at(ctx, d, sizeof d));
}

static char *notes(const sp_context *ctx)
{
    row *rows;
    size_t n = collect(ctx, &rows), k = shown(rows, n);
    GString *s = g_string_new("Dark blue: sufficient progress made; orange: not made. Regions "
                              "in the same order as the chart of areas that needed a written "
                              "statement of action.");
    bool small = false;
    for (size_t i = 0; i < k; i++)
        small |= sp_template_small_base(rows[i].share);
    if (small)
        g_string_append(s, " \u2020 Fewer than 10 weaknesses assessed: the share should not be "
                           "quoted on its own.");
    if (k < n) {
        g_string_append(s, " Left out, with no revisit published:");
        for (size_t i = k; i < n; i++)
            g_string_append_printf(s, "%s %s", i > k ? (i + 1 == n ? " and" : ",") : "",
                                   rows[i].name);
        g_string_append_c(s, '.');
    }
    g_free(rows);
    return g_string_free(s, FALSE);
}

/* "90%† (9 of 10)": the share made. */
static void label_of(const row *r, char *buf, size_t n)
{
    char p[16], a[32], b[32];
    g_snprintf(buf, n, "%s%s (%s of %s)", sp_fmt_pct(r->share->value, p, sizeof p),
               sp_template_small_base(r->share) ? SP_TEMPLATE_MARKER : "",
               sp_fmt_count(r->share->numerator, a, sizeof a),
               sp_fmt_count(r->share->denominator, b, sizeof b));
}

static char *alt_text(const sp_context *ctx)
{
    row *rows;
    size_t n = collect(ctx, &rows), k = shown(rows, n);
    (void)n;
    size_t hi = 0, lo = 0;
    for (size_t i = 1; i < k; i++) {
        if (rows[i].share->value > rows[hi].share->value)
            hi = i;
        if (rows[i].share->value < rows[lo].share->value)
            lo = i;
    }
    char a[64], b[64];
    char *s = g_strdup_printf(
        "Bar chart by Ofsted region of the share of significant weaknesses where sufficient "
        "progress was made at revisit, the rest not made. Highest: %s, %s; lowest: %s, %s.",
        rows[hi].name, chart_share_label(rows[hi].share, a, sizeof a), rows[lo].name,
        chart_share_label(rows[lo].share, b, sizeof b));
    g_free(rows);
    return s;
}

static void csv(const sp_context *ctx, chart_data *out)
{
    const char *head[] = {"region", "weaknesses_progress_made", "weaknesses_progress_not_made",
                          "share_progress_made"};
    chart_row(out, G_N_ELEMENTS(head), head);
    row *rows;
    size_t n = collect(ctx, &rows), k = shown(rows, n);
    for (size_t i = 0; i < k; i++) {
        char a[32], b[32], c[32];
        const char *f[] = {rows[i].name, chart_csv_num(rows[i].made, a, sizeof a),
                           chart_csv_num(rows[i].not_made, b, sizeof b),
                           chart_csv_num(rows[i].share->value, c, sizeof c)};
        chart_row(out, G_N_ELEMENTS(f), f);
    }
    g_free(rows);
}

static void draw(chart_frame *f)
{
    row *rows;
    size_t n = collect(f->ctx, &rows), k = shown(rows, n);
    (void)n;
    double lh = chart_text_h(f, CHART_LABEL_PT);
    /* the direct labels of the two parts, when the rows leave room */
    double band = f->ph >= chart_rows_need(f, k, 3) ? lh + 3 : 0;
    double axis_y = f->py + f->ph - (lh + 2);
    const char **names = g_new0(const char *, k + 1);
    typedef char label_buf[96];
    label_buf *labels = g_new0(label_buf, k + 1);
    double *ends = g_new0(double, k + 1), *lw = g_new0(double, k + 1);
    for (size_t i = 0; i < k; i++) {
        names[i] = rows[i].name;
        label_of(&rows[i], labels[i], sizeof labels[i]);
        ends[i] = 1;
        lw[i] = chart_text_w(f, labels[i], CHART_LABEL_PT, false) + CHART_GAP;
    }
    chart_rows r;
    chart_rows_layout(f, names, k, f->py + band, axis_y, 0.3, &r);
    double span = f->px + f->pw - r.x0;
    double scale = chart_fit_scale(span, ends, lw, k, 1);
    chart_axis_x(f, r.x0, scale, 1, f->py + band, axis_y, CHART_FMT_PCT, 5);
    chart_rows_draw_labels(f, &r);
    for (size_t i = 0; i < k; i++) {
        double y = chart_rows_mid(&r, i) - r.bar / 2, m = rows[i].share->value * scale;
        chart_rect(f, r.x0, y, m, r.bar, SP_DARK_BLUE, rows[i].name);
        chart_rect(f, r.x0 + m, y, scale - m, r.bar, SP_ORANGE, rows[i].name);
        if (m > 0 && m < scale) /* a white divider between the parts */
            chart_line(f, r.x0 + m, y, r.x0 + m, y + r.bar, 0.75, 0xFFFFFF, 0, 0);
        chart_label(f, labels[i], CHART_LABEL_PT, false, r.x0 + scale + 2 * CHART_GAP,
                    chart_rows_mid(&r, i), CHART_LEFT | CHART_MIDDLE, SP_TEXT, -1);
    }
    /* direct labels over the parts of the first bar, instead of a key */
    double ly = r.top + (r.pitch - r.bar) / 2 - 2;
    const char *made = "Sufficient progress made";
    if (chart_text_w(f, made, CHART_LABEL_PT, true) + chart_text_w(f, "Not made", CHART_LABEL_PT, true) +
            4 * CHART_GAP > scale)
        made = "Made"; /* a narrow chart */
    if (chart_text_w(f, made, CHART_LABEL_PT, true) + chart_text_w(f, "Not made", CHART_LABEL_PT, true) +
            2 * CHART_GAP > scale) /* too narrow for both: the notes name the parts */
        made = NULL;
    if (made && band > 0) {
        chart_label(f, made, CHART_LABEL_PT, true, r.x0, ly, CHART_LEFT | CHART_BOTTOM,
                    SP_DARK_BLUE, -1);
        chart_label(f, "Not made", CHART_LABEL_PT, true, r.x0 + scale, ly,
                    CHART_RIGHT | CHART_BOTTOM, SP_TEXT, -1);
    }
    chart_rows_free(&r);
    g_free(lw);
    g_free(ends);
    g_free(labels);
    g_free(names);
    g_free(rows);
}

/* rows, the axis and the band of direct labels */
static double min_plot(chart_frame *f) { return chart_rows_need(f, f->figs->n_regions, 3); }

const chart_kind chart_revisit_weaknesses = {
    .id = "revisit-weaknesses", .available = available, .title = title, .subtitle = subtitle,
    .notes = notes, .source_figure = SP_ID_REVISITS_PROGRESS_MADE_SHARE,
    .alt_text = alt_text, .csv = csv, .draw = draw, .min_plot = min_plot,
};
