/* chart_strip.c: "weaknesses-strip", one dot per area that needed a written
 * statement of action, placed at the number of significant weaknesses it
 * identified, one row per Ofsted region, with the England median marked.
 *
 * Design choice: the counts are whole numbers, so areas with the same count
 * in a region are stacked exactly at the value, never jittered: the picture
 * is the same on every run. A stack too tall for its row stands in two or
 * more columns side by side, centred on the value, so its dots stay apart
 * rather than merging into what reads as a bar. Each area's
 * count comes from the figures (area.<key>.*), its region from the view. */
#include "chart_frame.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sendpack/format.h"
#include "sendpack/ids_areas.h"
#include "sendpack/ids_inspections.h"

typedef struct dot {
    const char *key, *name;
    size_t region;            /* index into figs->regions */
    double weaknesses;
} dot;

static int by_place(const void *a, const void *b)
{
    const dot *x = a, *y = b;
    if (x->region != y->region)
        return x->region < y->region ? -1 : 1;
    if (x->weaknesses != y->weaknesses)
        return x->weaknesses < y->weaknesses ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* Area i's dot, if it needed a WSoA and its region is known. region_of
 * holds the region texts already matched (n_seen of them, at most one per
 * region): the areas share a few region names, so each is slugged once
 * rather than once per area (at 148,000 areas these look-ups were most of
 * the chart's time). */
typedef struct {
    const char *text;
    size_t region;
} seen_region;

static bool area_dot(const sp_context *ctx, size_t i, seen_region *seen, size_t *n_seen, dot *out)
{
    const sp_figures *fg = ctx->figs;
    const char *k = fg->areas[i].slug;
    if (chart_val(ctx, 0, SP_IDF_AREA_WSOA, k) != 1)
        return false;
    const sp_figure *w = chart_fig(ctx, SP_IDF_AREA_WEAKNESSES, k);
    const sp_area_view *av = sp_view_area(ctx->view, k);
    if (!w || !av || !av->rec2016 || !av->rec2016->rec->region)
        return false;
    const char *region = av->rec2016->rec->region;
    for (size_t s = 0; s < *n_seen; s++)
        if (strcmp(seen[s].text, region) == 0) {
            *out = (dot){k, fg->areas[i].name, seen[s].region, w->value};
            return true;
        }
    char *rs = sp_slug(region);
    bool found = false;
    for (size_t r = 0; r < fg->n_regions && !found; r++)
        if (strcmp(fg->regions[r].slug, rs) == 0) {
            *out = (dot){k, fg->areas[i].name, r, w->value};
            if (*n_seen < fg->n_regions)
                seen[(*n_seen)++] = (seen_region){region, r};
            found = true;
        }
    g_free(rs);
    return found;
}

static size_t collect(const sp_context *ctx, dot **out)
{
    const sp_figures *fg = ctx->figs;
    dot *dots = g_new0(dot, fg->n_areas + 1);
    seen_region *seen = g_new0(seen_region, fg->n_regions + 1);
    size_t n = 0, n_seen = 0;
    for (size_t i = 0; i < fg->n_areas; i++)
        if (area_dot(ctx, i, seen, &n_seen, &dots[n]))
            n++;
    g_free(seen);
    qsort(dots, n, sizeof *dots, by_place);
    *out = dots;
    return n;
}

/* Whether any area has a dot: the first one found is enough. */
static bool available(const sp_context *ctx)
{
    const sp_figures *fg = ctx->figs;
    seen_region *seen = g_new0(seen_region, fg->n_regions + 1);
    size_t n_seen = 0;
    dot d;
    bool any = false;
    for (size_t i = 0; i < fg->n_areas && !any; i++)
        any = area_dot(ctx, i, seen, &n_seen, &d);
    g_free(seen);
    return any;
}

static char *title(const sp_context *ctx)
{
    const sp_figure *m = chart_fig(ctx, SP_ID_WEAKNESSES_MEDIAN);
    const sp_figure *t = chart_fig(ctx, SP_ID_WEAKNESSES_TOTAL);
    if (!m)
        return g_strdup("Significant weaknesses identified in areas with a written statement "
                        "of action");
    char a[32], b[32];
    if (!t)
        return g_strdup_printf("Areas with a written statement of action had a median of %s "
                               "significant weaknesses", sp_fmt_number(m->value, a, sizeof a));
    return g_strdup_printf("Areas with a written statement of action had a median of %s "
                           "significant weaknesses (%s in all)", sp_fmt_number(m->value, a, sizeof a),
                           sp_fmt_count(t->value, b, sizeof b));
}

static char *subtitle(const sp_context *ctx)
{
    char d[32];
    return g_strdup_printf("Significant weaknesses in each area's written statement of action "
                           "(WSoA), one dot per area, by Ofsted region; published by %s",
                           chart_as_at(ctx, d, sizeof d));
}

static char *alt_text(const sp_context *ctx)
{
    dot *d;
    size_t n = collect(ctx, &d);
    size_t hi = 0, lo = 0;
    bool hi_tie = false, lo_tie = false;
    for (size_t i = 1; i < n; i++) {
        if (d[i].weaknesses > d[hi].weaknesses) { hi = i; hi_tie = false; }
        else if (d[i].weaknesses == d[hi].weaknesses) hi_tie = true;
        if (d[i].weaknesses < d[lo].weaknesses) { lo = i; lo_tie = false; }
        else if (d[i].weaknesses == d[lo].weaknesses) lo_tie = true;
    }
    char a[32], b[32], m[32];
    const sp_figure *med = chart_fig(ctx, SP_ID_WEAKNESSES_MEDIAN);
    GString *s = g_string_new("Dot plot of the significant weaknesses identified in each area "
                              "that needed a written statement of action, grouped by Ofsted "
                              "region");
    if (med)
        g_string_append_printf(s, ", with the England median of %s marked",
                               sp_fmt_number(med->value, m, sizeof m));
    g_string_append_printf(s, ". The most was %s (%s%s); the fewest was %s (%s%s).",
                           sp_fmt_count(d[hi].weaknesses, a, sizeof a), d[hi].name,
                           hi_tie ? " and others" : "", sp_fmt_count(d[lo].weaknesses, b, sizeof b),
                           d[lo].name, lo_tie ? " and others" : "");
    g_free(d);
    return g_string_free(s, FALSE);
}

static void csv(const sp_context *ctx, chart_data *out)
{
    const char *head[] = {"area_key", "area", "region", "weaknesses_identified"};
    chart_row(out, G_N_ELEMENTS(head), head);
    dot *d;
    size_t n = collect(ctx, &d);
    for (size_t i = 0; i < n; i++) {
        char v[32];
        const char *f[] = {d[i].key, d[i].name, ctx->figs->regions[d[i].region].name,
                           chart_csv_num(d[i].weaknesses, v, sizeof v)};
        chart_row(out, G_N_ELEMENTS(f), f);
    }
    const sp_figure *med = chart_fig(ctx, SP_ID_WEAKNESSES_MEDIAN);
    if (med) {
        char v[32];
        const char *f[] = {"", "Median (England)", "England", chart_csv_num(med->value, v, sizeof v)};
        chart_row(out, G_N_ELEMENTS(f), f);
    }
    g_free(d);
}

#define DOT_R 2.4
#define DOT_STEP 5.6  /* centre to centre */

static void draw(chart_frame *f)
{
    dot *d;
    size_t n = collect(f->ctx, &d);
    const sp_figures *fg = f->figs;
    const sp_figure *med = chart_fig(f->ctx, SP_ID_WEAKNESSES_MEDIAN);
    double lh = chart_text_h(f, CHART_LABEL_PT);
    double band = med ? lh + 2 : 0, axis_y = f->py + f->ph - (lh + 2);
    const char **names = g_new0(const char *, fg->n_regions + 1);
    for (size_t i = 0; i < fg->n_regions; i++)
        names[i] = fg->regions[i].name;
    double vmax = 1;
    for (size_t i = 0; i < n; i++)
        vmax = fmax(vmax, d[i].weaknesses);
    chart_rows r;
    chart_rows_layout(f, names, fg->n_regions, f->py + band, axis_y, 0.3, &r);
    /* Room for two columns of dots either side of 0 and of the largest count. */
    double span = f->px + f->pw - r.x0 - 2 * DOT_STEP;
    double scale = span / vmax, x0 = r.x0 + DOT_STEP;
    chart_axis_x(f, x0, scale, vmax, f->py + band, axis_y, CHART_FMT_COUNT, 8);
    chart_rows_draw_labels(f, &r);
    for (size_t i = 1; i < r.n; i++) /* light rules between regions */
        chart_line(f, x0, r.top + r.pitch * (double)i, f->px + f->pw, r.top + r.pitch * (double)i,
                   0.5, SP_GRID, 0, 0);
    if (med) {
        double x = x0 + med->value * scale;
        chart_line(f, x, f->py + band, x, axis_y, 1.0, SP_DARK_PINK, 3, 0);
        char buf[48], v[16];
        g_snprintf(buf, sizeof buf, "England median %s", sp_fmt_number(med->value, v, sizeof v));
        chart_top_label(f, buf, x, SP_DARK_PINK);
    }
    /* Dots: each run of equal counts in a region is centred exactly on its
     * count. A run that fits the row at full spacing is one column; a
     * longer one is laid out row by row in as many columns side by side as
     * it needs (never squeezed into one column, where its dots merged into
     * what read as a bar), no wider than 0.6 of a unit, with the dots made
     * smaller only when even that is too little. */
    double avail = fmax(0, r.pitch - 2 * DOT_R - 4); /* 2 pt clear of each edge */
    size_t per_col = (size_t)floor(avail / DOT_STEP) + 1;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && d[j].region == d[i].region && d[j].weaknesses == d[i].weaknesses)
            j++;
        size_t k = j - i, cols = (k + per_col - 1) / per_col;
        size_t rows = (k + cols - 1) / cols;
        double cx = x0 + d[i].weaknesses * scale, cy = chart_rows_mid(&r, d[i].region);
        double hstep = cols > 1 ? fmin(DOT_STEP, 0.6 * scale / (double)(cols - 1)) : DOT_STEP;
        double vstep = rows > 1 ? fmin(DOT_STEP, avail / (double)(rows - 1)) : DOT_STEP;
        double rad = fmin(DOT_R, 0.43 * fmin(hstep, vstep));
        for (size_t m = 0; m < k; m++) {
            size_t row = m / cols, col = m % cols;
            size_t in_row = MIN(cols, k - row * cols); /* the last row may be short */
            double x = cx + ((double)col - (double)(in_row - 1) / 2) * hstep;
            double y = cy + ((double)row - (double)(rows - 1) / 2) * vstep;
            chart_dot_add(f, x, y, rad, SP_DARK_BLUE, d[i + m].name);
        }
        i = j;
    }
    chart_dots_fill(f, SP_DARK_BLUE);
    chart_rows_free(&r);
    g_free(names);
    g_free(d);
}

static double min_plot(chart_frame *f) { return chart_rows_need(f, f->figs->n_regions, 2); }

const chart_kind chart_weaknesses_strip = {
    .id = "weaknesses-strip", .available = available, .title = title, .subtitle = subtitle,
    .notes = NULL, .source_figure = SP_ID_WEAKNESSES_TOTAL, .alt_text = alt_text,
    .csv = csv, .draw = draw, .min_plot = min_plot,
};
