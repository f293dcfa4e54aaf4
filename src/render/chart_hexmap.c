/* chart_hexmap.c: "hexmap", every local area of the hex map layout
 * (--hexmap) as one equal hexagon, coloured by the outcome of its area SEND
 * inspection (written statement of action required, not required, not
 * inspected), with the regions outlined and named beside the map; and
 * hexmap_draw, the same map with one area picked out (the profiles'
 * locator map, chart_area.c).
 *
 * Design choice: the map's geometry (each hex's centre, from the layout's
 * odd/even rows or columns, and its neighbour across each edge) is worked
 * out once in the view (stats); here the map is only scaled into the plot.
 * Region names go outside the map, on the side nearer their region, each
 * with a thin line to a hex of it, so no label covers a hexagon. */
#include "chart_area.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sendpack/ids_areas.h"
#include "sendpack/ids_inspections.h"
#include "sendpack/format.h"

#define GREY_OTHER 0xE3E3E3   /* locator: hexes of other regions */
#define GREY_REGION 0xB1B4B6  /* locator: hexes of the area's region */
#define GREY_NONE 0xD9D9D9    /* not inspected */

hex_status hex_status_of(const sp_context *ctx, const char *key)
{
    const sp_figure *w = key ? chart_fig(ctx, SP_IDF_AREA_WSOA, key) : NULL;
    if (!w)
        return HEX_NOT_INSPECTED;
    return w->value ? HEX_WSOA : HEX_NO_WSOA;
}

const char *hex_status_slug(hex_status s)
{
    static const char *const n[] = {"not_inspected", "no_wsoa", "wsoa"};
    return s < HEX_N ? n[s] : "";
}

const char *hex_status_words(hex_status s)
{
    static const char *const n[] = {"Not inspected", "No written statement of action",
                                    "Written statement of action required"};
    return s < HEX_N ? n[s] : "";
}

unsigned hex_status_rgb(hex_status s)
{
    /* the outcome that is bad is never the colour that reads as good */
    static const unsigned c[] = {GREY_NONE, SP_TURQUOISE, SP_DARK_PINK};
    return s < HEX_N ? c[s] : GREY_NONE;
}

/* ---- geometry ---- */

typedef struct placed {
    double ox, oy, s;   /* origin and points per hex radius */
} placed;

static void hex_point(const sp_view *v, const placed *p, const sp_hex_view *h, double *x,
                      double *y)
{
    *x = p->ox + h->x * p->s;
    *y = p->oy + h->y * p->s;
}

/* The outline of a hex of radius rad at (cx, cy), corner by corner
 * (sp_hex_corner_deg, view.h). */
static void hex_path(cairo_t *cr, bool pointy, double cx, double cy, double rad)
{
    for (int k = 0; k < 6; k++) {
        double a = sp_hex_corner_deg(pointy, k) * G_PI / 180.0;
        double x = cx + rad * cos(a), y = cy + rad * sin(a);
        if (k)
            cairo_line_to(cr, x, y);
        else
            cairo_move_to(cr, x, y);
    }
    cairo_close_path(cr);
}

static bool same_region(const sp_hex_view *a, const sp_hex_view *b)
{
    return a->region && b->region && strcmp(a->region, b->region) == 0;
}

/* ---- region names ---- */

typedef struct region_label {
    const char *name;
    double cx, cy;        /* centroid of its hexes (points) */
    size_t n;
    long target;          /* the hex the line goes to */
    bool left;            /* named on the left of the map */
    double y;             /* label's vertical centre */
    double w, h;          /* its width on one line; its height as drawn */
} region_label;

static int by_y(const void *a, const void *b)
{
    const region_label *x = a, *y = b;
    return x->y < y->y ? -1 : x->y > y->y;
}

