/* chart_frame.c: the frame every chart draws in: the title block (finding,
 * measure and as-at date, "Illustrative data"), the foot (notes, source), and
 * text and marks that are recorded as boxes as they are drawn.
 *
 * Design choice: a chart never calls Pango or cairo_fill for a label or a bar
 * directly; it goes through chart_put/chart_rect, so every text box and mark
 * on the page is in the record that the collision check and the tests read. */
#include "chart_frame.h"
#include "briefing_doc.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "sendpack/format.h"
#include "sendpack/text.h"
#include "sendpack/ids_inspections.h"
#include "svg_sink.h"

#define MARGIN 8.0      /* canvas edge to text, points */
#define BARE_MARGIN 2.0

/* ---- figures ---- */

static const sp_figure *fig_v(const sp_context *ctx, const char *fmt, va_list ap)
{
    if (!ctx || !ctx->figs)
        return NULL;
    char id[256];
    int n = g_vsnprintf(id, sizeof id, fmt, ap);
    if (n < 0 || (size_t)n >= sizeof id)
        return NULL;
    return sp_figures_get(ctx->figs, id);
}

const sp_figure *chart_fig(const sp_context *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const sp_figure *f = fig_v(ctx, fmt, ap);
    va_end(ap);
    return f;
}

double chart_val(const sp_context *ctx, double fallback, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const sp_figure *f = fig_v(ctx, fmt, ap);
    va_end(ap);
    return f ? f->value : fallback;
}

const char *chart_as_at(const sp_context *ctx, char *buf, size_t n)
{
    sp_date d = ctx && ctx->figs ? ctx->figs->as_at : 0;
    if (!d)
        d = (sp_date)chart_val(ctx, 0, SP_ID_AS_AT);
    if (d)
        sp_date_long(d, buf, n);
    else
        g_strlcpy(buf, "the latest publication", n);
    return buf;
}

const char *chart_framework(const sp_context *ctx)
{
    return ctx && ctx->figs && ctx->figs->has_2023 ? " (2016 framework)" : "";
}

const char *chart_share_label(const sp_figure *fig, char *buf, size_t n)
{
    if (!fig) {
        g_strlcpy(buf, "", n);
        return buf;
    }
    char p[16], k[32], t[32];
    sp_fmt_pct(fig->value, p, sizeof p);
    if (fig->has_ratio)
        g_snprintf(buf, n, "%s (%s of %s)", p, sp_fmt_count(fig->numerator, k, sizeof k),
                   sp_fmt_count(fig->denominator, t, sizeof t));
    else
        g_strlcpy(buf, p, n);
    return buf;
}

/* ---- recording ---- */

static void record(chart_frame *f, sp_chart_box_kind kind, double x, double y, double w,
                   double h, unsigned rgb, const char *text)
{
    sp_chart_boxes *b = f->boxes;
    if (!b)
        return;
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->items = g_renew(sp_chart_box, b->items, b->cap);
    }
    b->items[b->n++] = (sp_chart_box){kind, x, y, w, h, rgb, g_strdup(text ? text : "")};
}

