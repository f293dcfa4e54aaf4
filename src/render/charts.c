/* charts.c: the list of charts, the one drawing entry point (sp_chart_draw)
 * and the collision check over what a drawing laid out (chart.h).
 *
 * Design choice: sp_chart_draw is the only way a chart is drawn, whether on
 * a PNG, SVG or PDF surface (chart_write.c), a recording surface (the tests)
 * or a briefing page: one code path for every format (DESIGN rule 7). */
#include "sendpack/chart.h"

#include <string.h>

#include "chart_area.h"
#include "chart_frame.h"
#include "svg_sink.h"

static const chart_kind *const KINDS[] = {
    &chart_wsoa_by_region, &chart_wsoa_by_year, &chart_timeline,
    &chart_revisit_outcomes, &chart_revisit_weaknesses, &chart_funding, &chart_high_needs,
    &chart_outcomes_2023, &chart_weaknesses_strip, &chart_ehcp_timeliness, &chart_hexmap,
};

/* Charts of one area (ctx->area_key), for the profiles: known to templates,
 * never written among the publication's charts. */
static const chart_kind *const AREA_KINDS[] = {&chart_area_context};

static const chart_kind *kind_of(const char *id)
{
    for (size_t i = 0; id && i < G_N_ELEMENTS(KINDS); i++)
        if (strcmp(KINDS[i]->id, id) == 0)
            return KINDS[i];
    for (size_t i = 0; id && i < G_N_ELEMENTS(AREA_KINDS); i++)
        if (strcmp(AREA_KINDS[i]->id, id) == 0)
            return AREA_KINDS[i];
    return NULL;
}

size_t sp_chart_count(void) { return G_N_ELEMENTS(KINDS); }

const char *sp_chart_id(size_t i) { return i < G_N_ELEMENTS(KINDS) ? KINDS[i]->id : NULL; }

bool sp_chart_known(const char *id) { return kind_of(id) != NULL; }

bool sp_chart_available(const sp_context *ctx, const char *id)
{
    const chart_kind *k = kind_of(id);
    return k && ctx && ctx->figs && k->available(ctx);
}

char *sp_chart_title(const sp_context *ctx, const char *id)
{
    const chart_kind *k = kind_of(id);
    return k ? k->title(ctx) : NULL;
}

char *sp_chart_subtitle(const sp_context *ctx, const char *id)
{
    const chart_kind *k = kind_of(id);
    return k ? k->subtitle(ctx) : NULL;
}

char *sp_chart_alt_text(const sp_context *ctx, const char *id)
{
    const chart_kind *k = kind_of(id);
    if (!k)
        return NULL;
    if (!sp_chart_available(ctx, id))
        return g_strdup("This chart has no data to show for this publication.");
    return k->alt_text(ctx);
}

char *sp_chart_notes(const sp_context *ctx, const char *id)
{
    const chart_kind *k = kind_of(id);
    if (!k || !k->notes || !sp_chart_available(ctx, id))
        return NULL;
    return k->notes(ctx);
}

char *sp_chart_csv(const sp_context *ctx, const char *id)
{
    const chart_kind *k = kind_of(id);
    if (!k)
        return NULL;
    chart_data out = {.csv = g_string_new(NULL)};
    k->csv(ctx, &out);
    return g_string_free(out.csv, FALSE);
}

GPtrArray *sp_chart_rows(const sp_context *ctx, const char *id)
{
    const chart_kind *k = kind_of(id);
    if (!k)
        return NULL;
    chart_data out = {.rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev)};
    k->csv(ctx, &out);
    return out.rows;
}

int sp_chart_draw_boxes(cairo_t *cr, double width_pt, double height_pt,
                        const sp_context *ctx, const char *id, unsigned flags,
                        sp_chart_boxes *boxes, sp_diags *diags)
{
    const chart_kind *k = kind_of(id);
    if (!k) {
        sp_diags_error(diags, NULL, 0, 0, "unknown chart \"%s\"", id ? id : "");
        return 2;
    }
    if (!(width_pt > 0 && height_pt > 0)) {
        sp_diags_error(diags, NULL, 0, 0, "chart %s: size %gx%g points is empty", id,
                       width_pt, height_pt);
        return 2;
    }
    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, width_pt, height_pt);
    cairo_clip(cr);
    chart_frame f = {.cr = cr, .w = width_pt, .h = height_pt, .ctx = ctx,
                     .flags = flags, .boxes = boxes,
                     .svg = k->svg_marks ? svg_sink_of(cr) : NULL};
    chart_frame_begin(&f, k);
    if (sp_chart_available(ctx, id))
        k->draw(&f);
    else
        chart_empty(&f, "No data to show for this publication.");
    chart_frame_end(&f);
    cairo_restore(cr);
    cairo_status_t st = cairo_status(cr);
    if (st != CAIRO_STATUS_SUCCESS) {
        sp_diags_error(diags, NULL, 0, 0, "chart %s: drawing failed: %s", id,
                       cairo_status_to_string(st));
        return 1;
    }
    return 0;
}