static size_t regions_of(const sp_view *v, const char *only, region_label **out)
{
    GPtrArray *names = g_ptr_array_new();
    for (size_t i = 0; i < v->n_hexes; i++) {
        const char *r = v->hexes[i].region;
        if (!r || (only && strcmp(r, only) != 0))
            continue;
        bool seen = false;
        for (guint j = 0; j < names->len && !seen; j++)
            seen = strcmp(g_ptr_array_index(names, j), r) == 0;
        if (!seen)
            g_ptr_array_add(names, (gpointer)r);
    }
    region_label *l = g_new0(region_label, names->len + 1);
    for (guint j = 0; j < names->len; j++)
        l[j] = (region_label){.name = g_ptr_array_index(names, j), .target = -1};
    size_t n = names->len;
    g_ptr_array_free(names, TRUE);
    *out = l;
    return n;
}

/* Centroids in hex units, the side, and the hex each name points to: the
 * region's outermost hex on its side, nearest its centroid's row. */
static void place_regions(const sp_view *v, region_label *l, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        double sx = 0, sy = 0;
        size_t c = 0;
        for (size_t i = 0; i < v->n_hexes; i++)
            if (v->hexes[i].region && strcmp(v->hexes[i].region, l[j].name) == 0) {
                sx += v->hexes[i].x;
                sy += v->hexes[i].y;
                c++;
            }
        l[j].n = c;
        l[j].cx = c ? sx / (double)c : 0;
        l[j].cy = c ? sy / (double)c : 0;
        l[j].left = l[j].cx < v->hex_w / 2;
        double best = INFINITY;
        for (size_t i = 0; i < v->n_hexes; i++) {
            const sp_hex_view *h = &v->hexes[i];
            if (!h->region || strcmp(h->region, l[j].name) != 0)
                continue;
            double out = l[j].left ? h->x : v->hex_w - h->x; /* distance from the side */
            double score = out + 0.35 * fabs(h->y - l[j].cy);
            if (score < best) {
                best = score;
                l[j].target = (long)i;
            }
        }
    }
}

/* Spread the labels of one side so they do not overlap, within [top, bottom]
 * when they fit there (else from top down). */
static void spread(region_label *l, size_t n, double top, double bottom)
{
    qsort(l, n, sizeof *l, by_y);
    for (size_t j = n; j-- > 0;) {
        double max = j + 1 < n ? l[j + 1].y - l[j + 1].h / 2 - 2 - l[j].h / 2
                               : bottom - l[j].h / 2;
        if (l[j].y > max)
            l[j].y = max;
    }
    for (size_t j = 0; j < n; j++) {
        double min = j ? l[j - 1].y + l[j - 1].h / 2 + 2 + l[j].h / 2 : top + l[j].h / 2;
        if (l[j].y < min)
            l[j].y = min;
    }
}

