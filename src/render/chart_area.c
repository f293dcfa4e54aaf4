/* chart_area.c: "area-context", the profile's picture of one area
 * (ctx->area_key) among all areas: a locator hex map with the area picked
 * out (when a hex map layout was given) beside dot charts placing the area
 * among every area with a written statement of action (weaknesses
 * identified) and every area revisited (share of weaknesses without
 * sufficient progress), England's value marked.
 *
 * Design choice: each dot chart stacks the areas with the same value (or
 * the same 5% band) into a column, so nothing is jittered and the area's
 * own dot, dark blue at the foot of its column, is always visible. Every
 * value is a figure (area.<key>.*), the same ones the area's own profile
 * quotes. With more areas than England has (over AREAS_LISTED_MAX in a
 * row: synthetic data at scale) a row draws a bar per column, as tall as
 * its count, and the CSV lists the columns instead of every area, so an
 * area's page or profile costs the same however many areas there are; the
 * columns are counted once per set of figures (chart_area_bins.c). */
#include "chart_area.h"

#include <math.h>
#include <string.h>

#include "sendpack/ids_areas.h"
#include "sendpack/ids_inspections.h"
#include "sendpack/format.h"

#define DOT_GREY 0xB1B4B6

typedef struct dot_row {
    const char *heading;
    const char *fmt;           /* figure of each area: a format of its key */
    const char *suffix;        /* what the CSV calls the measure */
    const char *england;       /* England's figure, marked on the axis */
    const char *england_words; /* "England median", "England" */
    bool share;                /* values are shares: 5% bands, axis 0-100% */
    const char *bars_heading;  /* the heading when columns are bars: %s the tallest's count */
} dot_row;

static const dot_row ROWS[] = {
    {"Significant weaknesses identified (each dot an area with a written statement of action)",
     SP_IDF_AREA_WEAKNESSES, "weaknesses_identified", SP_ID_WEAKNESSES_MEDIAN,
     "England median", false,
     "Significant weaknesses identified (bar heights: areas with a written statement of action, "
     "up to %s)"},
    {"Share of weaknesses without sufficient progress at revisit (each dot a revisited area)",
     SP_IDF_AREA_PROGRESS_NOT_MADE_SHARE, "share_without_sufficient_progress",
     SP_ID_REVISITS_PROGRESS_NOT_MADE_SHARE,
     "England", true,
     "Share of weaknesses without sufficient progress at revisit (bar heights: revisited areas, "
     "up to %s)"},
};

/* The figure of area key for a row: fmt is one of the literal formats above. */
static const sp_figure *area_fig(const sp_context *ctx, const char *fmt, const char *key)
{
    char *id = g_strdup_printf(fmt, key);
    const sp_figure *f = sp_figures_get(ctx->figs, id);
    g_free(id);
    return f;
}

static bool row_has(const sp_context *ctx, const dot_row *r)
{
    return ctx->area_key && area_fig(ctx, r->fmt, ctx->area_key) != NULL;
}

static bool has_hex(const sp_context *ctx)
{
    return ctx->area_key && ctx->view && sp_view_hex(ctx->view, ctx->area_key);
}

static size_t n_rows(const sp_context *ctx)
{
    size_t n = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(ROWS); i++)
        n += row_has(ctx, &ROWS[i]);
    return n;
}

static const char *area_name(const sp_context *ctx)
{
    const sp_area_view *av = ctx->area_key ? sp_view_area(ctx->view, ctx->area_key) : NULL;
    return av ? av->name : "The area";
}

static bool available(const sp_context *ctx)
{
    return ctx->area_key && (has_hex(ctx) || n_rows(ctx) > 0);
}

static char *title(const sp_context *ctx)
{
    const char *name = area_name(ctx);
    const sp_area_view *av = sp_view_area(ctx->view, ctx->area_key);
    const char *region = av && av->first && av->first->rec->region ? av->first->rec->region : "";
    if (!n_rows(ctx))
        return *region ? g_strdup_printf("%s, in the %s region", name, region)
                       : g_strdup_printf("Where %s is", name);
    return g_strdup_printf("%s among England's local areas", name);
}

