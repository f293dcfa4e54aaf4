/* text.c: Pango layouts in the house font (text.h). Font options are fixed on
 * the context rather than taken from the surface, so the same label has the
 * same size on PNG, SVG and PDF and layout decisions never differ by format. */
#include "sendpack/text.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <string.h>

#include "sendpack/format.h"
#include "sendpack/style.h"
#include "svg_sink.h"

PangoContext *sp_text_context_new(cairo_t *cr)
{
    PangoContext *pc = pango_cairo_create_context(cr);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(pc, 72.0);
    pango_context_set_round_glyph_positions(pc, FALSE);
    return pc;
}

PangoLayout *sp_text_layout(PangoContext *pc, const char *text, double size_pt,
                            bool bold, double wrap_pt)
{
    PangoLayout *l = pango_layout_new(pc);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family_static(fd, SP_FONT_FAMILY);
    pango_font_description_set_absolute_size(fd, size_pt * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (wrap_pt > 0) {
        pango_layout_set_width(l, (int)(wrap_pt * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

void sp_text_size(PangoLayout *layout, double *w, double *h)
{
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    if (w)
        *w = (double)(logical.x + logical.width) / PANGO_SCALE;
    if (h)
        *h = (double)logical.height / PANGO_SCALE;
}

void sp_text_draw(cairo_t *cr, PangoLayout *layout, double x, double y)
{
    GString *sink = svg_sink_of(cr);
    if (sink) {
        svg_sink_text(sink, cr, layout, x, y);
        return;
    }
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
}

/* Laid-out text kept for the process: a chart's headings, tick labels and
 * words repeat on every area's page and profile, and shaping them is most
 * of what drawing a small chart costs. The key is everything a layout
 * depends on (its context's matrix, as a PNG scales it, size, weight, wrap
 * width and text; the font options are fixed by sp_text_context_new). Only
 * the cache may change a kept layout, so it is shared as it is. Two
 * generations of at most LAYOUTS_MAX each: when the current one is full
 * it becomes the old one (the one before is dropped), and a layout found in
 * the old one moves back, so the words every page repeats stay while each
 * area's own (its name, its values) come and go. */
#define LAYOUTS_MAX 2048
static GHashTable *layouts, *old_layouts;

/* One number of a key and the space after it (sp_fmt_number: printf's
 * digits without printf). */
static void key_number(GString *key, double v)
{
    char buf[32];
    g_string_append(key, sp_fmt_number(v, buf, sizeof buf));
    g_string_append_c(key, ' ');
}

PangoLayout *sp_text_layout_shared(PangoContext *pc, const char *text, double size_pt,
                                   bool bold, double wrap_pt)
{
    const PangoMatrix *m = pango_context_get_matrix(pc);
    if (!text)
        text = "";
    GString *k = g_string_sized_new(64 + strlen(text));
    key_number(k, (double)lround(size_pt * 1000));
    key_number(k, (double)lround(wrap_pt * 1000));
    key_number(k, (double)lround((m ? m->xx : 1) * 1e6));
    key_number(k, (double)lround((m ? m->yy : 1) * 1e6));
    key_number(k, bold);
    g_string_append(k, text);
    char *key = g_string_free(k, FALSE);
    PangoLayout *l = layouts ? g_hash_table_lookup(layouts, key) : NULL;
    if (l) {
        g_free(key);
        return g_object_ref(l);
    }
    if (!layouts)
        layouts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
    gpointer old_key = NULL, old = NULL;
    if (old_layouts && g_hash_table_steal_extended(old_layouts, key, &old_key, &old)) {
        g_free(old_key);
        l = old;
    } else {
        l = sp_text_layout(pc, text, size_pt, bold, wrap_pt);
    }
    if (g_hash_table_size(layouts) >= LAYOUTS_MAX) {
        if (old_layouts)
            g_hash_table_destroy(old_layouts);
        old_layouts = layouts;
        layouts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
    }
    g_hash_table_insert(layouts, key, g_object_ref(l));
    return l;
}

double sp_text_width(PangoContext *pc, const char *text, double size_pt, bool bold)
{
    PangoLayout *l = sp_text_layout_shared(pc, text, size_pt, bold, -1);
    double w;
    sp_text_size(l, &w, NULL);
    g_object_unref(l);
    return w;
}

void sp_text_release_fonts(void)
{
    if (layouts)
        g_hash_table_destroy(layouts);
    if (old_layouts)
        g_hash_table_destroy(old_layouts);
    layouts = old_layouts = NULL;
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    FcFini();
}