bool hexmap_draw(chart_frame *f, double x, double y, double w, double h, const char *highlight)
{
    const sp_view *v = f->ctx->view;
    if (!v || !v->n_hexes || w <= 0 || h <= 0)
        return false;
    const sp_hex_view *hi = highlight ? sp_view_hex(v, highlight) : NULL;
    const char *hi_region = hi ? hi->region : NULL;
    double lh = chart_text_h(f, AREA_LABEL_PT);

    /* the names beside the map: all regions, or the highlighted area */
    region_label *rl = NULL;
    size_t nr = highlight ? 0 : regions_of(v, NULL, &rl);
    if (highlight) {
        rl = g_new0(region_label, 2);
        if (hi) {
            rl[0] = (region_label){.name = hi->name, .target = (long)(hi - v->hexes),
                                   .cx = hi->x, .cy = hi->y, .left = hi->x < v->hex_w / 2};
            nr = 1;
        }
    } else {
        place_regions(v, rl, nr);
    }
    double wl = 0, wr = 0;
    for (size_t j = 0; j < nr; j++) {
        rl[j].w = chart_text_w(f, rl[j].name, AREA_LABEL_PT, highlight != NULL);
        if (rl[j].left)
            wl = MAX(wl, rl[j].w);
        else
            wr = MAX(wr, rl[j].w);
    }
    double lead = 14.0; /* room for the line between a name and the map */
    double ml = wl > 0 ? wl + lead : 0, mr = wr > 0 ? wr + lead : 0;
    /* never let names squeeze the map below half the width */
    if (ml + mr > w / 2) {
        double k = (w / 2) / (ml + mr);
        ml *= k;
        mr *= k;
    }
    placed p;
    p.s = MIN((w - ml - mr) / v->hex_w, h / v->hex_h);
    if (p.s <= 0) {
        g_free(rl);
        return false;
    }
    double mw = v->hex_w * p.s, mh = v->hex_h * p.s;
    p.ox = x + ml + (w - ml - mr - mw) / 2;
    p.oy = y + (h - mh) / 2;
    double rad = p.s;
    cairo_t *cr = f->cr;

    /* the hexes: one path, and one fill, for each colour (in the order the
     * colours first appear), not one for each hex: a PDF or SVG surface
     * handles each fill on its own, and a map has a few colours but 150
     * hexes (they never overlap, so the order of fills is not seen) */
    unsigned *rgb = g_new(unsigned, v->n_hexes), *colours = g_new(unsigned, v->n_hexes);
    size_t n_colours = 0;
    for (size_t i = 0; i < v->n_hexes; i++) {
        const sp_hex_view *e = &v->hexes[i];
        if (!highlight)
            rgb[i] = hex_status_rgb(hex_status_of(f->ctx, e->key));
        else if (e == hi)
            rgb[i] = SP_DARK_BLUE;
        else
            rgb[i] = hi_region && e->region && strcmp(e->region, hi_region) == 0 ? GREY_REGION
                                                                                 : GREY_OTHER;
        size_t c = 0;
        while (c < n_colours && colours[c] != rgb[i])
            c++;
        if (c == n_colours)
            colours[n_colours++] = rgb[i];
    }
    for (size_t c = 0; c < n_colours; c++) {
        for (size_t i = 0; i < v->n_hexes; i++) {
            if (rgb[i] != colours[c])
                continue;
            double cx, cy;
            hex_point(v, &p, &v->hexes[i], &cx, &cy);
            hex_path(cr, v->hex_pointy, cx, cy, rad * 0.94);
        }
        chart_set_rgb(cr, colours[c]);
        cairo_fill(cr);
    }
    for (size_t i = 0; i < v->n_hexes; i++) {
        const sp_hex_view *e = &v->hexes[i];
        double cx, cy;
        hex_point(v, &p, e, &cx, &cy);
        if (!highlight || e == hi)
            chart_mark(f, cx - rad * 0.8, cy - rad * 0.8, rad * 1.6, rad * 1.6, rgb[i], e->name);
    }
    g_free(rgb);
    g_free(colours);
    /* region boundaries: the edges between hexes of two regions */
    cairo_save(cr);
    cairo_set_line_width(cr, MAX(0.8, rad * 0.16));
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    chart_set_rgb(cr, SP_TEXT);
    for (size_t i = 0; i < v->n_hexes; i++) {
        double cx, cy;
        hex_point(v, &p, &v->hexes[i], &cx, &cy);
        for (int k = 0; k < 6; k++) {
            long j = v->hexes[i].next[k];
            if (j < (long)i || same_region(&v->hexes[i], &v->hexes[j]))
                continue; /* each edge once; none inside a region or at the coast */
            if (!v->hexes[i].region && !v->hexes[j].region)
                continue;
            if (highlight) { /* the locator outlines the area's region only */
                bool a = hi_region && v->hexes[i].region &&
                         strcmp(v->hexes[i].region, hi_region) == 0;
                bool b = hi_region && v->hexes[j].region &&
                         strcmp(v->hexes[j].region, hi_region) == 0;
                if (a == b)
                    continue;
            }
            double a0 = sp_hex_corner_deg(v->hex_pointy, k) * G_PI / 180.0;
            double a1 = sp_hex_corner_deg(v->hex_pointy, k + 1) * G_PI / 180.0;
            cairo_move_to(cr, cx + rad * cos(a0), cy + rad * sin(a0));
            cairo_line_to(cr, cx + rad * cos(a1), cy + rad * sin(a1));
        }
    }
    cairo_stroke(cr);
    cairo_restore(cr);
    if (hi) { /* the area again, outlined, over the boundaries */
        double cx, cy;
        hex_point(v, &p, hi, &cx, &cy);
        hex_path(cr, v->hex_pointy, cx, cy, rad * 1.05);
        chart_set_rgb(cr, SP_TEXT);
        cairo_set_line_width(cr, MAX(1.0, rad * 0.2));
        cairo_stroke(cr);
    }

    /* the names, spread on each side, each with a line to its hex */
    for (size_t j = 0; j < nr; j++) /* level with the hex each name points to */
        rl[j].y = p.oy + v->hexes[rl[j].target].y * p.s;
    region_label *left = g_new0(region_label, nr + 1), *right = g_new0(region_label, nr + 1);
    size_t nl = 0, nrt = 0;
    for (size_t j = 0; j < nr; j++) {
        if (rl[j].left)
            left[nl++] = rl[j];
        else
            right[nrt++] = rl[j];
    }
    for (size_t j = 0; j < nl + nrt; j++) { /* heights as wrapped beside the map */
        region_label *e = j < nl ? &left[j] : &right[j - nl];
        double avail = j < nl ? p.ox - 6 - x : x + w - (p.ox + mw + 6);
        PangoLayout *pl = chart_layout(f, e->name, AREA_LABEL_PT, highlight != NULL, avail);
        int lw, lhh;
        pango_layout_get_size(pl, &lw, &lhh);
        e->h = MAX(lh, lhh / (double)PANGO_SCALE);
        g_object_unref(pl);
    }
    spread(left, nl, y, y + h);
    spread(right, nrt, y, y + h);
    for (int side = 0; side < 2; side++) {
        region_label *s = side ? right : left;
        size_t n = side ? nrt : nl;
        for (size_t j = 0; j < n; j++) {
            double tx, ty;
            hex_point(v, &p, &v->hexes[s[j].target], &tx, &ty);
            double lx = side ? p.ox + mw + 6 : p.ox - 6;
            double avail = side ? x + w - lx : lx - x;
            sp_chart_box b = chart_label(f, s[j].name, AREA_LABEL_PT, highlight != NULL, lx,
                                         s[j].y, (side ? CHART_LEFT : CHART_RIGHT) | CHART_MIDDLE,
                                         SP_TEXT, avail);
            double ex = side ? b.x - 2 : b.x + b.w + 2;
            chart_line(f, ex, s[j].y, tx, ty, 0.6, SP_TEXT, 0, 0);
            cairo_arc(cr, tx, ty, MAX(1.0, rad * 0.22), 0, 2 * G_PI);
            chart_set_rgb(cr, SP_TEXT);
            cairo_fill(cr);
        }
    }
    g_free(left);
    g_free(right);
    g_free(rl);
    return true;
}