static char *subtitle(const sp_context *ctx)
{
    char d[32];
    return g_strdup_printf("Inspections and revisits published by %s",
                           chart_as_at(ctx, d, sizeof d));
}

static char *notes(const sp_context *ctx)
{
    (void)ctx;
    return NULL;
}

static void value_text(const dot_row *r, double v, char *buf, size_t n)
{
    if (r->share)
        sp_fmt_pct(v, buf, n);
    else
        sp_fmt_count(v, buf, n);
}

static char *alt_text(const sp_context *ctx)
{
    GString *s = g_string_new(NULL);
    const char *name = area_name(ctx);
    if (has_hex(ctx))
        g_string_append_printf(s, "Hex map of England's local areas with %s picked out",
                               name);
    /* the area is named once: the values below are its own */
    for (size_t i = 0; i < G_N_ELEMENTS(ROWS); i++) {
        if (!row_has(ctx, &ROWS[i]))
            continue;
        const sp_figure *a = area_fig(ctx, ROWS[i].fmt, ctx->area_key);
        const sp_figure *e = chart_fig(ctx, "%s", ROWS[i].england);
        char av[32], ev[32];
        value_text(&ROWS[i], a->value, av, sizeof av);
        value_text(&ROWS[i], e ? e->value : NAN, ev, sizeof ev);
        g_string_append_printf(s, "%s%s%s: %s (%s %s)", s->len ? "; " : "",
                               s->len ? "" : name,
                               i == 0 ? (s->len ? "weaknesses identified" : "'s weaknesses identified")
                                      : "weaknesses without sufficient progress at revisit",
                               av, ROWS[i].england_words, e ? ev : "not known");
    }
    g_string_append_c(s, '.');
    return g_string_free(s, FALSE);
}

/* Up to this many areas with a value, a row draws a dot for each and the
 * CSV lists each of them (England has about 150 local areas); beyond it,
 * the row draws a bar per column and the CSV lists the columns, so each
 * area's page stays the same size however many areas there are. */
#define AREAS_LISTED_MAX 250

static void csv(const sp_context *ctx, chart_data *out)
{
    const sp_figures *fg = ctx->figs;
    bool listed = true;
    for (size_t r = 0; r < G_N_ELEMENTS(ROWS); r++)
        if (row_has(ctx, &ROWS[r]) && area_bins_get(fg, ROWS[r].fmt, ROWS[r].share)->n > AREAS_LISTED_MAX)
            listed = false;
    if (listed) {
        const char *head[] = {"measure", "area_key", "area_name", "value", "this_area"};
        chart_row(out, G_N_ELEMENTS(head), head);
    } else {
        /* too many areas to list on every area's page: the columns drawn */
        const char *head[] = {"measure", "value", "areas", "this_area_value"};
        chart_row(out, G_N_ELEMENTS(head), head);
    }
    for (size_t r = 0; r < G_N_ELEMENTS(ROWS); r++) {
        if (!row_has(ctx, &ROWS[r]))
            continue;
        const area_bins *b = area_bins_get(fg, ROWS[r].fmt, ROWS[r].share);
        if (listed) {
            for (size_t j = 0; j < b->n; j++) {
                const sp_group *a = &fg->areas[b->idx[j]];
                char v[32];
                const char *f[] = {ROWS[r].suffix, a->slug, a->name,
                                   chart_csv_num(b->value[j], v, sizeof v),
                                   strcmp(a->slug, ctx->area_key) == 0 ? "yes" : "no"};
                chart_row(out, G_N_ELEMENTS(f), f);
            }
            continue;
        }
        const sp_figure *mine = area_fig(ctx, ROWS[r].fmt, ctx->area_key);
        size_t my_bin = MIN((size_t)lround(mine->value / b->step), b->nb - 1);
        for (size_t k = 0; k < b->nb; k++) {
            char v[32], c[32], m[32];
            g_snprintf(c, sizeof c, "%zu", b->count[k]);
            const char *f[] = {ROWS[r].suffix, chart_csv_num(b->step * (double)k, v, sizeof v), c,
                               k == my_bin ? chart_csv_num(mine->value, m, sizeof m) : ""};
            chart_row(out, G_N_ELEMENTS(f), f);
        }
    }
}