int sp_chart_draw(cairo_t *cr, double width_pt, double height_pt, const sp_context *ctx,
                  const char *id, unsigned flags, sp_diags *diags)
{
    return sp_chart_draw_boxes(cr, width_pt, height_pt, ctx, id, flags, NULL, diags);
}

int sp_chart_layout_boxes(const sp_context *ctx, const char *id, double width_pt,
                          double height_pt, unsigned flags, sp_chart_boxes *boxes,
                          sp_diags *diags)
{
    cairo_rectangle_t ext = {0, 0, width_pt, height_pt};
    cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
    cairo_t *cr = cairo_create(s);
    int rc = sp_chart_draw_boxes(cr, width_pt, height_pt, ctx, id, flags, boxes, diags);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return rc;
}

void sp_chart_boxes_free(sp_chart_boxes *boxes)
{
    if (!boxes)
        return;
    for (size_t i = 0; i < boxes->n; i++)
        g_free(boxes->items[i].text);
    g_free(boxes->items);
    *boxes = (sp_chart_boxes){0};
}

#define TOLERANCE 0.25 /* points: logical boxes of adjacent lines may touch */

size_t sp_chart_boxes_check(const sp_chart_boxes *boxes, double width_pt, double height_pt,
                            char **problem)
{
    size_t bad = 0;
    char *first = NULL;
    for (size_t i = 0; i < boxes->n; i++) {
        const sp_chart_box *a = &boxes->items[i];
        if (a->kind != SP_CHART_BOX_TEXT)
            continue;
        if (a->x < -TOLERANCE || a->y < -TOLERANCE || a->x + a->w > width_pt + TOLERANCE ||
            a->y + a->h > height_pt + TOLERANCE) {
            bad++;
            if (!first)
                first = g_strdup_printf("\"%s\" (%.1f,%.1f %.1fx%.1f) leaves the %.1fx%.1f canvas",
                                        a->text, a->x, a->y, a->w, a->h, width_pt, height_pt);
        }
        for (size_t j = i + 1; j < boxes->n; j++) {
            const sp_chart_box *b = &boxes->items[j];
            if (b->kind != SP_CHART_BOX_TEXT)
                continue;
            double ox = MIN(a->x + a->w, b->x + b->w) - MAX(a->x, b->x);
            double oy = MIN(a->y + a->h, b->y + b->h) - MAX(a->y, b->y);
            if (ox > TOLERANCE && oy > TOLERANCE) {
                bad++;
                if (!first)
                    first = g_strdup_printf("\"%s\" overlaps \"%s\" by %.1fx%.1f pt", a->text,
                                            b->text, ox, oy);
            }
        }
    }
    if (problem)
        *problem = first;
    else
        g_free(first);
    return bad;
}

/* Labels that touch another label, leave the canvas, or cross a mark (a
 * bar, dot or line) of chart id drawn w x h (bare); -1 when it cannot be
 * laid out. */
static long crossings(const sp_context *ctx, const char *id, double w, double h)
{
    sp_chart_boxes boxes = {0};
    sp_diags quiet = {0};
    long n = -1;
    if (sp_chart_layout_boxes(ctx, id, w, h, SP_CHART_BARE, &boxes, &quiet) == 0) {
        n = (long)sp_chart_boxes_check(&boxes, w, h, NULL);
        /* a label crosses a mark where their boxes overlap by more than
         * TOLERANCE inside both edges: unlike two labels, a mark may be a
         * line thinner than TOLERANCE */
        for (size_t i = 0; i < boxes.n; i++)
            for (size_t j = 0; j < boxes.n; j++) {
                const sp_chart_box *t = &boxes.items[i], *m = &boxes.items[j];
                if (t->kind == SP_CHART_BOX_TEXT && m->kind == SP_CHART_BOX_MARK &&
                    t->x < m->x + m->w - TOLERANCE && m->x < t->x + t->w - TOLERANCE &&
                    t->y < m->y + m->h - TOLERANCE && m->y < t->y + t->h - TOLERANCE)
                    n++;
            }
    }
    sp_chart_boxes_free(&boxes);
    sp_diags_free(&quiet);
    return n;
}

bool sp_chart_reads_at(const sp_context *ctx, const char *id, double width_pt, double height_pt,
                       double own_height_pt)
{
    long at = crossings(ctx, id, width_pt, height_pt);
    long own = crossings(ctx, id, width_pt, own_height_pt);
    return at >= 0 && own >= 0 && at <= own;
}