/* ---- the chart ---- */

static bool available(const sp_context *ctx)
{
    return ctx->view && ctx->view->n_hexes > 0 && chart_val(ctx, 0, SP_ID_INSPECTIONS_COUNT) > 0;
}

/* True when every region with an inspection has an area with a WSoA. */
static bool wsoa_in_every_region(const sp_context *ctx)
{
    const sp_figures *fg = ctx->figs;
    size_t with = 0;
    for (size_t r = 0; r < fg->n_regions; r++) {
        if (chart_val(ctx, 0, SP_IDF_REGION_INSPECTIONS_COUNT, fg->regions[r].slug) <= 0)
            continue;
        if (chart_val(ctx, 0, SP_IDF_REGION_WSOA_COUNT, fg->regions[r].slug) <= 0)
            return false;
        with++;
    }
    return with > 1;
}

static char *title(const sp_context *ctx)
{
    if (wsoa_in_every_region(ctx))
        return g_strdup("Areas required to produce a written statement of action were found "
                        "in every region");
    const sp_figure *s = chart_fig(ctx, SP_ID_WSOA_SHARE);
    if (!s || !s->has_ratio)
        return g_strdup("Local areas by the outcome of their area SEND inspection");
    char k[32], n[32], pc[16];
    return g_strdup_printf("%s of %s inspected areas (%s) were required to produce a written "
                           "statement of action",
                           sp_fmt_count(s->numerator, k, sizeof k),
                           sp_fmt_count(s->denominator, n, sizeof n),
                           sp_fmt_pct(s->value, pc, sizeof pc));
}