/* The size of the dots (d, points apart) and how many side by side in each
 * column (k) for columns pitch wide and room high: k dots side by side when
 * that makes them bigger. */
static double dot_size(double pitch, double room, size_t most, size_t *k)
{
    double d = 0;
    *k = 1;
    for (size_t kk = 1; kk <= 4; kk++) {
        double dk = MIN(MIN(pitch * 0.9 / (double)kk, room / (double)((most + kk - 1) / kk)), 7.0);
        if (dk > d + 0.01) {
            d = dk;
            *k = kk;
        }
    }
    return d;
}

static double layout_h(PangoLayout *l)
{
    PangoRectangle lr;
    pango_layout_get_extents(l, NULL, &lr);
    return (double)lr.height / PANGO_SCALE;
}

/* The height of a column of n areas drawn as a bar, the tallest (most)
 * filling the room; any area shows. */
static double bar_h(size_t n, size_t most, double room)
{
    double h = most ? room * (double)n / (double)most : 0;
    return n && h < 0.5 ? 0.5 : h;
}

/* A row's heading laid out w wide: what its dots are, or (beyond
 * AREAS_LISTED_MAX areas) what its bars count. */
static PangoLayout *row_heading(chart_frame *f, const dot_row *r, double w)
{
    const area_bins *bins = area_bins_get(f->ctx->figs, r->fmt, r->share);
    if (bins->n <= AREAS_LISTED_MAX)
        return chart_layout(f, r->heading, AREA_LABEL_PT, true, w);
    char n[32];
    sp_fmt_count((double)bins->most, n, sizeof n);
    char *words = g_strdup_printf(r->bars_heading, n);
    PangoLayout *hl = chart_layout(f, words, AREA_LABEL_PT, true, w);
    g_free(words);
    return hl;
}

/* The least height (points) between a row's heading and its axis in which
 * its dots or bars are drawn: below it a row would be a heading over nothing. */
#define ROW_ROOM_MIN 10.0

/* Where a row drawn from y, h high, under its heading hl, has its dots:
 * from *top (room above them for the area's label) down to its *axis
 * (tick labels under it). */
static void row_span(chart_frame *f, PangoLayout *hl, double y, double h, double *top,
                     double *axis)
{
    double lh = chart_text_h(f, AREA_LABEL_PT);
    *top = y + layout_h(hl) + lh + 4;
    *axis = y + h - lh - 4;
}

/* Whether a row drawn w by h leaves its dots room under its heading. */
static bool row_fits(chart_frame *f, const dot_row *r, double w, double h)
{
    PangoLayout *hl = row_heading(f, r, w);
    double top, axis;
    row_span(f, hl, 0, h, &top, &axis);
    g_object_unref(hl);
    return axis - top >= ROW_ROOM_MIN;
}

/* One dot chart in (x, y, w, h): heading, stacked dots (or, beyond
 * AREAS_LISTED_MAX areas, a bar per column), axis. */