void chart_set_rgb(cairo_t *cr, unsigned rgb)
{
    sp_rgb c = SP_RGB_HEX(rgb);
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* ---- text ---- */

PangoLayout *chart_layout(chart_frame *f, const char *text, double size_pt, bool bold,
                          double wrap_pt)
{
    return sp_text_layout_shared(f->pc, text, size_pt, bold, wrap_pt);
}

double chart_text_w(chart_frame *f, const char *text, double size_pt, bool bold)
{
    return sp_text_width(f->pc, text, size_pt, bold);
}

double chart_text_h(chart_frame *f, double size_pt)
{
    PangoLayout *l = sp_text_layout_shared(f->pc, "Xg", size_pt, false, -1);
    double h;
    sp_text_size(l, NULL, &h);
    g_object_unref(l);
    return h;
}

sp_chart_box chart_put(chart_frame *f, PangoLayout *l, double x, double y, int anchor,
                       unsigned rgb)
{
    PangoRectangle lr;
    pango_layout_get_extents(l, NULL, &lr);
    double lx = (double)lr.x / PANGO_SCALE, ly = (double)lr.y / PANGO_SCALE;
    double w = (double)lr.width / PANGO_SCALE, h = (double)lr.height / PANGO_SCALE;
    double bx = x, by = y;
    if (anchor & CHART_CENTRE)
        bx -= w / 2;
    else if (anchor & CHART_RIGHT)
        bx -= w;
    if (anchor & CHART_MIDDLE)
        by -= h / 2;
    else if (anchor & CHART_BOTTOM)
        by -= h;
    if (anchor & CHART_BACKED && f->svg) {
        svg_sink_rect(f->svg, f->cr, bx - 1, by, w + 2, h, 0xFFFFFF);
    } else if (anchor & CHART_BACKED) {
        cairo_rectangle(f->cr, bx - 1, by, w + 2, h);
        cairo_set_source_rgb(f->cr, 1, 1, 1);
        cairo_fill(f->cr);
    }
    chart_set_rgb(f->cr, rgb);
    sp_text_draw(f->cr, l, bx - lx, by - ly);
    record(f, SP_CHART_BOX_TEXT, bx, by, w, h, rgb, pango_layout_get_text(l));
    return (sp_chart_box){SP_CHART_BOX_TEXT, bx, by, w, h, rgb, NULL};
}

sp_chart_box chart_label(chart_frame *f, const char *text, double size_pt, bool bold,
                         double x, double y, int anchor, unsigned rgb, double wrap_pt)
{
    PangoLayout *l = chart_layout(f, text, size_pt, bold, wrap_pt);
    sp_chart_box b = chart_put(f, l, x, y, anchor, rgb);
    g_object_unref(l);
    return b;
}

/* ---- marks ---- */

void chart_rect(chart_frame *f, double x, double y, double w, double h, unsigned rgb,
                const char *what)
{
    if (w <= 0 || h <= 0)
        return;
    if (f->svg) {
        svg_sink_rect(f->svg, f->cr, x, y, w, h, rgb);
    } else {
        cairo_rectangle(f->cr, x, y, w, h);
        chart_set_rgb(f->cr, rgb);
        cairo_fill(f->cr);
    }
    record(f, SP_CHART_BOX_MARK, x, y, w, h, rgb, what);
}

void chart_mark(chart_frame *f, double x, double y, double w, double h, unsigned rgb,
                const char *what)
{
    record(f, SP_CHART_BOX_MARK, x, y, w, h, rgb, what);
}

void chart_dot_add(chart_frame *f, double cx, double cy, double r, unsigned rgb,
                   const char *what)
{
    if (f->svg) {
        svg_sink_circle(f->svg, f->cr, cx, cy, r, rgb);
    } else {
        cairo_new_sub_path(f->cr);
        cairo_arc(f->cr, cx, cy, r, 0, 2 * G_PI);
    }
    record(f, SP_CHART_BOX_MARK, cx - r, cy - r, 2 * r, 2 * r, rgb, what);
}

void chart_dots_fill(chart_frame *f, unsigned rgb)
{
    if (f->svg)
        return;
    chart_set_rgb(f->cr, rgb);
    cairo_fill(f->cr);
}

void chart_dot(chart_frame *f, double cx, double cy, double r, unsigned rgb,
               const char *what)
{
    chart_dot_add(f, cx, cy, r, rgb, what);
    chart_dots_fill(f, rgb);
}

void chart_line(chart_frame *f, double x0, double y0, double x1, double y1, double width,
                unsigned rgb, double dash, double halo)
{
    cairo_t *cr = f->cr;
    if (f->svg) {
        if (halo > 0)
            svg_sink_line(f->svg, cr, x0, y0, x1, y1, width + 2 * halo, 0xFFFFFF, 0);
        svg_sink_line(f->svg, cr, x0, y0, x1, y1, width, rgb, dash);
        return;
    }
    cairo_save(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    if (halo > 0) {
        cairo_move_to(cr, x0, y0);
        cairo_line_to(cr, x1, y1);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, width + 2 * halo);
        cairo_stroke(cr);
    }
    if (dash > 0)
        cairo_set_dash(cr, (double[]){dash, dash * 0.75}, 2, 0);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    chart_set_rgb(cr, rgb);
    cairo_set_line_width(cr, width);
    cairo_stroke(cr);
    cairo_restore(cr);
}

void chart_top_label(chart_frame *f, const char *text, double x, unsigned rgb)
{
    double right = f->px + f->pw;
    double tw = chart_text_w(f, text, CHART_LABEL_PT, false), lx = x - tw / 2;
    if (lx + tw > right)
        lx = right - tw;
    chart_label(f, text, CHART_LABEL_PT, false, lx, f->py, CHART_LEFT, rgb, -1);
}

void chart_empty(chart_frame *f, const char *message)
{
    chart_label(f, message, CHART_LABEL_PT, false, f->px + f->pw / 2, f->py + f->ph / 2,
                CHART_CENTRE | CHART_MIDDLE, SP_TEXT_SECONDARY, f->pw);
}

void chart_hatch(chart_frame *f, double x, double y, double w, double h)
{
    cairo_t *cr = f->cr;
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    for (double d = -h; d < w; d += 4.5) {
        cairo_move_to(cr, x + d, y + h);
        cairo_line_to(cr, x + d + h, y);
    }
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
    cairo_restore(cr);
}

double chart_key(chart_frame *f, double x, double y, double w, const char *const *names,
                 const unsigned *rgbs, const bool *hatched, size_t n)
{
    double lh = chart_text_h(f, CHART_LABEL_PT), sw = 8.0, cx = x, cy = y;
    for (size_t i = 0; i < n; i++) {
        double tw = chart_text_w(f, names[i], CHART_LABEL_PT, false);
        double iw = sw + CHART_GAP + tw;
        if (cx > x && cx + iw > x + w) {
            cx = x;
            cy += lh + 2;
        }
        chart_rect(f, cx, cy + (lh - sw) / 2, sw, sw, rgbs[i], names[i]);
        if (hatched && hatched[i])
            chart_hatch(f, cx, cy + (lh - sw) / 2, sw, sw);
        chart_label(f, names[i], CHART_LABEL_PT, false, cx + sw + CHART_GAP, cy, CHART_LEFT,
                    SP_TEXT, -1);
        cx += iw + 12.0;
    }
    return cy + lh - y;
}

/* ---- the title block and the foot ---- */

static char *foot_source(const chart_frame *f, const chart_kind *kind)
{
    const sp_figure *sf = kind->source_figure ? chart_fig(f->ctx, "%s", kind->source_figure)
                                              : NULL;
    if (!sf)
        sf = chart_fig(f->ctx, SP_ID_INSPECTIONS_COUNT);
    if (sf && sf->source && *sf->source) {
        char *name = sp_doc_source_name(f->ctx, sf->source);
        char *s = g_strdup_printf("Source: %s", name);
        g_free(name);
        return s;
    }
    return g_strdup("Source: the figures published with this pack");
}

/* One way of setting the title block and foot; tried from the most generous
 * to the most compact until the plot gets the room the chart asks for. */
typedef struct block_style {
    double title_pt, sub_pt;
    bool notes;
} block_style;

static const block_style STYLES[] = {
    {CHART_TITLE_PT, CHART_SUBTITLE_PT, true},
    {10, CHART_SUBTITLE_PT, true},
    {10, CHART_SUBTITLE_PT, false},
    {9, CHART_SUBTITLE_PT, false},
    {9, 0, false}, /* a small canvas: the title alone, text stays at 9 pt */
};

typedef struct block {
    PangoLayout *tag, *title, *sub, *notes, *source;
    bool tag_above;      /* the tag on its own line above a full-width title */
    double top, bottom;  /* the plot area's top and bottom */
} block;

static void block_clear(block *b)
{
    PangoLayout *all[] = {b->tag, b->title, b->sub, b->notes, b->source};
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
        if (all[i])
            g_object_unref(all[i]);
    *b = (block){0};
}

static double height_of(PangoLayout *l)
{
    double h = 0;
    if (l)
        sp_text_size(l, NULL, &h);
    return h;
}

#define MARGIN_TAG_PAD 3.0

/* Lay out (not draw) the title block and foot in style st. */
static void block_layout(chart_frame *f, const chart_kind *kind, const block_style *st,
                         const char *title, const char *sub, const char *notes,
                         const char *source, block *b)
{
    *b = (block){0};
    double inner = f->w - 2 * MARGIN, tag_w = 0, tag_h = 0;
    if (f->ctx && f->ctx->settings && f->ctx->settings->illustrative) {
        b->tag = chart_layout(f, "Illustrative data", CHART_LABEL_PT, true, -1);
        sp_text_size(b->tag, &tag_w, &tag_h);
        tag_w += 2 * MARGIN_TAG_PAD;
        tag_h += 2;
    }
    b->title = chart_layout(f, title, st->title_pt, true, tag_w > 0 ? inner - tag_w - CHART_PAD : inner);
    if (b->tag) {
        /* Beside the title, or above it when that makes the block shorter. */
        PangoLayout *wide = chart_layout(f, title, st->title_pt, true, inner);
        if (tag_h + 2 + height_of(wide) < fmax(height_of(b->title), tag_h)) {
            g_object_unref(b->title);
            b->title = wide;
            b->tag_above = true;
        } else {
            g_object_unref(wide);
        }
    }
    b->sub = st->sub_pt > 0 ? chart_layout(f, sub, st->sub_pt, false, inner) : NULL;
    b->source = chart_layout(f, source, CHART_FOOT_PT, false, inner);
    if (st->notes && notes && *notes)
        b->notes = chart_layout(f, notes, CHART_FOOT_PT, false, inner);
    double head = b->tag_above ? tag_h + 2 + height_of(b->title)
                               : fmax(height_of(b->title), tag_h);
    b->top = MARGIN + head + 1 + height_of(b->sub) + CHART_PAD;
    b->bottom = f->h - MARGIN - height_of(b->source) - height_of(b->notes) - CHART_PAD;
}

void chart_frame_begin(chart_frame *f, const chart_kind *kind)
{
    f->figs = f->ctx ? f->ctx->figs : NULL;
    f->pc = sp_text_context_new(f->cr);
    if (f->flags & SP_CHART_BARE) {
        f->px = f->py = BARE_MARGIN;
        f->pw = f->w - 2 * BARE_MARGIN;
        f->ph = f->h - 2 * BARE_MARGIN;
        return;
    }
    f->px = MARGIN;
    f->pw = f->w - 2 * MARGIN;
    /* no-break spaces in dates and between a number and its unit, as on
     * the briefing's pages (a title had split "20 | weeks") */
    char *texts[] = {kind->title(f->ctx), kind->subtitle(f->ctx),
                     kind->notes ? kind->notes(f->ctx) : NULL, foot_source(f, kind)};
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
        char *t = sp_doc_typeset(texts[i], false);
        g_free(texts[i]);
        texts[i] = t;
    }
    char *title = texts[0], *sub = texts[1], *notes = texts[2], *source = texts[3];
    double need = kind->min_plot && f->figs && kind->available(f->ctx) ? kind->min_plot(f)
                                                                        : 0;
    if (need < 0.4 * f->h)
        need = 0.4 * f->h;
    block b = {0};
    for (size_t i = 0; i < G_N_ELEMENTS(STYLES); i++) {
        block_clear(&b);
        block_layout(f, kind, &STYLES[i], title, sub, notes, source, &b);
        if (b.bottom - b.top >= need)
            break;
    }
    double y = MARGIN;
    if (b.tag) {
        double tw, th;
        sp_text_size(b.tag, &tw, &th);
        double bx = f->w - MARGIN - tw - 2 * MARGIN_TAG_PAD;
        cairo_rectangle(f->cr, bx, y, tw + 2 * MARGIN_TAG_PAD, th + 2);
        chart_set_rgb(f->cr, SP_BANNER);
        cairo_fill(f->cr);
        chart_put(f, b.tag, bx + MARGIN_TAG_PAD, y + 1, CHART_LEFT, SP_TEXT);
        if (b.tag_above)
            y += th + 4;
    }
    sp_chart_box tb = chart_put(f, b.title, MARGIN, y, CHART_LEFT, SP_TEXT);
    double head = tb.y + tb.h;
    if (b.tag && !b.tag_above)
        head = fmax(head, MARGIN + height_of(b.tag) + 2);
    if (b.sub)
        chart_put(f, b.sub, MARGIN, head + 1, CHART_LEFT, SP_TEXT_SECONDARY);
    double bottom = f->h - MARGIN;
    chart_put(f, b.source, MARGIN, bottom, CHART_BOTTOM, SP_TEXT_SECONDARY);
    bottom -= height_of(b.source);
    if (b.notes)
        chart_put(f, b.notes, MARGIN, bottom, CHART_BOTTOM, SP_TEXT_SECONDARY);
    f->py = b.top;
    f->ph = b.bottom - b.top;
    block_clear(&b);
    g_free(title);
    g_free(sub);
    g_free(notes);
    g_free(source);
}

double chart_rows_need(chart_frame *f, size_t rows, int extra_lines)
{
    double lh = chart_text_h(f, CHART_LABEL_PT);
    return (double)rows * (lh + 0.5) + extra_lines * (lh + 2) + CHART_PAD;
}

void chart_frame_end(chart_frame *f)
{
    if (f->pc)
        g_object_unref(f->pc);
    f->pc = NULL;
}