static char *subtitle(const sp_context *ctx)
{
    char d[32];
    return g_strdup_printf("Local areas by the outcome of their area SEND inspection%s, one "
                           "hexagon per area; inspections published by %s",
                           chart_framework(ctx), chart_as_at(ctx, d, sizeof d));
}

static char *notes(const sp_context *ctx)
{
    (void)ctx;
    return g_strdup("Each hexagon is one local area, placed near its neighbours; every area "
                    "has the same size, whatever its population. Lines mark the Ofsted "
                    "regions. Grey: no inspection published by that date.");
}

static char *alt_text(const sp_context *ctx)
{
    const sp_figure *s = chart_fig(ctx, SP_ID_WSOA_SHARE);
    char n[32], k[32], t[32], pc[16];
    GString *out = g_string_new(NULL);
    g_string_append_printf(out, "Hex map of the %s local areas of England, one hexagon each, "
                           "coloured by whether their area SEND inspection required a written "
                           "statement of action",
                           sp_fmt_count((double)ctx->view->n_hexes, n, sizeof n));
    if (s && s->has_ratio)
        g_string_append_printf(out, "; %s of %s inspected areas (%s) did",
                               sp_fmt_count(s->numerator, k, sizeof k),
                               sp_fmt_count(s->denominator, t, sizeof t),
                               sp_fmt_pct(s->value, pc, sizeof pc));
    g_string_append(out, ". The data behind the chart lists each area's outcome.");
    return g_string_free(out, FALSE);
}

static void csv(const sp_context *ctx, chart_data *out)
{
    const char *head[] = {"area_code", "area_name", "region", "outcome", "outcome_label",
                          "hex_q", "hex_r"};
    chart_row(out, G_N_ELEMENTS(head), head);
    const sp_view *v = ctx->view;
    for (size_t i = 0; v && i < v->n_hexes; i++) {
        const sp_hex_view *e = &v->hexes[i];
        hex_status s = hex_status_of(ctx, e->key);
        char q[16], r[16];
        g_snprintf(q, sizeof q, "%d", e->rec->q);
        g_snprintf(r, sizeof r, "%d", e->rec->r);
        const char *f[] = {e->rec->code, e->name ? e->name : "", e->region ? e->region : "",
                           hex_status_slug(s), hex_status_words(s), q, r};
        chart_row(out, G_N_ELEMENTS(f), f);
    }
}

static void draw(chart_frame *f)
{
    static const hex_status order[] = {HEX_WSOA, HEX_NO_WSOA, HEX_NOT_INSPECTED};
    const char *names[3];
    unsigned rgbs[3];
    for (int i = 0; i < 3; i++) {
        names[i] = hex_status_words(order[i]);
        rgbs[i] = hex_status_rgb(order[i]);
    }
    double kh = chart_key(f, f->px, f->py, f->pw, names, rgbs, NULL, 3);
    double top = f->py + kh + CHART_PAD;
    hexmap_draw(f, f->px, top, f->pw, f->py + f->ph - top, NULL);
}

static double min_plot(chart_frame *f)
{
    const sp_view *v = f->ctx->view;
    /* hexes at least 5 pt across the radius, and the key */
    return (v && v->n_hexes ? v->hex_h * 5.0 : 100) + 2 * chart_text_h(f, AREA_LABEL_PT) + 8;
}

const chart_kind chart_hexmap = {
    .id = "hexmap", .available = available, .title = title, .subtitle = subtitle,
    .notes = notes, .source_figure = SP_ID_INSPECTIONS_COUNT, .alt_text = alt_text, .csv = csv,
    .draw = draw, .min_plot = min_plot,
};