static void draw_row(chart_frame *f, const dot_row *r, double x, double y, double w, double h)
{
    const sp_context *ctx = f->ctx;
    const sp_figures *fg = ctx->figs;
    const area_bins *bins = area_bins_get(fg, r->fmt, r->share);
    size_t nb = bins->nb, most = bins->most;
    double step = bins->step, vmax = bins->vmax;
    const size_t *count = bins->count;
    double pad = 6.0, x0 = x + pad, span = w - 2 * pad;
    double pitch = span / (double)nb;
    /* the heading says dots or bars */
    bool bars = bins->n > AREAS_LISTED_MAX;
    PangoLayout *hl = row_heading(f, r, w);
    size_t k = 1;
    double top, axis;
    row_span(f, hl, y, h, &top, &axis);
    double d = bars ? MIN(pitch * 0.9, 7.0) : dot_size(pitch, axis - top, most, &k);
    chart_put(f, hl, x, y, CHART_LEFT, SP_TEXT);
    g_object_unref(hl);
    if (axis - top < ROW_ROOM_MIN)
        return;
    const sp_figure *mine = area_fig(ctx, r->fmt, ctx->area_key);
    size_t my_bin = mine ? (size_t)lround(mine->value / step) : 0;
    /* the axis: a line, 0 and the top value, England's mark */
    chart_line(f, x, axis, x + w, axis, 0.6, SP_TEXT_SECONDARY, 0, 0);
    const sp_figure *eng = chart_fig(ctx, "%s", r->england);
    char a[32], b[32], e[64];
    value_text(r, 0, a, sizeof a);
    value_text(r, vmax, b, sizeof b);
    double bx0 = x0 + pitch / 2, bx1 = x0 + pitch * ((double)nb - 0.5);
    sp_chart_box eb = {0};
    if (eng) {
        char ev[32];
        value_text(r, eng->value, ev, sizeof ev);
        g_snprintf(e, sizeof e, "%s %s", r->england_words, ev);
        double ex = x0 + pitch * (eng->value / step + 0.5);
        chart_line(f, ex, top - 2, ex, axis + 3, 0.8, SP_TEXT, 2.0, 0);
        double ew = chart_text_w(f, e, AREA_LABEL_PT, false);
        double lx = MIN(MAX(ex, x + ew / 2), x + w - ew / 2);
        eb = chart_label(f, e, AREA_LABEL_PT, false, lx, axis + 2, CHART_CENTRE | CHART_TOP,
                         SP_TEXT, -1);
    }
    double aw = chart_text_w(f, a, AREA_LABEL_PT, false), bw = chart_text_w(f, b, AREA_LABEL_PT, false);
    if (!eng || eb.x > bx0 - aw / 2 + aw + 3 || eb.x + eb.w < bx0 - aw / 2)
        chart_label(f, a, AREA_LABEL_PT, false, MAX(bx0, x + aw / 2), axis + 2,
                    CHART_CENTRE | CHART_TOP, SP_TEXT_SECONDARY, -1);
    if (!eng || eb.x + eb.w < bx1 - bw / 2 - 3 || eb.x > bx1 + bw / 2)
        chart_label(f, b, AREA_LABEL_PT, false, MIN(bx1, x + w - bw / 2), axis + 2,
                    CHART_CENTRE | CHART_TOP, SP_TEXT_SECONDARY, -1);
    double room = axis - top;
    /* the top of the area's column */
    double mark_top = bars ? (mine && my_bin < nb ? axis - MAX(bar_h(count[my_bin], most, room), d)
                                                  : axis - d)
                           : (mine ? axis - d * (double)((count[my_bin] + k - 1) / k) : axis);
    /* the area's label above every column it spans, and its leader line,
     * drawn first so that the other areas' dots and bars sit over it */
    char lbl[160] = "";
    double cx = 0, cy = 0, lx = 0, ly = 0;
    if (mine) {
        cx = x0 + pitch * ((double)my_bin + 0.5) - d * (double)(k - 1) / 2;
        cy = axis - d * 0.5;
        char mv[32];
        value_text(r, mine->value, mv, sizeof mv);
        g_snprintf(lbl, sizeof lbl, "%s: %s", area_name(ctx), mv);
        double lw = chart_text_w(f, lbl, AREA_LABEL_PT, true);
        ly = mark_top - 3;
        lx = MIN(MAX(cx, x + lw / 2), x + w - lw / 2);
        if (lw > w) {
            g_snprintf(lbl, sizeof lbl, "%s", mv);
            lw = chart_text_w(f, lbl, AREA_LABEL_PT, true);
            lx = cx;
        }
        for (size_t c = 0; c < nb; c++) {
            double mid = x0 + pitch * ((double)c + 0.5);
            double half = bars ? pitch * 0.4 : d * (double)k / 2;
            if (!count[c] || mid + half <= lx - lw / 2 || mid - half >= lx + lw / 2)
                continue;
            double ch = bars ? bar_h(count[c], most, room) : d * (double)((count[c] + k - 1) / k);
            ly = MIN(ly, axis - ch - 3);
        }
        chart_line(f, cx, ly, cx, cy - d * 0.5, 0.6, SP_TEXT, 0, 0);
    }
    if (bars) {
        /* each column a bar, its height the areas in it (the tallest fills the room) */
        for (size_t c = 0; c < nb; c++) {
            double bh = bar_h(count[c], most, room);
            chart_rect(f, x0 + pitch * ((double)c + 0.1), axis - bh, pitch * 0.8, bh, DOT_GREY,
                       "areas");
        }
    } else {
        /* the dots: the area's first, at the foot of its column */
        size_t *filled = g_new0(size_t, nb);
        if (mine)
            filled[my_bin] = 1;
        for (size_t j = 0; j < bins->n; j++) {
            if (strcmp(fg->areas[bins->idx[j]].slug, ctx->area_key) == 0)
                continue;
            size_t bn = bins->bin[j];
            double dx = x0 + pitch * ((double)bn + 0.5) +
                        d * ((double)(filled[bn] % k) - (double)(k - 1) / 2);
            double dy = axis - d * ((double)(filled[bn] / k) + 0.5);
            filled[bn]++;
            chart_dot_add(f, dx, dy, d * 0.42, DOT_GREY, fg->areas[bins->idx[j]].name);
        }
        chart_dots_fill(f, DOT_GREY);
        g_free(filled);
    }
    if (mine) {
        chart_dot(f, cx, cy, d * 0.5, SP_DARK_BLUE, area_name(ctx));
        /* backed: England's line may run behind it */
        chart_label(f, lbl, AREA_LABEL_PT, true, lx, ly,
                    CHART_CENTRE | CHART_BOTTOM | CHART_BACKED, SP_DARK_BLUE, -1);
    }
}

static double min_plot(chart_frame *f)
{
    (void)f;
    return 150;
}

static void draw(chart_frame *f)
{
    const sp_context *ctx = f->ctx;
    size_t nr = n_rows(ctx);
    bool map = has_hex(ctx);
    double x = f->px, y = f->py, w = f->pw, h = f->ph;
    double mapw = !map ? 0 : nr ? w * 0.42 : w;
    double rx = x + (map ? mapw + 16 : 0), rw = x + w - rx;
    /* one above the other, or side by side when the chart is short */
    bool across = nr > 1 && h / (double)nr < 96;
    double rh = across ? h : h / (double)nr, cw = across ? (rw - 16) / (double)nr : rw;
    /* shorter than the chart asks for (a profile that only fits with its
     * charts small): where a row would have no room for its dots, the map
     * is drawn alone, across the whole width, rather than headings over
     * nothing (the comparison table beside it gives the same figures) */
    bool rows = nr && rw > 40;
    if (rows && map && h < min_plot(f))
        for (size_t i = 0; i < G_N_ELEMENTS(ROWS) && rows; i++)
            if (row_has(ctx, &ROWS[i]) &&
                !row_fits(f, &ROWS[i], across ? cw : rw, across ? rh : rh - 6))
                rows = false;
    if (map)
        hexmap_draw(f, x, y, rows ? mapw : w, h, ctx->area_key);
    if (!rows)
        return;
    size_t k = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(ROWS); i++) {
        if (!row_has(ctx, &ROWS[i]))
            continue;
        if (across)
            draw_row(f, &ROWS[i], rx + (double)k * (cw + 16), y, cw, rh);
        else
            draw_row(f, &ROWS[i], rx, y + (double)k * rh + (k ? 6 : 0), rw, rh - (k ? 6 : 0));
        k++;
    }
}

const chart_kind chart_area_context = {
    .id = "area-context", .available = available, .title = title, .subtitle = subtitle,
    .notes = notes, .source_figure = SP_ID_INSPECTIONS_COUNT, .alt_text = alt_text, .csv = csv,
    .draw = draw, .min_plot = min_plot, .svg_marks = true,
};
